"""Overfitting guard: which lexicon cues fire on which development articles.

A rule that was written for one article of the development corpus shows up as a lexicon cue
that matches that one article and no other. This module lists every cue of every lexicon,
counts on how many articles it fires, flags the cues that fire on exactly one, and measures
extraction quality with those cues switched off — the gap is what the single-article cues buy
on text they were (perhaps) tuned for.

**What a cue is.** Each entry of each list-valued key of each lexicon file
(``actions.planned_cues[3]``, ``stopwords[10]``), and for tables:

- a table of lists (``actions.verbs.signed``, ``state_names.RUS``, ``areas.…``): each item
  of each list is a cue, its key is ``table.label``;
- a table of single values (``agreements.heads`` pattern → kind, ``place_cues`` phrase → cue,
  ``state_descriptors``, ``dates.relative_days``, ``dates.weekday_forms``, ``capitals`` city →
  state): each key is a cue (the value is what the cue yields, not something matched);
- ``agreements.kinds`` (a list of [pattern, kind] pairs): each pair is a cue, its pattern is
  what is matched.

Not cues: settings (booleans, numbers, the single regexes ``left_modifier``, ``social_line``,
``stamp_prefix``), ``inflect`` (ending rules that generate forms of the names), ``regions``
(ISO codes, never matched against text) and ``state_aliases`` (names the state registry uses to
read dataset country names; never matched against article text).

**What "fires" means.** The cue, compiled as the code that reads it compiles it, matches
somewhere in the text of an article in the cue's language (``common`` cues: any language):
regex cues case-insensitively, word-bounded where the annotator or extractor bounds them (see
:data:`MODES`); word cues as literal words, case-insensitively; names of states, places and
organisations through :class:`accords.annotate.gazetteer.Gazetteer` with their inflected forms
and case rules; a capital when one of its place names in the article's language matches. The
whole text is searched (headline and boilerplate included). Firing is necessary for a cue to
change an article's output, not sufficient: where the code then checks a narrower place (a
verb's own words, the words before a date), the count is an upper bound.

**Switching cues off.** :func:`switched_off` loads the lexicons with the cues removed, puts
that loader in place of :func:`accords.lexicon.load_lexicon` in every ``accords`` module, and
clears every ``functools`` cache of the package that is built from lexicons, so the pipeline
recompiles; on exit everything is restored and the caches are cleared again. Entries of
positional lists (month and weekday names, whose place gives their number) are replaced by a
string that never occurs in text instead of being removed.

>>> cues = [c for c in enumerate_cues(["it"]) if c.key == "actions.verbs.signed"]
>>> cues[0].file, cues[0].mode
('annotate.toml', 'regex_bounded')
"""

from __future__ import annotations

import functools
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from accords.lexicon import COMMON, LexiconError, available_languages

__all__ = [
    "MODES",
    "Cue",
    "GuardReport",
    "count_firing",
    "default_corpora",
    "enumerate_cues",
    "format_guard",
    "guard",
    "lexicon_caches",
    "load_corpus",
    "quality",
    "switched_off",
]

