"""Headline, dateline, paragraphs, sentences and boilerplate: spans that slice exactly."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from strategies import raw_texts

from accords import paths
from accords.read.articles import Article, read_article, read_articles
from accords.read.langid import detect_language
from accords.read.layout import analyse


@pytest.fixture(scope="module")
def seed_layout():
    return analyse(read_article(paths.articles_dir() / "seed-it-001.txt"))


def test_seed_headline_is_its_own_sentence(seed_layout):
    first, second = seed_layout.sentences[:2]
    assert seed_layout.text_of(first) == seed_layout.article.title
    assert seed_layout.text_of(second).startswith("Il programma di partenariato strategico")
    assert first.paragraph != second.paragraph


def test_seed_dateline_gives_the_place_and_where_the_body_starts(seed_layout):
    dateline = seed_layout.dateline
    assert (dateline.place, dateline.place_exact) == ("Mosca", "MOSCA")
    assert seed_layout.article.text[dateline.body_start:].startswith("Il programma")
    assert seed_layout.text_of(dateline) == "MOSCA"


def test_seed_social_footer_is_marked_not_deleted(seed_layout):
    (footer,) = [b for b in seed_layout.boilerplate if b.kind == "footer"]
    text = seed_layout.text_of(footer)
    assert text.startswith("Potete seguirci sui seguenti Social Media:")
    assert text.endswith("E il sito: Urmedium")
    assert seed_layout.article.text.endswith(text)
    assert all(s.end <= footer.start for s in seed_layout.sentences)


def test_seed_sentences_are_numbered_in_order(seed_layout):
    frame = seed_layout.sentences_frame()
    assert list(frame["sentence"]) == list(range(1, len(frame) + 1))
    assert len(frame) == 9
    assert frame["text"].iloc[-1].endswith("il governo talebano.")


def lay(text, lang, title=None):
    return analyse(Article(id="t", text=text, title=title, lang=lang))


@pytest.mark.parametrize(
    ("text", "lang", "place", "agency", "body"),
    [
        ("ROMA – Il ministro ha firmato l'accordo.", "it", "Roma", None, "Il ministro"),
        ("MOSCOW, Nov 9 (Reuters) - Russia and Kazakhstan signed a plan.", "en", "Moscow",
         "Reuters", "Russia and"),
        ("Berlin (dpa) - Die Minister unterzeichneten ein Abkommen.", "de", "Berlin", "dpa",
         "Die Minister"),
        ("МОСКВА, 9 ноября. /ТАСС/. Министры обороны подписали программу.", "ru", "Москва",
         "ТАСС", "Министры"),
        ("PARIS : La France et l'Inde ont signé un accord.", "fr", "Paris", None, "La France"),
        ("NUR-SULTAN, 9 de noviembre (EFE).- Los ministros firmaron un plan.", "es",
         "Nur-Sultan", "EFE", "Los ministros"),
    ],
)
def test_dateline_shapes(text, lang, place, agency, body):
    layout = lay(text, lang)
    assert layout.dateline is not None, text
    assert (layout.dateline.place, layout.dateline.agency) == (place, agency)
    assert text[layout.dateline.body_start:].startswith(body)
    assert layout.text_of(layout.sentences[0]).startswith(body)


@pytest.mark.parametrize(
    "text",
    [
        "Russia-Kazakistan firmano un programma di cooperazione.",
        "Il ministro ha firmato: nessun dettaglio.",
        "Kazakhstan and Russia sign a new military cooperation agreement.",
        "Oggi, alle ore 15.00 a Roma, il ministro incontrerà il suo omologo.",
    ],
)
def test_ordinary_first_sentences_are_not_datelines(text):
    assert lay(text, "it").dateline is None


def test_a_standalone_dateline_line(tmp_path):
    layout = lay("Title here\nBaku, Azerbaijan, Oct. 9\nThe ministers signed a plan.", "en",
                 title="Title here")
    assert layout.dateline.place == "Baku"
    assert layout.dateline.qualifiers == ("Azerbaijan", "Oct. 9")
    assert [layout.text_of(s) for s in layout.sentences] == ["Title here",
                                                             "The ministers signed a plan."]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Il Sig. Rossi è arrivato. Poi è partito.", "it",
         ["Il Sig. Rossi è arrivato.", "Poi è partito."]),
        ("Das Abkommen wurde am 9. November unterzeichnet. Es gilt fünf Jahre.", "de",
         ["Das Abkommen wurde am 9. November unterzeichnet.", "Es gilt fünf Jahre."]),
        ("Gen. J. Smith signed at 15.00 in the U.S. embassy. He left.", "en",
         ["Gen. J. Smith signed at 15.00 in the U.S. embassy.", "He left."]),
        ("«Это важно», — сказал он. Документ подписан в 2021 г. в Москве. Всё.", "ru",
         ["«Это важно», — сказал он.", "Документ подписан в 2021 г. в Москве.", "Всё."]),
        ("“Siamo pronti.” Il ministro ha firmato! Davvero? Sì.", "it",
         ["“Siamo pronti.”", "Il ministro ha firmato!", "Davvero?", "Sì."]),
        ("Signed in Tunis on 23 apr. 2024 by the two ministers. Done.", "en",
         ["Signed in Tunis on 23 apr. 2024 by the two ministers.", "Done."]),
    ],
)
def test_sentence_splitting(text, lang, expected):
    layout = lay(text, lang)
    assert [layout.text_of(s) for s in layout.sentences] == expected


@pytest.mark.parametrize(
    ("line", "lang", "kind"),
    [
        ("Leggi anche: la Russia firma con l'India", "it", "line"),
        ("Read also: NATO signs a new plan", "en", "line"),
        ("Читайте также: Россия и Иран", "ru", "line"),
        ("Lesen Sie auch: Neues Abkommen", "de", "line"),
        ("Lire aussi : l'accord franco-indien", "fr", "line"),
        ("Lea también: el acuerdo con Perú", "es", "line"),
        ("Questo sito utilizza cookie tecnici e di profilazione.", "it", "line"),
        ("This website uses cookies to improve your experience.", "en", "line"),
        ("Telegram: @canale_notizie", "it", "social"),
        ("18:51 18.12.2023", "ru", "timestamp"),
    ],
)
def test_boilerplate_lines_are_marked(line, lang, kind):
    layout = lay(f"Headline\nThe body sentence is here.\n{line}\nAnother body line.", lang,
                 title="Headline")
    marked = [(layout.text_of(b), b.kind) for b in layout.boilerplate]
    assert marked == [(line, kind)]
    assert all(line not in layout.text_of(s) for s in layout.sentences)


def test_corpus_stamp_prefix_is_boilerplate_and_headline_follows():
    layout = lay("date 2024-10 Titolo della notizia\nROMA – Il testo.", "it",
                 title="Titolo della notizia")
    assert [(layout.text_of(b), b.kind) for b in layout.boilerplate] == [("date 2024-10",
                                                                          "stamp")]
    assert layout.text_of(layout.headline) == "Titolo della notizia"
    assert layout.dateline.place == "Roma"


def test_headline_after_page_menu_is_found():
    text = "Home | Mondo\n\nIl titolo vero\n\nIl corpo dell'articolo."
    layout = lay(text, "it", title="Il titolo vero")
    assert layout.text_of(layout.headline) == "Il titolo vero"
    assert layout.headline.index == 2


def _check_spans(layout):
    text = layout.article.text
    last = -1
    for p in layout.paragraphs:
        assert 0 <= p.start < p.end <= len(text)
        assert p.start > last
        last = p.end
        assert layout.text_of(p) == layout.text_of(p).strip()
        # one line, or the lines of a sentence the source broke ("on 2 May\nin Rome")
        lines = layout.text_of(p).split("\n")
        for before, after in itertools.pairwise(lines):
            assert before.rstrip()[-1:].isalnum() and after.lstrip()[:1].islower()
    last = -1
    for s in layout.sentences:
        para = layout.paragraphs[s.paragraph - 1]
        assert para.start <= s.start < s.end <= para.end and para.kind in ("headline", "body")
        assert s.start >= last
        last = s.end
        assert layout.text_of(s) == layout.text_of(s).strip() != ""
    for b in layout.boilerplate:
        assert 0 <= b.start < b.end <= len(text)
        assert not any(s.start < b.end and b.start < s.end for s in layout.sentences)
    if layout.dateline:
        assert layout.dateline.start < layout.dateline.end <= layout.dateline.body_start


@settings(max_examples=300, deadline=None)
@given(raw_texts)
def test_spans_slice_the_normalised_text_exactly_for_any_input(raw):
    if not raw.strip():
        return
    for lang in ("it", "ru", None):
        article = Article(id="p", text=raw, title=raw.strip().split("\n")[0] or None,
                          lang=lang)
        assert "\r" not in article.text and not article.text.startswith("\ufeff")
        _check_spans(analyse(article))


def test_every_dev_article_has_language_title_sentences_and_exact_spans(dev_corpus_path):
    for article in read_articles(dev_corpus_path):
        layout = analyse(article)
        _check_spans(layout)
        assert layout.sentences, article.id
        assert detect_language(layout.content_text).lang == article.lang, article.id
        if article.title and article.title in article.text:
            assert layout.text_of(layout.headline) == article.title, article.id
            assert layout.text_of(layout.sentences[0]) == article.title or \
                layout.sentences[0].start < layout.headline.start, article.id


def test_a_short_tail_after_the_headline_is_page_furniture():
    text = "Chile and Peru sign a pact » The Andean Courier\nLIMA – The two states signed it."
    layout = analyse(Article(id="f", text=text, title="Chile and Peru sign a pact", lang="en"))
    assert [text[b.start:b.end] for b in layout.boilerplate] == ["» The Andean Courier"]


def test_a_body_written_on_the_headline_line_is_read_not_swallowed():
    body = ("LIMA – The defence ministers of Chile and Peru signed a cooperation plan on "
            "Monday. The plan covers training, exercises and exchanges of officers between the "
            "two armies, and it runs for three years.")
    text = "Chile and Peru sign a plan " + body
    layout = analyse(Article(id="f", text=text, title="Chile and Peru sign a plan", lang="en"))
    assert not layout.boilerplate
    assert [p.kind for p in layout.paragraphs] == ["headline", "body"]
    assert len(layout.sentences) == 3


def test_a_title_line_found_only_after_a_footer_is_no_headline():
    text = "0\nPotete seguirci sui social\n0"
    layout = analyse(Article(id="f", text=" " + text, title="0", lang="it"))
    _check_spans(layout)
    assert all(p.kind != "headline" or p.start < layout.boilerplate[0].start
               for p in layout.paragraphs)


@pytest.mark.parametrize(("text", "place", "agency"), [
    ("Titolo\n(ANSA) - Milano, 24 feb - Il ministro ha parlato.", "Milano", "ANSA"),
    ("Headline\n(Reuters) – Lima, March 13 – The minister spoke.", "Lima", "Reuters"),
])
def test_an_agency_in_brackets_before_the_place_opens_a_dateline(text, place, agency):
    layout = analyse(Article(id="x", text=text, title=text.split("\n")[0], lang="it"))
    assert (layout.dateline.place, layout.dateline.agency) == (place, agency)
    assert text[layout.dateline.body_start:].startswith(("Il", "The"))


def test_an_agency_before_the_body_is_no_dateline():
    text = "Titolo\n(ANSA) - Il ministro della Difesa ha parlato oggi."
    assert analyse(Article(id="x", text=text, title="Titolo", lang="it")).dateline is None
