"""BibTeX for the datasets used.

>>> from accords.datasets import cite
>>> cite("dcad").startswith("@article{kinne2020dcad")
True
"""

from __future__ import annotations

from .registry import REGISTRY, get

__all__ = ["cite"]


def cite(*names: str) -> str:
    """BibTeX entries for the named datasets (all registered datasets when none is named)."""
    chosen = names or tuple(REGISTRY)
    seen: list[str] = []
    for name in chosen:
        entry = get(name).bibtex
        if entry not in seen:
            seen.append(entry)
    return "\n\n".join(seen) + "\n"