#: How each key's entries are compiled, by dotted key (``*`` stands for a table label).
#:
#: ``regex``: the entry is a regex, searched case-insensitively as the code does (no bounds);
#: ``regex_bounded``: a regex between ``(?<!\w)`` and ``(?!\w)`` (tables compiled into one
#: grouped regex: roles, verbs, areas, agreement heads); ``regex_right``: followed by
#: ``(?!\w)`` (future verb forms); ``regex_left``: preceded by ``(?<!\w)`` (dated cues);
#: ``regex_space``: followed by whitespace (reporting verbs, which must stand before a date);
#: ``words``: a literal word or phrase between strict word bounds (the annotators' word
#: alternations); ``token``: a literal compared with the text's tokens (stop words, connectors:
#: bounded only on the sides that are letters, so "dell'" matches in "dell'accordo");
#: ``name``: a literal word, also without its accents (month and weekday names, as the date
#: grammar reads them); ``abbreviation``: a literal word, its final dot optional;
#: ``suffix``: right after a digit (day suffixes "1st"); ``year_word``: after a year's digits
#: ("2022 года"); ``gazetteer``: a state, place or organisation name with its inflected forms
#: and case rules; ``capital``: a capital city, by its place names in the article's language.
MODES: dict[str, str] = {
    # reading.toml
    "months": "name", "months_nominative": "name", "weekdays": "name",
    "month_abbreviations": "abbreviation", "abbreviations": "abbreviation",
    "stopwords": "token", "date_joiners": "words", "day_articles": "words",
    "possessives": "token", "name_particles": "words",
    "boilerplate.footer_start": "regex", "boilerplate.lines": "regex",
    "boilerplate_lines": "regex", "timestamp_lines": "regex",
    # annotate.toml
    "state_names.*": "gazetteer", "state_adjectives.*": "gazetteer", "orgs.*": "gazetteer",
    "places.*": "gazetteer", "state_descriptors": "words", "place_cues": "words",
    "people.roles.*": "regex_bounded", "people.role_connectors": "token",
    "people.respectively": "words", "people.conjunctions": "token", "people.agent_words": "words",
    "people.not_names": "token", "people.national_roles.*": "regex",
    "dates.range_from": "words", "dates.range_to": "words", "dates.past_words": "words",
    "dates.future_words": "words", "dates.year_cues": "words", "dates.period_cues": "words",
    "dates.between_day_month": "words", "dates.between_month_year": "words",
    "dates.day_suffixes": "suffix", "dates.relative_days": "words",
    "dates.relative_years": "words",
    "dates.months_locative": "name", "dates.weekday_forms": "name",
    "dates.year_words": "year_word",
    "agreements.heads": "regex_bounded", "agreements.kinds": "regex",
    "agreements.defence_cues": "regex", "agreements.stops": "token",
    "agreements.connectors": "token", "agreements.left_stops": "token",
    "agreements.postnominal": "regex_bounded", "agreements.accession": "regex_bounded",
    "agreements.programme_heads": "regex", "agreements.civil_subjects": "regex",
    "actions.verbs.*": "regex_bounded", "actions.planned_forms": "regex_right",
    "actions.paradigms.*": "words",
    "actions.planned_cues": "words", "actions.negation_cues": "words",
    "actions.negation_exceptions": "words", "actions.decision_cues": "words",
    "actions.planned_after": "regex",
    "areas.*": "regex_bounded",
    # extract.toml
    "process_nouns": "regex", "bilateral_cues": "regex", "plural_heads": "regex",
    "ambiguous_plurals": "regex", "object_articles": "words",
    "signing_nouns": "regex", "analogous_cues": "regex", "ratification_laws": "regex",
    "final_approval": "regex", "reporting_verbs": "regex_space", "dated_cues": "regex_left",
    "list_joiners": "token", "clause_breakers": "words", "partner_words": "words",
    "until_words": "words", "meeting_cues": "regex_bounded",
    "treaty_formula": "regex_bounded", "meeting_documents": "regex", "arity_words": "regex",
    "presence_cues": "regex", "meeting_people": "regex", "elision_cues": "regex",
    "elided_starts": "words", "role_subjects": "regex", "vague_heads": "regex",
    "subject_relatives": "words", "instrument_relatives": "words",
    "negotiation_cues": "regex_bounded", "notice_cues": "regex_bounded",
    # common/capitals.toml
    "capitals": "capital",
}

#: Keys that hold no cues, and why.
NOT_CUES: dict[str, str] = {
    "inflect": "ending rules that generate inflected forms of names",
    "prefixes": "prefixes joined to names (conjunctions, articles) that generate their forms",
    "regions": "ISO codes of region members, never matched against text",
    "alliances": "organisation codes of defence alliances, never matched against text",
    "state_aliases": "names for the state registry's reading of dataset country names",
    "paradigms": "conjugation endings that generate verb forms (see actions.paradigms)",
    "dated_names": "names with dates for the state registry; never matched against text",
    "blocs": "organisation codes that sign as blocs, never matched against text",
}

