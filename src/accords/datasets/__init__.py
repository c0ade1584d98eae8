"""External agreement datasets: fetch (registry + pooch), load and clean, unified model.

>>> from accords import datasets
>>> sorted(datasets.REGISTRY)
['atop', 'cow_alliance', 'cow_states', 'dcad']
"""

from .cite import cite
from .clean import DatasetSchemaError, assemble_date
from .fetch import ChecksumError, FetchError, fetch, fetch_all, sha256sum
from .grammar import (
    FrameTypeError,
    add_atop,
    add_cow_alliance,
    add_cow_majors,
    add_dcad,
    create_dyadyears,
    create_stateyears,
)
from .load import (
    DatasetWarning,
    flag_non_members,
    load_atop,
    load_atop_alliances,
    load_atop_ddyr,
    load_cow_alliances,
    load_cow_states,
    load_cow_system,
    load_dcad,
)
from .registry import REGISTRY, UnknownDatasetError

__all__ = [
    "REGISTRY",
    "ChecksumError",
    "DatasetSchemaError",
    "DatasetWarning",
    "FetchError",
    "FrameTypeError",
    "UnknownDatasetError",
    "add_atop",
    "add_cow_alliance",
    "add_cow_majors",
    "add_dcad",
    "assemble_date",
    "cite",
    "create_dyadyears",
    "create_stateyears",
    "fetch",
    "fetch_all",
    "flag_non_members",
    "load_atop",
    "load_atop_alliances",
    "load_atop_ddyr",
    "load_cow_alliances",
    "load_cow_states",
    "load_cow_system",
    "load_dcad",
    "sha256sum",
]
