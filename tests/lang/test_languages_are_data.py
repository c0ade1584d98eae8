"""Languages are data: shared code holds no word of any language, and the language list is the
set of lexicon folders."""

from __future__ import annotations

import ast
import re
import tomllib
from importlib import resources
from pathlib import Path

import accords
from accords.lexicon import available_languages

SRC = Path(accords.__file__).parent


def _code_strings(path: Path):
    """(line, value, in a collection of strings) of every string constant in ``path`` that is
    not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                       ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = [e.value for e in node.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if items:
                yield node.lineno, items, True
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings:
            yield node.lineno, [node.value], False


def _function_words() -> set[str]:
    """Every stop word of every shipped lexicon (lower case, two letters or more)."""
    words: set[str] = set()
    for folder in (resources.files("accords") / "lexicons").iterdir():
        reading = folder / "reading.toml"
        if reading.is_file():
            data = tomllib.loads(reading.read_text(encoding="utf-8"))
            words |= {w for w in data.get("stopwords", ()) if len(w) > 1 and w.islower()}
    return words


def _shared_modules():
    return sorted(p for p in SRC.rglob("*.py") if "lexicons" not in p.parts)


def test_no_string_in_shared_code_holds_a_letter_of_a_particular_alphabet():
    found = [f"{p.relative_to(SRC)}:{line}: {value!r}"
             for p in _shared_modules() for line, values, _ in _code_strings(p)
             for value in values if any(ord(c) > 127 and c.isalpha() for c in value)]
    assert found == [], "words of a language belong in lexicons/<lang>/: " + "; ".join(found)


def test_no_word_list_or_alternation_in_shared_code_holds_function_words_of_a_language():
    words = _function_words()
    found = []
    for path in _shared_modules():
        for line, values, collection in _code_strings(path):
            if collection:
                hits = [v for v in values if v in words]
            else:  # a regex alternation of bare words: "(?:the|le|el)"
                hits = [alt for value in values
                        for alt in re.split(r"[|()?:]+", value) if alt in words]
            if len(hits) >= 2:
                found.append(f"{path.relative_to(SRC)}:{line}: {hits}")
    assert found == [], "function words belong in lexicons/<lang>/: " + "; ".join(found)


def test_no_list_of_language_codes_in_shared_code():
    codes = set(available_languages())
    found = [f"{p.relative_to(SRC)}:{line}: {values}" for p in _shared_modules()
             for line, values, collection in _code_strings(p)
             if collection and len(codes.intersection(values)) >= 2]
    assert found == [], "the language list is the set of lexicon folders: " + "; ".join(found)


def test_the_state_registry_names_states_in_every_lexicon_language():
    import accords.datasets.states

    assert not hasattr(accords.datasets.states, "LANGS")