#: Lists whose entries are numbered by their place: switched-off entries are blanked.
POSITIONAL = frozenset({"months", "months_nominative", "month_abbreviations", "weekdays",
                        "dates.months_locative"})
_BLANK = "\x00"  # never in article text


@dataclass(frozen=True)
class Cue:
    """One lexicon entry that is matched against text."""

    lang: str  # language code, or "common"
    file: str  # the TOML file that holds it, e.g. "annotate.toml"
    key: str  # dotted key, with the table label: "actions.verbs.signed"
    cue: str  # the entry as written
    mode: str  # how it is compiled (see MODES)
    location: tuple[Any, ...] = field(repr=False, default=())  # path to the entry

    def describe(self) -> str:
        return f"lexicons/{self.lang}/{self.file} {self.key}: {self.cue!r}"


# --------------------------------------------------------------------------- enumeration


def _files(lang: str) -> Iterator[tuple[str, dict[str, Any]]]:
    folder = resources.files("accords") / "lexicons" / lang
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            try:
                yield entry.name, tomllib.loads(entry.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise LexiconError(f"lexicons/{lang}/{entry.name}: not valid TOML ({exc})"
                                   ) from exc


def _is_table_of_lists(value: Mapping[str, Any]) -> bool:
    return bool(value) and all(isinstance(v, list) for v in value.values())


def _walk(lang: str, file: str, node: Mapping[str, Any], path: tuple[str, ...],
          unmapped: set[str]) -> Iterator[Cue]:
    for key, value in node.items():
        here = (*path, key)
        dotted = ".".join(here)
        if dotted in NOT_CUES or not isinstance(value, (dict, list)):
            continue  # settings and keys that hold no cues
        if isinstance(value, list):
            mode = MODES.get(dotted)
            if mode is None:
                unmapped.add(dotted)
                mode = "token"
            for i, item in enumerate(value):
                pattern = item[0] if isinstance(item, list) and item else item
                if isinstance(pattern, str) and pattern:
                    yield Cue(lang, file, dotted, pattern, mode, (*here, i))
        elif dotted + ".*" in MODES:  # a table of lists: label -> entries
            for label, items in value.items():
                for i, item in enumerate(items):
                    if isinstance(item, str) and item:
                        yield Cue(lang, file, f"{dotted}.{label}", item,
                                  MODES[dotted + ".*"], (*here, label, i))
        elif dotted in MODES:  # a table of single values: entry -> what it yields
            for entry in value:
                yield Cue(lang, file, dotted, str(entry), MODES[dotted], (*here, entry))
        elif value and all(not isinstance(v, (dict, list)) for v in value.values()):
            unmapped.add(dotted)
        else:
            yield from _walk(lang, file, value, here, unmapped)


def enumerate_cues(langs: Iterable[str] | None = None, *,
                   unmapped: set[str] | None = None) -> list[Cue]:
    """Every cue of the lexicons of ``langs`` (default: every language and ``common``).

    An unknown language raises :class:`~accords.lexicon.LexiconError` listing the known ones.
    Keys that no entry of :data:`MODES` describes are compiled as tokens and added to
    ``unmapped`` when a set is given, so that a new lexicon key is noticed.
    """
    known = (*available_languages(), COMMON)
    chosen = list(known if langs is None else langs)
    for lang in chosen:
        if lang not in known:
            raise LexiconError(f"no lexicon for language {lang!r}; available: "
                               f"{', '.join(known)}.")
    seen_unmapped: set[str] = set() if unmapped is None else unmapped
    cues: list[Cue] = []
    for lang in chosen:
        for file, data in _files(lang):
            cues.extend(_walk(lang, file, data, (), seen_unmapped))
    return cues


# --------------------------------------------------------------------------- compiling


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(c))


def _literal(word: str, strict: bool = True) -> str:
    body = re.escape(word)
    if strict or word[:1].isalnum() or word[:1] == "_":
        body = r"(?<!\w)" + body
    if strict or word[-1:].isalnum() or word[-1:] == "_":
        body += r"(?!\w)"
    return body


