"""Bringing the news in: candidate articles from GDELT 2.0, a polite resumable fetcher, and
WARC archives (Common Crawl's CC-NEWS), all written as the corpus JSON Lines.

- :mod:`accords.sources.gdelt` — the master file list, the 15-minute export files (cached,
  size and MD5 verified), the CAMEO and actor filter, one candidate per source URL with its
  GDELT event ids;
- :mod:`accords.sources.fetch` — :class:`Crawl`: robots.txt, per-host rate limit, retries,
  timeouts, size cap, HTML only, state in SQLite (resumable), main text by trafilatura;
- :mod:`accords.sources.warc` — WARC files streamed with warcio, HTML responses only, the
  lexicon pre-filter (:mod:`accords.sources.prefilter`), the same JSON Lines;
- :mod:`accords.sources.fixtures` — a local news site and GDELT mirror on 127.0.0.1 for
  tests, notebook 06 and the demonstration command.

>>> from accords.sources import gdelt
>>> sorted(gdelt.DEFAULT_CODES)
['0312', '057', '062']
"""

from accords.sources.fetch import Crawl, CrawlReport, FetchSettings
from accords.sources.gdelt import DEFAULT_CODES, Candidate, candidates, candidates_frame

__all__ = ["DEFAULT_CODES", "Candidate", "Crawl", "CrawlReport", "FetchSettings",
           "candidates", "candidates_frame"]
