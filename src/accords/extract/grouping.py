"""Grouping: reports of one agreement merge, on evidence only (guideline 14)."""

from __future__ import annotations

from collections.abc import Iterable

from accords.extract.base import GENERIC_KINDS, _Candidate, _date_value


def _year_only_history(a: _Candidate, b: _Candidate) -> bool:
    """A year-dated act told outside the lead ("the agreement signed in 1994") is not the
    undated act the lead reports."""
    def old(c: _Candidate) -> bool:
        return (c.date is not None and c.date.attrs.get("precision") == "year"
                and not c.in_lead)
    return (old(a) and b.date is None and b.in_lead) or (old(b) and a.date is None and a.in_lead)


def _compatible(a: _Candidate, b: _Candidate) -> bool:
    if (a.listed_under is not None and a.listed_under == b.listed_under
            and a.agreement != b.agreement):
        return False
    if _year_only_history(a, b):
        return False
    if a.organization != b.organization:
        return False
    if a.arity and b.arity and a.arity != b.arity:
        return False  # rule *bilateral is not trilateral*: the title counts the parties
    if not (a.parties <= b.parties or b.parties <= a.parties):
        return False
    if a.kind != b.kind and not (a.generic or b.generic or a.head == b.head
                                 or a.vague or b.vague):
        return False  # a "pact" or "deal" may be the typed agreement (rule *vague head*)
    if (a.kind != b.kind and a.kind not in GENERIC_KINDS and b.kind not in GENERIC_KINDS
            and not (a.generic or b.generic)):
        return False  # two typed agreements of different kinds are two (guideline 14)
    pa = (a.period.norm if a.period else None)
    pb = (b.period.norm if b.period else None)
    if pa and pb and pa != pb:
        return False
    if a.action_name != b.action_name:
        return True  # different steps of one agreement: dates belong to different acts
    da, db = _date_value(a.date), _date_value(b.date)
    if da and db:
        n = min(len(da), len(db))
        if da[:n] != db[:n]:
            # a bare "the pact" dated "Tuesday" and the titled agreement dated "today" in a
            # quoted statement are one signing, reported a day apart
            return (a.generic or b.generic) and _days_apart(da, db) <= 3
    return True


def _days_apart(a: str, b: str) -> int:
    import datetime as dt

    if len(a) != 10 or len(b) != 10:
        return 10**6
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


#: The most groups a candidate is compared with: the latest ones that share its organisation
#: and parties. A news article has a few dozen records at most; a transcript or a digest
#: with hundreds of agreements of the same parties would otherwise cost time quadratic in
#: its length. A report of the same agreement older than that many groups starts a new one.
_POOL_MAX = 64


def _group(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    from itertools import combinations

    # Specific mentions first, so generic ones join them rather than the other way round.
    ordered = sorted(candidates, key=lambda c: (c.generic, c.sentence, c.agreement.start))
    groups: list[list[_Candidate]] = []
    # Only the groups a candidate could join are checked, in the same order: joining needs
    # compatibility with a group's first member, so the same organisation and parties nested
    # one way (the first member's among the candidate's) or the other (all of the
    # candidate's among the first member's).
    of_org: dict[str | None, list[int]] = {}
    by_first: dict[tuple[str | None, frozenset[str]], list[int]] = {}
    by_party: dict[tuple[str | None, str], list[int]] = {}
    for candidate in ordered:
        org, parties = candidate.organization, candidate.parties
        if parties and len(parties) <= 8:
            within = sorted(parties)
            pool = set().union(*(by_first.get((org, frozenset(subset)), [])[-_POOL_MAX:]
                                 for size in range(len(within) + 1)
                                 for subset in combinations(within, size)))
            holding = sorted((set(by_party.get((org, p), [])[-_POOL_MAX:]) for p in parties),
                             key=len)
            pool |= holding[0].intersection(*holding[1:])
            order: Iterable[int] = sorted(pool)[-_POOL_MAX:]
        else:
            order = of_org.get(org, [])[-_POOL_MAX:]
        for i in order:
            if all(_compatible(candidate, member) for member in groups[i]):
                groups[i].append(candidate)
                break
        else:
            i = len(groups)
            groups.append([candidate])
            of_org.setdefault(org, []).append(i)
            by_first.setdefault((org, frozenset(parties)), []).append(i)
            for p in parties:
                by_party.setdefault((org, p), []).append(i)
    return _fold_headlines(groups)


def _fold_headlines(groups: list[list[_Candidate]]) -> list[list[_Candidate]]:
    """A headline sums up the body: an act reported only in the headline ("Japan, UK sign
    defence pact") is the body's act by the same parties when the body reports exactly one."""
    out = [g for g in groups if not all(c.in_headline for c in g)]
    for group in groups:
        if not all(c.in_headline for c in group):
            continue
        parties = set().union(*(c.parties for c in group))
        organization = group[0].organization
        matches = [g for g in out
                   if set().union(*(c.parties for c in g)) >= parties
                   and g[0].organization == organization]
        if len(matches) == 1:
            matches[0].extend(group)
        else:
            out.append(group)
    return out