_TEMPLATES = {
    "regex": "(?:{})",
    "regex_bounded": r"(?<!\w)(?:{})(?!\w)",
    "regex_right": r"(?:{})(?!\w)",
    "regex_left": r"(?<!\w)(?:{})",
    "regex_space": r"(?:{})\s",
}


class _Matcher:
    """Something with ``search(text) -> bool``."""

    def __init__(self, search):
        self.search = search


def _gazetteer_forms(cue: Cue, lang: str) -> dict[str, tuple[str, str]]:
    from accords.lexicon import load_lexicon
    from accords.read.statenames import word_forms

    lex = load_lexicon(lang) if lang in available_languages() else {}
    table = cue.key.split(".")[0]
    label = cue.key.split(".", 1)[1]
    if table == "orgs":
        return {cue.cue: (label, "org")}
    if table == "places":
        return {f: (label, "city") for f in word_forms(cue.cue, lex, "name")}
    stop = {w.lower() for w in lex.get("stopwords", ())}
    kind = "name" if table == "state_names" else "adjective"
    forms = word_forms(cue.cue, lex, kind)
    return {f.strip(): (label, kind) for f in forms if f.strip() and f.strip().lower()
            not in stop}


@functools.cache
def _compiled(cue: Cue, lang: str) -> _Matcher:
    """The cue as the code compiles it, for an article in ``lang``."""
    if cue.mode in _TEMPLATES:
        try:
            pattern = re.compile(_TEMPLATES[cue.mode].format(cue.cue), re.IGNORECASE)
        except re.error as exc:
            raise LexiconError(f"{cue.describe()}: not a valid regex ({exc}); fix the "
                               "lexicon entry.") from exc
        return _Matcher(lambda text: pattern.search(text) is not None)
    if cue.mode in ("gazetteer", "capital"):
        from accords.annotate.gazetteer import Gazetteer

        if cue.mode == "gazetteer":
            entries = _gazetteer_forms(cue, lang)
        else:
            from accords.annotate.gazetteer import place_forms

            entries = {form: (city, "city") for form, city in place_forms(lang).items()
                       if city == cue.cue}
        if not entries:
            return _Matcher(lambda text: False)
        gazetteer = Gazetteer(entries)
        return _Matcher(lambda text: next(gazetteer.finditer(text), None) is not None)
    word = cue.cue
    if cue.mode == "abbreviation":
        word = word.rstrip(".") or word
        body = _literal(word, strict=False) if not word[-1:].isalnum() else (
            r"(?<!\w)" + re.escape(word) + r"(?:\.|(?!\w))")
    elif cue.mode == "name":
        forms = sorted({word, _strip_accents(word)}, key=len, reverse=True)
        body = r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)"
    elif cue.mode == "suffix":
        body = r"\d" + re.escape(word) + r"(?!\w)"
    elif cue.mode == "year_word":
        body = r"\d\s*" + re.escape(word) + (r"(?!\w)" if word[-1:].isalnum() else "")
    elif cue.mode == "words":
        body = _literal(word, strict=True)
    else:  # token
        body = _literal(word, strict=False)
    pattern = re.compile(body, re.IGNORECASE)
    return _Matcher(lambda text: pattern.search(text) is not None)


# --------------------------------------------------------------------------- corpus


