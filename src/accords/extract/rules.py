"""The named rules a record lists in ``rules``, with the guideline each implements."""

from __future__ import annotations

#: The named rules a record can list in ``rules`` ("field: rule"), with the guideline each
#: implements (corpus README, rules 1–14). Each is documented where it is applied.
RULES: dict[str, str] = {
    "agreement-and-action": "1: an agreement and an action in one sentence make a record",
    "date-in-title": "11: a year in the words of an undated signing ('an agreement in 2015')",
    "date-of-the-verb": "5, 11: the date nearest the signing verb in its sentence",
    "body-kind-first": "8: of two kinds told as often, the body's comes before the headline's",
    "typed-other": "8: a letter of intent or a twinning is one agreement, not a bare mention",
    "kind-said-next": "8: the next sentence opens with the agreement and says what it does",
    "kind-told-later": "8: a later bare mention says what the agreement does",
    "kind-by-subject": "8: the lexicon's kind rules over the title and the rest of its clause",
    "period-after-title": "2: the years right after the agreement's words are its period",
    "parties-by-role": "9: the states that act or are named as partners, not bystanders",
    "parties-from-capitals": "9: capitals named with the agreement or as the verb's subject",
    "parties-from-officials": "9: the states of the people who sign",
    "parties-from-lead": "9: the headline and lead complete a sentence naming one state",
    "party-from-host-capital": "9, 10: the capital where a bilateral is signed names its host",
    "plural-of-two": "2, 9: 'A and B signed agreements on X' is their agreement on X",
    "one-facing-many": "9: 'agreements with A and B' are one agreement per partner",
    "no-iso-code-is-other": "1, 9: a party without an ISO 3166-1 code goes to parties_other",
    "surname-for-full-name": "6, 13: 'Ruiz and Soto signed' lists the full names given before",
    "signers-named-by-role": "13: 'the two ministers signed' names the previous sentence's people",
    "citation-form": "6, 13: a signer named in an oblique case takes the form given elsewhere",
    "merging-never-widens": "9: a report naming more states adds bystanders, not parties",
    "signing-expected": "4: a signing the text says is expected, planned or postponed",
    "planned-step-announced": "12: 'will extend' or 'plans to end' the agreement is announced",
    "planned-signing-announced": "4: a future, modal or planned signing is announced",
    "ratification-law": "12: a head of state signing the ratification law ratifies",
    "decided-step": "12: a renewal or termination reported as decided is the step taken",
    "agreement-in-principle": "4: an agreement reached 'in principle' is only announced",
    "step-in-headline": "4: a later step the headline alone tells ('now in force') counts",
    "negotiation-announced": "4: an agreement under negotiation is announced, not signed",
    "approved-signing-announced": "4: approving the signing of an agreement signs nothing yet",
    "notice-of-withdrawal": "12: a notice of withdrawal given is a termination",
    "furthest-step": "4: the furthest legal step the text reports",
    "dated-mention": "11: an agreement named with its date was signed on that date",
    "treaty-formula": "10, 11: 'done at PLACE on DATE' places and dates the agreement",
    "list-under-verb": "2: a signing verb ending in a colon governs the listed agreements",
    "vague-head-kind": "8: a 'pact' or 'deal' takes the kind of the agreement it names",
    "analogous-kind": "8: a 'similar' agreement takes the kind of the one named before",
    "same-occasion": "11: an undated signing beside a dated one of the same parties",
    "dated-meeting": "10, 11: a dated meeting dates the signings reported at it",
    "meeting-place": "10: the city of the meeting or visit the signing happened at",
    "dateline-place": "10: a lead-sentence signing filed from the dateline's city",
    "old-date-background": "3: dated two or more years before the article's event",
    "accession-to-an-alliance": "8: joining a defence alliance is an alliance treaty with it",
    "approving-an-accession": "12: a state approving another's accession ratifies it",
    "dateline-is-today": "11: 'today' in a wire report is its dateline's day, not the upload's",
    "vote-is-no-signing-place": "10: the city where a parliament ratifies is not the place",
    "role-post-is-no-signing-place": "10: 'the ambassador in Lima, Name' serves there",
    "signed-in-next-sentence": "11: 'It was signed on …' speaks of the agreement just named",
    "elided-after-plural": "2: 'agreements, in particular on A and on B' names A and B;"
                           " 'agreements on A, on B and on C' names A, B and C",
    "vote-today-is-news": "3, 4: a ratification bill voted today keeps an old agreement news",
}


def _with(rules: tuple[str, ...], *added: str) -> tuple[str, ...]:
    """``rules`` with ``added``, sorted, each once (every entry must name a rule of RULES)."""
    for entry in added:
        if entry.split(": ", 1)[-1] not in RULES:
            raise KeyError(f"{entry!r} names no rule of accords.extract.RULES")
    return tuple(sorted({*rules, *added}))
