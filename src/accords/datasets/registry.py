"""The official distributions of the external datasets: where each file comes from and its sha256.

Every fact here (URLs, file names, checksums, coverage, citations) is taken from
``../shared/data/PROVENANCE.md``. A record names the archive (or direct URL) a file is served
in and the path of the file inside that archive; the sha256 is always the one of the file
itself, so a file is verified after extraction whatever the archive's own checksum.

>>> from accords.datasets.registry import REGISTRY
>>> REGISTRY["dcad"].coverage, REGISTRY["atop"].last_day
((1980, 2010), datetime.date(2018, 12, 31))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["REGISTRY", "DataFile", "Dataset", "UnknownDatasetError", "get"]


@dataclass(frozen=True)
class DataFile:
    """One file of a distribution.

    ``url`` is the archive (``.zip``) or the file itself; ``member`` is the file's path inside
    the archive (None when ``url`` serves the file directly). ``core`` files are fetched by
    default; the others (codebooks, extra tables) only when asked for by name. A file whose
    sha256 is not known (``sha256=None``) is verified by its git blob id (``git_blob``), the
    only checksum on record for files that were never obtained here.
    """

    name: str
    sha256: str | None
    size: int | None
    url: str
    member: str | None = None
    core: bool = True
    git_blob: str | None = None


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    version: str
    folder: str
    coverage: tuple[int, int]
    homepage: str
    bibtex: str
    files: tuple[DataFile, ...] = field(default_factory=tuple)

    @property
    def last_day(self) -> date:
        """31 December of the last year the dataset codes (the end of :attr:`coverage`):
        the one place link and charts take a coverage end from."""
        return date(self.coverage[1], 12, 31)

    def file(self, name: str) -> DataFile:
        for item in self.files:
            if item.name == name:
                return item
        known = ", ".join(f.name for f in self.files)
        raise KeyError(f"dataset {self.name!r} has no file {name!r}; its files: {known}")


class UnknownDatasetError(KeyError):
    """A dataset name that the registry does not list."""


_DCAD_ZIP = "https://correlatesofwar.org/wp-content/uploads/kinne_dca.zip"
_ATOP_ZIP = "http://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5.1__.csv_.zip"
_ATOP_CODEBOOK = "http://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5_1_codebook.pdf"
_COW_ALLIANCE_ZIP = "https://correlatesofwar.org/wp-content/uploads/version4.1_csv.zip"
_COW_UPLOADS = "https://correlatesofwar.org/wp-content/uploads/"

REGISTRY: dict[str, Dataset] = {
    "dcad": Dataset(
        name="dcad",
        title="Defense Cooperation Agreement Dataset (DCAD)",
        version="1.0",
        folder="dcad",
        coverage=(1980, 2010),
        homepage="https://correlatesofwar.org/data-sets/defense-cooperation-agreement-dataset/",
        bibtex="""@article{kinne2020dcad,
  author  = {Kinne, Brandon J.},
  title   = {The Defense Cooperation Agreement Dataset ({DCAD})},
  journal = {Journal of Conflict Resolution},
  year    = {2020},
  volume  = {64},
  number  = {4},
  pages   = {729--755},
  doi     = {10.1177/0022002719857796},
  note    = {Dataset version 1.0}
}""",
        files=(
            DataFile(
                "DCAD-v1.0-main.csv",
                "f7d56e1703ae7cd7395b636210fa5d33a5fc3feafe5686734c212ffd5af7405a",
                254938, _DCAD_ZIP, "DCAD-v1.0-main.csv",
            ),
            DataFile(
                "Codebook1.0.pdf",
                "75f44311721b756ac2a77584dddd5e3f42fa753f33540a3f35fc68311dc0463e",
                163907, _DCAD_ZIP, "Codebook1.0.pdf", core=False,
            ),
        ),
    ),
    "atop": Dataset(
        name="atop",
        title="Alliance Treaty Obligations and Provisions (ATOP)",
        version="5.1",
        folder="atop",
        coverage=(1815, 2018),
        homepage="https://www.atopdata.org/data.html",
        bibtex="""@article{leeds2002atop,
  author  = {Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, Sara McLaughlin
             and Long, Andrew G.},
  title   = {Alliance Treaty Obligations and Provisions, 1815--1944},
  journal = {International Interactions},
  year    = {2002},
  volume  = {28},
  number  = {3},
  pages   = {237--260}
}
@manual{leeds2022atopcodebook,
  author       = {Leeds, Brett Ashley},
  title        = {{ATOP} Codebook, version 5.1},
  organization = {Rice University},
  year         = {2022}
}""",
        files=(
            DataFile(
                "atop5_1m.csv",
                "0e3c803f65275c3cb9309d08c04710416dff16aee936c8b4f887c7b67ee5b55b",
                568197, _ATOP_ZIP, "atop5_1m.csv",
            ),
            DataFile(
                "atop5_1a.csv",
                "eafd146fa5c5bc2737ae829288c87d01c990a55fbc82dcc2dc08b94c0d7b5b7d",
                183543, _ATOP_ZIP, "atop5_1a.csv",
            ),
            DataFile(
                "atop5_1aph.csv",
                "828ed77daf341ea377f75e042c2e51e4e6ccb0515e058db6355a89f8aebb0fcf",
                202256, _ATOP_ZIP, "atop5_1aph.csv", core=False,
            ),
            DataFile(
                "atop5_1sy.csv",
                "187ce932d5b77002f795d849b67b5b2dd6baa170304bed58663c4194e240f929",
                1249045, _ATOP_ZIP, "atop5_1sy.csv", core=False,
            ),
            DataFile(
                "atop5_1m_NNA.csv",
                "c712c2418e8c9e046266bce6cdc4fcd344f4218b7a298592fb55060418692084",
                418305, _ATOP_ZIP, "atop5_1m_NNA.csv", core=False,
            ),
            DataFile(
                "atop5_1a_NNA.csv",
                "8f05ba1057b9e5d799c4753f065c6def19bc600b1d81cf43b462bede8353325f",
                128267, _ATOP_ZIP, "atop5_1a_NNA.csv", core=False,
            ),
            # The official directed dyad-year files are in the same zip. No copy was obtained
            # (PROVENANCE.md): only their git blob ids are on record, so they are verified by
            # blob id, and used by dyad_years("atop") whenever they are available.
            DataFile(
                "atop5_1ddyr.csv", None, None, _ATOP_ZIP, "atop5_1ddyr.csv", core=False,
                git_blob="369d2cf5bd59f44d0b7722c2ec4c591b98774613",
            ),
            DataFile(
                "atop5_1ddyr_NNA.csv", None, None, _ATOP_ZIP, "atop5_1ddyr_NNA.csv",
                core=False, git_blob="31081eee29972b57298ce0602e0ae2809d3b5198",
            ),
            DataFile(
                "atop_5_1_codebook.pdf",
                "10143c69d152cc4a4360c9056faa869b401251dbc30d86c01e90619cfb47add7",
                473040, _ATOP_CODEBOOK, None, core=False,
            ),
        ),
    ),
    "cow_alliance": Dataset(
        name="cow_alliance",
        title="Correlates of War Formal Alliances",
        version="4.1",
        folder="cow_alliance",
        coverage=(1816, 2012),
        homepage="https://correlatesofwar.org/data-sets/formal-alliances/",
        bibtex="""@book{gibler2009alliances,
  author    = {Gibler, Douglas M.},
  title     = {International Military Alliances, 1648--2008},
  publisher = {CQ Press},
  address   = {Washington, DC},
  year      = {2009},
  note      = {Correlates of War Formal Alliances dataset, version 4.1}
}""",
        files=(
            DataFile(
                "alliance_v4.1_by_member.csv",
                "dc4cda15a2d48a84d0737978586e6ae7bb4873f46cf3668885a8ea2adce3ccb0",
                117592, _COW_ALLIANCE_ZIP, "version4.1_csv/alliance_v4.1_by_member.csv",
            ),
        ),
    ),
    "cow_states": Dataset(
        name="cow_states",
        title="Correlates of War State System Membership List",
        version="2016",
        folder="cow_states",
        coverage=(1816, 2016),
        homepage="https://correlatesofwar.org/data-sets/state-system-membership/",
        bibtex="""@misc{cow2016states,
  author       = {{Correlates of War Project}},
  title        = {State System Membership List, v2016},
  year         = {2016},
  howpublished = {Online, \\url{http://correlatesofwar.org}}
}""",
        files=(
            DataFile(
                "states2016.csv",
                "3d78d333ea75a7791bf5772b203d2ab96b27e70ed52825f5293c474195f47888",
                10845, _COW_UPLOADS + "states2016.csv",
            ),
            DataFile(
                "system2016.csv",
                "280e10b408c0aefb3b452e1d35d59a54d78935c08ac3a6039c47cb982cdc9f17",
                300836, _COW_UPLOADS + "system2016.csv",
            ),
            DataFile(
                "majors2016.csv",
                "6ba42de12f2f63401ff5a61e6d0037d17b5dd03ed9aca07d0bc16660e03694eb",
                539, _COW_UPLOADS + "majors2016.csv",
            ),
        ),
    ),
}


def get(name: str) -> Dataset:
    """The registry record of a dataset; an unknown name lists the known ones."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownDatasetError(
            f"unknown dataset {name!r}; the registry lists: {', '.join(sorted(REGISTRY))}"
        ) from None