def default_corpora() -> list[Path] | None:
    """``dev.jsonl`` and ``dev2.jsonl`` of the shared corpus, or None when it is absent."""
    from accords import paths

    shared = paths.shared_dir()
    if shared is None:
        return None
    found = [shared / "corpus" / name for name in ("dev.jsonl", "dev2.jsonl")]
    return [p for p in found if p.is_file()] or None


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a corpus file (JSON Lines: id, text, lang, agreements…).

    A missing file, a line that is not JSON, a repeated id or a row without ``id`` and
    ``text`` is an error naming the file and line (the reader is
    :func:`accords.extract.evaluate.load_jsonl_by_id`).
    """
    from accords.extract.evaluate import load_jsonl_by_id

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: no such corpus file; give a JSON Lines file of articles with gold "
            "records (id, text, lang, agreements), e.g. ../shared/corpus/dev.jsonl.")
    rows = list(load_jsonl_by_id(path, required=("text",)).values())
    if not rows:
        raise ValueError(f"{path}: no articles in the file; give a corpus with at least one.")
    return rows


def _articles(rows: Sequence[Mapping[str, Any]], where: str):
    from accords.read.articles import article_from_row

    return [article_from_row(dict(row), f"{where}: id {row.get('id')!r}") for row in rows]


def count_firing(cues: Sequence[Cue], articles: Sequence[Any]) -> dict[Cue, list[str]]:
    """For each cue, the ids of the articles it fires on (see the module's definition).

    ``articles`` are :class:`accords.read.articles.Article` objects (``lang`` and NFC ``text``).
    """
    by_lang: dict[str | None, list[Any]] = {}
    for article in articles:
        by_lang.setdefault(article.lang, []).append(article)
    fired: dict[Cue, list[str]] = {}
    for cue in cues:
        langs = list(by_lang) if cue.lang == COMMON else [cue.lang]
        hits = []
        for lang in langs:
            group = by_lang.get(lang, ())
            if not group:
                continue
            matcher = _compiled(cue, lang or "")
            hits.extend(a.id for a in group if matcher.search(a.text))
        fired[cue] = sorted(hits)
    return fired


# --------------------------------------------------------------------------- switching off


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_thaw(v) for v in value]
    return value


def _pruned(lexicon: Mapping[str, Any], cues: Iterable[Cue]) -> dict[str, Any]:
    data = _thaw(lexicon)
    removals: dict[tuple[Any, ...], set[Any]] = {}
    for cue in cues:
        *parent, last = cue.location
        removals.setdefault(tuple(parent), set()).add(last)
    for parent, items in removals.items():
        container: Any = data
        for step in parent:
            container = container[step]
        dotted = ".".join(str(p) for p in parent)
        if isinstance(container, dict):
            for item in items:
                container.pop(item, None)
        elif dotted in POSITIONAL:
            for i in items:
                container[i] = _BLANK
        else:
            for i in sorted(items, reverse=True):
                del container[i]
            if not container and len(parent) >= 2:
                # an emptied label of a table ("verbs.signed") would compile to an empty
                # alternative that matches everywhere: drop the label
                holder: Any = data
                for step in parent[:-1]:
                    holder = holder[step]
                if isinstance(holder, dict) and _is_table_of_lists(
                        {k: v for k, v in holder.items() if isinstance(v, list)}):
                    holder.pop(parent[-1], None)
    return data


_KEEP = frozenset({
    # lexicon-independent (or the loader itself, which is replaced rather than cleared)
    "accords.lexicon.load_lexicon", "accords.lexicon.available_languages",
    "accords.read.langid._identifier", "accords.codes.code_rows", "accords.codes._by_alpha2",
    "accords.codes._by_alpha3", "accords.datasets.states.registry",
})


# modules whose caches are built from lexicons, imported before switching so that none of
# them keeps patterns compiled from the full lexicons
_PIPELINE = ("accords.annotate.rules", "accords.annotate.gazetteer", "accords.annotate.dates",
             "accords.annotate.pipeline", "accords.read.layout", "accords.extract",
             "accords.read.overview")


def _accords_modules() -> list[Any]:
    import importlib

    for name in _PIPELINE:
        importlib.import_module(name)
    return [m for name, m in list(sys.modules.items())
            if m is not None and (name == "accords" or name.startswith("accords."))]


def lexicon_caches() -> dict[str, Any]:
    """The ``functools`` caches of the loaded ``accords`` modules that depend on lexicons,
    by qualified name (``accords.extract._cues``)."""
    found: dict[str, Any] = {}
    for module in _accords_modules():
        for name, value in vars(module).items():
            if not (callable(value) and hasattr(value, "cache_clear")
                    and getattr(value, "__module__", None) == module.__name__):
                continue
            qualified = f"{module.__name__}.{name}"
            if qualified not in _KEEP:
                found[qualified] = value
    return found


def _clear_caches() -> None:
    for cache in lexicon_caches().values():
        cache.cache_clear()


@contextmanager
def switched_off(cues: Iterable[Cue]):
    """Run the pipeline with ``cues`` removed from the lexicons; restore everything after.

    >>> from accords.annotate.rules import actions
    >>> from accords.annotate.doc import Doc
    >>> from accords.read.articles import Article
    >>> doc = lambda: Doc.of(Article(id="x", text="Hanno firmato l'accordo.", lang="it"))
    >>> signed = [c for c in enumerate_cues(["it"])
    ...           if c.key in ("actions.verbs.signed", "actions.paradigms.signed")]
    >>> with switched_off(signed):
    ...     [s.norm for s in actions(doc())]
    []
    >>> [s.norm for s in actions(doc())]
    ['signed']
    """
    from accords import lexicon

    chosen = list(cues)
    original = lexicon.load_lexicon
    if getattr(original, "_accords_switched_off", False):
        raise RuntimeError("switched_off() is already active; nest the cues into one call.")
    pruned: dict[str, Mapping[str, Any]] = {}
    for lang in sorted({c.lang for c in chosen}):
        pruned[lang] = lexicon._freeze(_pruned(original(lang), [c for c in chosen
                                                                if c.lang == lang]))

    def load_pruned(lang: str) -> Mapping[str, Any]:
        return pruned[lang] if lang in pruned else original(lang)

    load_pruned._accords_switched_off = True  # type: ignore[attr-defined]
    load_pruned.cache_clear = original.cache_clear  # type: ignore[attr-defined]

    def swap(old, new) -> None:
        for module in _accords_modules():
            if vars(module).get("load_lexicon") is old:
                module.load_lexicon = new

    swap(original, load_pruned)
    _clear_caches()
    try:
        yield pruned
    finally:
        swap(load_pruned, original)
        _clear_caches()


# --------------------------------------------------------------------------- quality


def _predict(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    from accords.extract import extract_row

    return {str(row["id"]): extract_row(dict(row), provenance=False) for row in rows}


def quality(rows: Sequence[Mapping[str, Any]],
            predicted: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The project scorer's figures for ``rows`` (gold), extracting them when ``predicted`` is
    not given."""
    from accords.extract.evaluate import score

    gold = {str(row["id"]): dict(row) for row in rows}
    return score(gold, _predict(rows) if predicted is None else predicted)


@dataclass
class GuardReport:
    corpora: list[str]
    articles: int
    cues: int
    firing: dict[Cue, list[str]]
    before: dict[str, dict[str, Any]]
    after: dict[str, dict[str, Any]]
    unmapped: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # article id -> its corpus file

    @property
    def flagged(self) -> list[tuple[Cue, str]]:
        """Cues that fire on exactly one article, with that article."""
        return [(c, ids[0]) for c, ids in self.firing.items() if len(ids) == 1]

    def per_language(self) -> dict[str, dict[str, int]]:
        """Per lexicon: cues, cues firing on no article, on one, on two or more."""
        out: dict[str, dict[str, int]] = {}
        for cue, ids in self.firing.items():
            row = out.setdefault(cue.lang, {"cues": 0, "none": 0, "single": 0, "several": 0})
            row["cues"] += 1
            row["none" if not ids else "single" if len(ids) == 1 else "several"] += 1
        return dict(sorted(out.items()))

    def flagged_by_corpus(self) -> dict[str, int]:
        """How many single-article cues fire in an article of each corpus."""
        out = dict.fromkeys(self.corpora, 0)
        for _, article in self.flagged:
            corpus = self.sources.get(article)
            if corpus is not None:
                out[corpus] += 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "corpora": self.corpora, "articles": self.articles, "cues": self.cues,
            "per_language": self.per_language(),
            "flagged": [{"lang": c.lang, "file": c.file, "key": c.key, "cue": c.cue,
                         "mode": c.mode, "article": a} for c, a in self.flagged],
            "flagged_by_corpus": self.flagged_by_corpus(),
            "before": self.before, "after": self.after, "unmapped_keys": self.unmapped,
        }


