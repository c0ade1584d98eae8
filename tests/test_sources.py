"""accords.sources without the internet: GDELT files, pages and WARC archives served from
127.0.0.1 or written by the tests; every failure class ends in a report, never a crash."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from accords.read.articles import iter_jsonl
from accords.review.store import id_filename
from accords.sources import gdelt
from accords.sources.fetch import Crawl, FetchSettings
from accords.sources.fixtures import (
    DEMO_DYAD,
    DEMO_RANGE,
    FixtureServer,
    Route,
    demo_site,
    event_row,
    export_zip,
    master_list,
)
from accords.sources.pages import page_id
from accords.sources.prefilter import PreFilter
from accords.sources.warc import WarcReport, expand_sources, read_warc, warc_to_jsonl

# The timeout leaves an ordinary local answer ample time even on a loaded machine; the slow
# routes below wait well beyond it.
FAST = FetchSettings(delay=0, backoff=0, retries=2, timeout=1.5, max_bytes=200_000)


def article(title: str, *paragraphs: str, lang: str = "en") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html lang="{lang}"><head><title>{title}</title></head><body>'
            f"<article><h1>{title}</h1>{body}</article></body></html>")


AGREEMENT_EN = article(
    "Peru and Chile sign a defence cooperation agreement",
    "LIMA. The defence ministers of Peru and Chile signed an agreement on defence cooperation "
    "on Monday, covering training, exchanges of officers and joint exercises.",
    "The agreement will be submitted to both parliaments for ratification next year.")
AGREEMENT_IT = article(
    "Italia e Tunisia firmano un accordo di cooperazione nella difesa",
    "ROMA. I ministri della Difesa di Italia e Tunisia hanno firmato ieri un accordo di "
    "cooperazione militare che riguarda l'addestramento e la formazione degli ufficiali.",
    lang="it")
WEATHER_EN = article(
    "Rain expected across the north this weekend",
    "Forecasters expect heavy rain across the northern provinces on Saturday and Sunday, "
    "with temperatures falling sharply by Monday morning.")


@pytest.fixture
def server():
    with FixtureServer() as srv:
        yield srv


# ----------------------------------------------------------------------------- GDELT


def test_the_export_layout_has_the_61_documented_columns():
    assert len(gdelt.EXPORT_COLUMNS) == 61
    assert gdelt.EXPORT_COLUMNS[0] == "GLOBALEVENTID"
    assert gdelt.EXPORT_COLUMNS[26:29] == ("EventCode", "EventBaseCode", "EventRootCode")
    assert gdelt.EXPORT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_a_malformed_master_line_is_an_error_naming_the_line():
    with pytest.raises(gdelt.GdeltError, match=r"masterfilelist.txt:2.*SIZE MD5 URL"):
        gdelt.master_entries(["1 " + "0" * 32 + " http://x/20211109000000.export.CSV.zip",
                              "truncated li"], "2021-11-09", "2021-11-09",
                             where="masterfilelist.txt")


def test_translingual_file_names_are_read_like_the_others():
    entry = gdelt.parse_master_line(
        "12 " + "a" * 32 + " http://x.test/20211109121500.translation.export.CSV.zip")
    assert (entry.kind, entry.name) == ("export", "20211109121500.translation.export.CSV.zip")


def test_several_master_lists_are_read_together(server, tmp_path):
    site = demo_site(server)
    data = export_zip("20211109121500", [event_row(2001, "057", "KAZ", "RUS", server.url(
        "/ru/2021/11/09/translated.html"), "20211109121500")])
    server.routes["/t/20211109121500.translation.export.CSV.zip"] = Route(body=data)
    second = tmp_path / "masterfilelist-translation.txt"
    second.write_text(master_list([(server.url("/t/20211109121500.translation.export.CSV.zip"),
                                    data)]))
    found = gdelt.candidates(*DEMO_RANGE, dyad=DEMO_DYAD, master=[site["master"], second],
                             cache=tmp_path / "c", progress=False)
    assert server.url("/ru/2021/11/09/translated.html") in {c.url for c in found}
    assert len(found) == 7


def test_candidates_keep_defence_events_between_two_states_one_per_url(server, tmp_path):
    site = demo_site(server)
    report = gdelt.GdeltReport()
    found = gdelt.candidates(*DEMO_RANGE, dyad=DEMO_DYAD, master=site["master"],
                             cache=tmp_path, progress=False, report=report)
    by_path = {c.url.removeprefix(server.base): c for c in found}
    assert sorted(by_path) == [
        "/amp/2021/11/09/russia-kazakhstan-defence-programme.html",
        "/it/2021/11/10/mosca-astana-programma-difesa.html",
        "/news/2021/11/09/russia-kazakhstan-defence-programme.html",
        "/news/2021/11/10/kazakh-russian-officers-exercises.html",
        "/news/2021/11/10/removed-page.html",
        "/private/2021/11/09/subscribers-only.html",
    ]
    assert by_path["/news/2021/11/09/russia-kazakhstan-defence-programme.html"].event_ids \
        == [1001, 1002]
    assert report.files == 2 and report.kept == 7 and report.lines == 11
    # mentions files and the export outside the range were never downloaded
    assert not any("mentions" in path or "20211201" in path for path in server.hits)


def test_without_a_dyad_every_pair_of_states_is_kept_but_not_regions(server, tmp_path):
    site = demo_site(server)
    found = gdelt.candidates(*DEMO_RANGE, master=site["master"], cache=tmp_path,
                             progress=False)
    paths = {c.url.removeprefix(server.base) for c in found}
    assert "/news/2021/11/09/other-dyad.html" in paths
    assert not paths & {"/news/2021/11/09/region.html", "/news/2021/11/10/domestic.html",
                        "/news/2021/11/09/consult.html"}


def test_export_files_are_cached_and_a_corrupt_copy_is_downloaded_again(server, tmp_path):
    site = demo_site(server)
    gdelt.candidates(*DEMO_RANGE, master=site["master"], cache=tmp_path, progress=False)
    gdelt.candidates(*DEMO_RANGE, master=site["master"], cache=tmp_path, progress=False)
    assert server.hits["/gdeltv2/20211109120000.export.CSV.zip"] == 1
    assert server.hits["/gdeltv2/masterfilelist.txt"] == 1
    (tmp_path / "20211109120000.export.CSV.zip").write_bytes(b"garbage")
    again = gdelt.candidates(*DEMO_RANGE, master=site["master"], cache=tmp_path,
                             progress=False)
    assert server.hits["/gdeltv2/20211109120000.export.CSV.zip"] == 2
    assert len(again) == 7


def test_a_file_whose_md5_differs_from_the_master_list_is_refused_and_not_kept(server,
                                                                             tmp_path):
    data = export_zip("20211109120000", [event_row(1, "057", "RUS", "KAZ", "http://a.test/")])
    server.routes["/f/20211109120000.export.CSV.zip"] = Route(body=data)
    listed = master_list([(server.url("/f/20211109120000.export.CSV.zip"), data + b"x")])
    listed = listed.replace(str(len(data) + 1), str(len(data)))  # right size, wrong MD5
    master = tmp_path / "master.txt"
    master.write_text(listed)
    with pytest.raises(gdelt.GdeltError, match=r"20211109120000\.export\.CSV\.zip: MD5"):
        gdelt.candidates("2021-11-09", "2021-11-09", master=master, cache=tmp_path / "c",
                         progress=False)
    assert not (tmp_path / "c" / "20211109120000.export.CSV.zip").exists()


def test_an_export_line_without_61_fields_is_reported_with_its_number(tmp_path):
    good = event_row(7, "057", "FRA", "MLI", "http://b.test/a")
    path = tmp_path / "20211109120000.export.CSV"
    path.write_text("\t".join(good) + "\n" + "\t".join(good[:40]) + "\n")
    report = gdelt.GdeltReport()
    rows = list(gdelt.filter_events(gdelt.read_export(path), where=path.name, report=report))
    assert len(rows) == 1
    assert report.bad_lines == ["20211109120000.export.CSV:2: 40 fields, not the 61 of a "
                                "GDELT 2.0 export line"]


def test_bad_codes_and_dyads_say_how_to_write_them():
    with pytest.raises(gdelt.GdeltError, match="leading zero"):
        list(gdelt.filter_events([], codes=["57x"]))
    with pytest.raises(gdelt.GdeltError, match="two ISO 3166-1 alpha-3"):
        list(gdelt.filter_events([], dyad=("RUS", "EUR")))


# ----------------------------------------------------------------------------- the fetcher


def _site(server: FixtureServer) -> dict[str, str]:
    """Every failure class the fetcher must report, one path each."""
    other = FixtureServer({"/robots.txt": Route.text("boom", status=500)}).start()
    server.other = other  # stopped by the test
    r = server.routes
    r["/robots.txt"] = Route.text("User-agent: *\nDisallow: /private/\n",
                                  content_type="text/plain")
    r["/ok.html"] = Route.text(AGREEMENT_EN)
    r["/it.html"] = Route.text(AGREEMENT_IT)
    r["/copy.html"] = Route.text(AGREEMENT_EN)
    r["/moved"] = Route.redirect("/it-final.html")
    r["/it-final.html"] = Route.text(AGREEMENT_IT.replace("ieri", "lunedì"))
    r["/loop-a"] = Route.redirect("/loop-b")
    r["/loop-b"] = Route.redirect("/loop-a")
    r["/to-private"] = Route.redirect("/private/x.html")
    r["/private/x.html"] = Route.text(AGREEMENT_EN)
    r["/error"] = Route.text("oops", status=500)
    r["/slow.html"] = Route.text(AGREEMENT_EN, delay=5)
    r["/huge.html"] = Route(stream_bytes=2_000_000)
    r["/huge-declared.html"] = Route(body=b"<p>" + b"x" * 300_000 + b"</p>")
    r["/report.pdf"] = Route(body=b"%PDF-1.4 ...", content_type="application/pdf")
    r["/menu.html"] = Route.text("<html><body><a href='/'>Home</a><a href='/b'>News</a>"
                                 "</body></html>")
    urls = {name: server.url(path) for name, path in {
        "ok": "/ok.html", "it": "/it.html", "copy": "/copy.html", "moved": "/moved",
        "loop": "/loop-a", "to_private": "/to-private", "private": "/private/x.html",
        "missing": "/missing.html", "error": "/error", "slow": "/slow.html",
        "huge": "/huge.html", "huge_declared": "/huge-declared.html", "pdf": "/report.pdf",
        "menu": "/menu.html"}.items()}
    urls["robots_down"] = other.url("/page.html")
    urls["refused"] = "http://127.0.0.1:9/closed.html"
    return urls


@pytest.mark.parametrize("workers", [1, 4])
def test_every_failure_class_ends_in_the_report(server, tmp_path, workers):
    urls = _site(server)
    try:
        with Crawl(tmp_path / "state.sqlite", FAST) as crawl:
            crawl.add([{"url": urls["ok"], "gdelt_ids": [5]}, {"url": urls["copy"],
                                                              "gdelt_ids": [6]}])
            crawl.add(urls.values())
            report = crawl.run(progress=False, workers=workers)
            outcomes = {o["url"]: o for o in crawl.outcomes()}
    finally:
        server.other.stop()
    assert report.fetched == 3  # ok, it, moved → it-final
    assert report.duplicates == 1  # copy
    assert report.robots == 2  # private, and the redirect into /private/
    assert dict(report.failed) == {
        "http_404": 1, "http_500": 1, "timeout": 1, "too_large": 2, "not_html": 1,
        "no_text": 1, "redirect_loop": 1, "robots_unavailable": 1, "connection": 1}
    assert report.pending == 0
    assert server.hits["/error"] == FAST.retries + 1  # retried with back-off, then reported
    assert outcomes[urls["moved"]]["final_url"] == server.url("/it-final.html")
    assert not any(path.startswith("/private/") for path in server.hits)
    text = str(report)
    assert "skipped by robots.txt" in text and "http_404 1" in text


@pytest.mark.parametrize("workers", [1, 3])
def test_an_interrupted_crawl_resumes_and_fetches_nothing_twice(server, tmp_path, workers):
    urls = _site(server)
    state = tmp_path / "state.sqlite"
    seen = []

    def stop_after_three(url, state):
        seen.append(url)
        if len(seen) == 3:
            raise KeyboardInterrupt

    try:
        with Crawl(state, FAST) as crawl:
            crawl.add(urls.values())
            with pytest.raises(KeyboardInterrupt):
                crawl.run(progress=False, on_url=stop_after_three, workers=workers)
            # the URLs reported and those the other workers had in hand are done
            assert crawl.report().pending <= len(urls) - 3
        with Crawl(state, FAST) as crawl:  # a new process would open the same file
            crawl.add(urls.values())
            report = crawl.run(progress=False, workers=workers)
            assert report.pending == 0
            again = crawl.run(progress=False, workers=workers)
            assert again.requests == 0
    finally:
        server.other.stop()
    retried = {"/error": FAST.retries + 1, "/slow.html": FAST.retries + 1}
    for path, count in server.hits.items():
        assert count == retried.get(path, 1), path
    assert server.other.hits["/robots.txt"] == FAST.retries + 1


def test_the_corpus_lines_read_as_articles_with_safe_ids_and_gdelt_ids(server, tmp_path):
    urls = _site(server)
    server.other.stop()
    out = tmp_path / "corpus.jsonl"
    with Crawl(tmp_path / "state.sqlite", FAST) as crawl:
        crawl.add([{"url": urls["ok"], "gdelt_ids": [5, 3]},
                   {"url": urls["copy"], "gdelt_ids": [6]},
                   {"url": urls["ok"], "gdelt_ids": [4]}, urls["it"], urls["moved"]])
        crawl.run(progress=False)
        assert crawl.write_jsonl(out) == 3
        first = out.read_bytes()
        crawl.write_jsonl(out)
        assert out.read_bytes() == first  # rerun-safe
    articles = {a.url: a for a in iter_jsonl(out)}
    ok = articles[urls["ok"]]
    assert ok.meta["gdelt_ids"] == [3, 4, 5, 6]
    assert ok.meta["also_at"] == [urls["copy"]]
    assert ok.lang == "en" and ok.title == "Peru and Chile sign a defence cooperation agreement"
    assert "signed an agreement on defence cooperation" in ok.text
    assert articles[urls["it"]].lang == "it"
    assert articles[urls["moved"]].meta["final_url"] == server.url("/it-final.html")
    for a in articles.values():
        assert id_filename(a.id, ".json") == a.id + ".json"
        assert a.id == page_id(a.url)


def test_a_slow_host_and_an_answer_after_the_timeout_do_not_stop_the_crawl(server, tmp_path):
    server.routes["/slow.html"] = Route.text(AGREEMENT_EN, delay=5)
    server.routes["/ok.html"] = Route.text(AGREEMENT_IT)
    settings = FetchSettings(delay=0, backoff=0, retries=0, timeout=1.5)
    with Crawl(tmp_path / "s.sqlite", settings) as crawl:
        crawl.add([server.url("/slow.html"), server.url("/ok.html")])
        report = crawl.run(progress=False)
    assert report.fetched == 1 and dict(report.failed) == {"timeout": 1}


def test_failed_urls_can_be_queued_again_on_purpose(server, tmp_path):
    server.routes["/flaky.html"] = Route.text("down", status=503)
    with Crawl(tmp_path / "s.sqlite", FAST) as crawl:
        crawl.add([server.url("/flaky.html")])
        assert dict(crawl.run(progress=False).failed) == {"http_503": 1}
        server.routes["/flaky.html"] = Route.text(AGREEMENT_EN)
        assert crawl.run(progress=False).requests == 0
        assert crawl.retry_failed(["http_503"]) == 1
        assert crawl.run(progress=False).fetched == 1


# ----------------------------------------------------------------------------- WARC


def _warc(path, pages, gz=True):
    """Write a WARC of ``pages``: (url, html or bytes, content type, status, lang header)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, body, ctype, status, lang in pages:
            data = body.encode("utf-8") if isinstance(body, str) else body
            http = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)],
                                    protocol="HTTP/1.1")
            headers = {"WARC-Identified-Content-Language": lang} if lang else None
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(data),
                                               http_headers=http, warc_headers_dict=headers)
            writer.write_record(record)
        request = writer.create_warc_record("http://n.test/req", "request",
                                            payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        writer.write_record(request)
    return path


def _news_warc(path, gz=True):
    html = "text/html; charset=utf-8"
    no_lang = AGREEMENT_EN.replace(' lang="en"', "")
    return _warc(path, [
        ("http://n.test/en", AGREEMENT_EN, html, 200, None),
        ("http://n.test/it", AGREEMENT_IT.replace(' lang="it"', ""), html, 200, "ita"),
        ("http://n.test/weather", WEATHER_EN, html, 200, None),
        ("http://n.test/img.png", b"\x89PNG....", "image/png", 200, None),
        ("http://n.test/gone", AGREEMENT_EN, html, 404, None),
        ("http://n.test/en", AGREEMENT_EN, html, 200, None),  # the same URL again
        ("http://n.test/mirror", no_lang, html, 200, None),  # the same text elsewhere
        ("http://n.test/ja", article("防衛協定", "日本とフィリピンは防衛協定に署名した。" * 3,
                                     lang="ja"), html, 200, None),
        ("http://n.test/menu", "<html lang='en'><a href='/'>defence agreement</a></html>",
         html, 200, None),
    ], gz)


def test_warc_html_responses_are_prefiltered_and_extracted(tmp_path):
    report = WarcReport()
    rows = list(read_warc(_news_warc(tmp_path / "news.warc.gz"), report=report))
    assert [r["url"] for r in rows] == ["http://n.test/en", "http://n.test/it"]
    assert rows[1]["lang"] == "it"  # from WARC-Identified-Content-Language
    assert rows[0]["warc_file"] == "news.warc.gz" and rows[0]["warc_record_id"]
    assert report.responses == 9 and report.html == 7 and report.written == 2
    assert dict(report.dropped) == {"not_html": 1, "status_404": 1, "duplicate_url": 1,
                                    "duplicate_text": 1, "no_agreement_word": 1,
                                    "no_lexicon": 1, "no_text": 1}
    assert report.bytes == (tmp_path / "news.warc.gz").stat().st_size


def test_without_the_prefilter_every_html_page_with_text_is_kept(tmp_path):
    rows = list(read_warc(_news_warc(tmp_path / "news.warc", gz=False), prefilter=False))
    assert "http://n.test/weather" in [r["url"] for r in rows]


def test_a_list_of_paths_a_url_and_a_broken_file(server, tmp_path):
    first = _news_warc(tmp_path / "a.warc.gz")
    second = _warc(tmp_path / "b.warc.gz", [("http://m.test/peru", AGREEMENT_EN.replace(
        "Monday", "Tuesday"), "text/html", 200, None)])
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(gzip.compress(b"this is not a WARC record\r\n" * 10))
    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress(f"{first}\n{broken}\n".encode()))
    server.routes["/crawl/b.warc.gz"] = Route(body=second.read_bytes(),
                                              content_type="application/gzip")
    assert expand_sources([listing]) == [str(first), str(broken)]
    out = tmp_path / "corpus.jsonl"
    report = warc_to_jsonl([listing, server.url("/crawl/b.warc.gz"),
                            tmp_path / "absent.warc.gz"], out)
    urls = [a.url for a in iter_jsonl(out)]
    assert urls == ["http://n.test/en", "http://n.test/it", "http://m.test/peru"]
    assert report.files == 3
    assert len(report.file_errors) == 2
    assert "broken.warc.gz" in report.file_errors[0]
    assert "absent.warc.gz" in report.file_errors[1]


