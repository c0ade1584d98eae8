"""accords."""


def cite(*names: str) -> str:
    """BibTeX for the datasets used (see :func:`accords.datasets.cite`)."""
    from accords.datasets.cite import cite as _cite

    return _cite(*names)