_HEADLINE = ("detection_precision", "detection_recall", "detection_f1", "strict_f1",
             "hallucination_rate")


def guard(corpora: Sequence[str | Path] | None = None,
          langs: Iterable[str] | None = None) -> GuardReport:
    """Count every cue on ``corpora`` (default: dev and dev2 of the shared corpus), flag the
    single-article ones and score each corpus with them on and off.

    Raises FileNotFoundError when a corpus file is missing or, with no corpora given, when the
    shared corpus is absent.
    """
    if corpora is None:
        corpora = default_corpora()
        if corpora is None:
            raise FileNotFoundError(
                "no development corpus: ../shared/corpus/dev.jsonl and dev2.jsonl are absent; "
                "set ACCORDS_SHARED_DIR or pass corpus files.")
    paths = [Path(p) for p in corpora]
    loaded = {str(p): load_corpus(p) for p in paths}
    articles, sources = [], {}
    for p, rows in loaded.items():
        for article in _articles(rows, p):
            articles.append(article)
            sources.setdefault(article.id, p)
    unmapped: set[str] = set()
    cues = enumerate_cues(langs, unmapped=unmapped)
    firing = count_firing(cues, articles)
    before = {p: quality(rows) for p, rows in loaded.items()}
    single = [c for c, ids in firing.items() if len(ids) == 1]
    with switched_off(single):
        after = {p: quality(rows) for p, rows in loaded.items()}
    return GuardReport(corpora=[str(p) for p in paths], articles=len(articles),
                       cues=len(cues), firing=firing, before=before, after=after,
                       unmapped=sorted(unmapped), sources=sources)