def test_the_prefilter_is_language_aware():
    f = PreFilter()
    russian = "<p>Россия и Казахстан подписали соглашение о военном сотрудничестве.</p>"
    assert f.check(russian, "ru") is None
    assert f.check(russian, None) is None
    assert f.check(russian, "en") == "no_agreement_word"
    assert f.check("<script>var agreement='defence'</script><p>Sports</p>", "en") \
        == "no_agreement_word"


def test_fixture_export_zip_holds_one_tab_separated_file():
    data = export_zip("20211109120000", [event_row(1, "057", "RUS", "KAZ", "http://a.test/")])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["20211109120000.export.CSV"]
        line = archive.read("20211109120000.export.CSV").decode()
    assert line.count("\t") == 60 and line.endswith("\thttp://a.test/\n")


@pytest.mark.parametrize("name", ["accords.sources", "accords.sources.gdelt",
                                  "accords.sources.fetch", "accords.sources.pages",
                                  "accords.sources.prefilter", "accords.sources.warc",
                                  "accords.sources.net", "accords.sources.fixtures"])
def test_docstring_examples(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_one_command_collects_the_demo_corpus_and_extract_codes_its_records(tmp_path,
                                                                           capsys):
    from accords.__main__ import main
    from accords.extract.records import read_record_file

    corpus, records = tmp_path / "corpus.jsonl", tmp_path / "records.jsonl"
    assert main(["collect", "gdelt", "--demo", "-o", str(corpus), "-q",
                 "--state", str(tmp_path / "state.sqlite"),
                 "--cache", str(tmp_path / "gdelt")]) == 0
    err = capsys.readouterr().err
    assert "6 candidate URLs" in err and "3 fetched" in err and "http_404 1" in err
    assert main(["extract", str(corpus), "-o", str(records), "-q"]) == 0
    coded = [r for recs in read_record_file(records).values() for r in recs]
    programmes = [r for r in coded if r.kind == "strategic_partnership_programme"]
    assert {tuple(r.parties) for r in programmes} == {("KAZ", "RUS")}
    assert {r.date_signed for r in programmes} == {"2021-11-09"}
    # the same command again resumes from its state: nothing is fetched twice
    assert main(["collect", "gdelt", "--demo", "-o", str(corpus), "-q",
                 "--state", str(tmp_path / "state.sqlite"),
                 "--cache", str(tmp_path / "gdelt")]) == 0
    assert "0 HTTP requests in this run" in capsys.readouterr().err


def test_collect_says_what_is_missing(tmp_path, capsys):
    from accords.__main__ import main

    assert main(["collect", "gdelt", "-o", str(tmp_path / "c.jsonl"), "-q"]) == 2
    assert "--from YYYY-MM-DD" in capsys.readouterr().err
    assert main(["collect", "gdelt", "--demo", "--from", "2021-11-31", "-o",
                 str(tmp_path / "c.jsonl"), "-q"]) == 2
    assert "date '2021-11-31' is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err
    bad = tmp_path / "urls.txt"
    bad.write_text("http://127.0.0.1:9/a\nnot a url\n")
    assert main(["collect", "urls", str(bad), "-o", str(tmp_path / "c.jsonl"), "-q"]) == 2
    assert "urls.txt:2" in capsys.readouterr().err


def test_the_literal_anchors_give_the_answer_of_the_regular_expressions_alone():
    import sys
    from pathlib import Path

    from accords.sources import prefilter

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from bench_sources import build_pages

    f = PreFilter()
    pages = [(h, lang) for _, h, lang in build_pages(120, 6)]
    pages += [(AGREEMENT_EN, "en"), (AGREEMENT_IT, "it"), (WEATHER_EN, "en"),
              ("<p>Die Landesverteidigung und das Rahmenabkommen</p>", "de"),
              ("<p>Россия подписала соглашение о военном сотрудничестве</p>", "ru")]
    for html, lang in pages:
        cues = prefilter._cues(lang)
        text = prefilter.visible_text(html)
        plain = ("no_agreement_word" if cues.heads.search(text) is None else
                 "no_defence_word" if cues.defence.search(text) is None else None)
        assert f.check(html, lang) == plain
    assert f.check(pages[-2][0], "de") is None


def test_hosts_are_interleaved_so_one_hosts_delay_does_not_stall_the_others(server,
                                                                            tmp_path):
    with FixtureServer() as other:
        for srv in (server, other):
            for n in range(3):
                srv.routes[f"/{n}.html"] = Route.text(AGREEMENT_EN.replace("Monday", f"day {n}"))
        order = []
        with Crawl(tmp_path / "s.sqlite", FAST) as crawl:
            crawl.add([server.url(f"/{n}.html") for n in range(3)]
                      + [other.url(f"/{n}.html") for n in range(3)])
            crawl.run(progress=False, on_url=lambda url, state: order.append(url))
    hosts = [url.split("/")[2] for url in order]
    assert hosts[0::2] == [hosts[0]] * 3 and hosts[1::2] == [hosts[1]] * 3
    assert hosts[0] != hosts[1]


def test_a_robots_txt_that_redirects_is_followed(server, tmp_path):
    server.routes["/robots.txt"] = Route.redirect("/policy/robots.txt")
    server.routes["/policy/robots.txt"] = Route.text("User-agent: *\nDisallow: /x/\n",
                                                     content_type="text/plain")
    server.routes["/x/page.html"] = Route.text(AGREEMENT_EN)
    server.routes["/y/page.html"] = Route.text(AGREEMENT_IT)
    with Crawl(tmp_path / "s.sqlite", FAST) as crawl:
        crawl.add([server.url("/x/page.html"), server.url("/y/page.html")])
        report = crawl.run(progress=False)
    assert (report.robots, report.fetched) == (1, 1)


def test_a_page_that_breaks_the_extractor_is_reported(server, tmp_path, monkeypatch):
    from accords.sources import fetch

    def broken(html, url, **kw):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(fetch, "page_row", broken)
    server.routes["/deep.html"] = Route.text(AGREEMENT_EN)
    with Crawl(tmp_path / "s.sqlite", FAST) as crawl:
        crawl.add([server.url("/deep.html")])
        report = crawl.run(progress=False)
        (outcome,) = crawl.outcomes()
    assert dict(report.failed) == {"extraction_error": 1}
    assert "RecursionError" in outcome["detail"]


def test_collect_warc_and_collect_urls_write_the_corpus(server, tmp_path, capsys):
    from accords.__main__ import main
    from accords.sources.fixtures import demo_warc

    archive = demo_warc(tmp_path / "news.warc.gz")
    out = tmp_path / "warc.jsonl"
    assert main(["collect", "warc", str(archive), "-o", str(out), "-q"]) == 0
    assert "2 articles written" in capsys.readouterr().err
    assert sorted(a.lang for a in iter_jsonl(out)) == ["en", "it"]
    first = out.read_bytes()
    assert main(["collect", "warc", str(archive), "-o", str(out), "-q"]) == 0  # resumed
    assert "1 files already read by an earlier run" in capsys.readouterr().err
    assert out.read_bytes() == first
    server.routes["/a.html"] = Route.text(AGREEMENT_EN)
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# my list\n{server.url('/a.html')}\n\n{server.url('/gone.html')}\n")
    out = tmp_path / "urls.jsonl"
    assert main(["collect", "urls", str(listing), "-o", str(out), "-q", "--delay", "0",
                 "--workers", "2"]) == 0
    err = capsys.readouterr().err
    assert "1 fetched" in err and "http_404 1" in err
    assert (tmp_path / "urls.jsonl.state.sqlite").is_file()
    assert [a.url for a in iter_jsonl(out)] == [server.url("/a.html")]


def test_an_interrupted_warc_run_resumes_file_by_file(tmp_path):
    first = _news_warc(tmp_path / "a.warc.gz")
    second = _warc(tmp_path / "b.warc.gz", [
        ("http://m.test/peru", AGREEMENT_EN.replace("Monday", "Tuesday"), "text/html", 200,
         None),
        ("http://n.test/en", AGREEMENT_EN, "text/html", 200, None)])  # already in a.warc.gz
    state, out = tmp_path / "state.sqlite", tmp_path / "corpus.jsonl"
    report = warc_to_jsonl([first], out, state=state)
    assert report.in_state == 2
    report = warc_to_jsonl([first, second], out, state=state)
    assert (report.files_done, report.files, report.in_state) == (1, 1, 3)
    assert report.dropped["duplicate_in_state"] == 1
    assert sorted(a.url for a in iter_jsonl(out)) == [
        "http://m.test/peru", "http://n.test/en", "http://n.test/it"]