def format_guard(report: GuardReport) -> str:
    """The report as plain text: counts per lexicon, the flagged cues, quality before/after."""
    lines = [f"{report.cues} cues counted on {report.articles} articles of "
             + ", ".join(Path(p).name for p in report.corpora), ""]
    lines.append(f"{'lexicon':8} {'cues':>6} {'none':>6} {'single':>7} {'several':>8}")
    for lang, row in report.per_language().items():
        lines.append(f"{lang:8} {row['cues']:>6} {row['none']:>6} {row['single']:>7} "
                     f"{row['several']:>8}")
    flagged = report.flagged
    lines += ["", f"cues firing on exactly one article ({len(flagged)}; by the article's "
              "corpus: " + ", ".join(f"{Path(c).name} {n}"
                                     for c, n in report.flagged_by_corpus().items()) + "):"]
    if flagged:
        width_key = max(len(c.key) for c, _ in flagged)
        width_file = max(len(c.file) for c, _ in flagged)
        lines.append(f"{'lang':6} {'file':{width_file}} {'key':{width_key}} article"
                     "      cue")
        for cue, article in sorted(flagged, key=lambda f: (f[0].lang, f[0].file, f[0].key)):
            text = cue.cue if len(cue.cue) <= 60 else cue.cue[:57] + "..."
            lines.append(f"{cue.lang:6} {cue.file:{width_file}} {cue.key:{width_key}} "
                         f"{article:12} {text}")
    lines += ["", "quality with the single-article cues on (before) and off (after):",
              f"{'corpus':12} {'':6} " + " ".join(f"{n.replace('detection_', 'det_'):>14}"
                                                 for n in _HEADLINE)]
    for corpus in report.corpora:
        for label, result in (("before", report.before[corpus]),
                              ("after", report.after[corpus])):
            values = " ".join(f"{_fmt(result.get(n)):>14}" for n in _HEADLINE)
            lines.append(f"{Path(corpus).name:12} {label:6} {values}")
    if report.unmapped:
        lines += ["", "keys with no compile rule (counted as tokens): "
                  + ", ".join(report.unmapped)]
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)
