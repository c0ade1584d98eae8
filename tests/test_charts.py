"""accords.charts: the data behind each chart, the house style and reproducible files."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
import pytest
from matplotlib.figure import Figure

from accords import charts
from accords.datasets.states import UnknownStateError
from accords.extract.records import AgreementRecord

CENTRAL_ASIA = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]


@pytest.fixture(scope="module")
def local(shared_dir):
    return shared_dir / "data"


def test_countries_resolve_in_any_language_or_code(local):
    states = charts.resolve_states(["Kazakistan", "KGZ", 702, "Узбекистан", "KAZ"], local=local)
    assert [s.ccode for s in states] == [705, 703, 702, 704]


def test_an_unknown_country_raises_the_registrys_error_with_suggestions(local):
    with pytest.raises(UnknownStateError, match="Did you mean: kazakhstan"):
        charts.timeline_data("Russia", "Kazakhstann", local=local)


def test_timeline_data_holds_dcad_spells_from_signature_to_end_year(local):
    tl = charts.timeline_data("Russia", "Kazakistan", years=(1990, 2025), local=local)
    dca = tl[(tl["lane"] == "DCAD DCAs") & (tl["mark"] == "spell")]
    assert dca["item_id"].tolist() == ["DCADv1.0-1320", "DCADv1.0-1321", "DCADv1.0-1322",
                                       "DCADv1.0-1323", "DCADv1.0-1324"]
    first = dca.iloc[0]
    assert first["start"] == pd.Timestamp("1993-05-29")
    assert first["end"] == pd.Timestamp("2010-12-31")
    assert bool(first["open_end"])  # runs to the end of DCAD's coverage


def test_timeline_data_marks_years_a_source_does_not_cover(local):
    tl = charts.timeline_data(365, "KAZ", years=(1975, 2025), local=local)
    gaps = tl[tl["mark"] == "gap"]
    dcad = gaps[gaps["label"] == "not coded by DCAD"]
    assert list(zip(dcad["start"].dt.year, dcad["end"].dt.year, strict=True)) == [
        (1975, 1979), (2011, 2025)]
    atop = gaps[gaps["label"] == "not coded by ATOP"]
    assert list(zip(atop["start"].dt.year, atop["end"].dt.year, strict=True)) == [(2019, 2025)]
    states = gaps[gaps["label"] == "not both states"]
    assert (states["end"] == pd.Timestamp("1991-12-25")).all()  # Kazakhstan joins 26 Dec


def test_timeline_data_shows_the_seed_signing_and_its_periods(local):
    tl = charts.timeline_data("Russia", "Kazakhstan", local=local)
    news = tl[tl["lane"] == "News-coded"]
    events = news[news["mark"] == "event"]
    assert events["start"].tolist() == [pd.Timestamp("2021-11-09")] * 2
    periods = news[news["mark"] == "period"].set_index("item_id")
    assert periods.loc["seed-it-001#1", "start"] == pd.Timestamp("2022-01-01")
    assert periods.loc["seed-it-001#1", "end"] == pd.Timestamp("2024-12-31")


def test_timeline_data_atop_spells_are_the_dyads_common_membership(local):
    tl = charts.timeline_data("Russia", "Kazakhstan", years=(1990, 2025), local=local)
    atop = tl[(tl["lane"] == "ATOP alliances") & (tl["mark"] == "spell")]
    tashkent = atop[atop["item_id"] == "4220"]
    assert tashkent["start"].min() == pd.Timestamp("1992-05-15")
    assert tashkent["end"].max() == pd.Timestamp("2018-12-31")
    assert tashkent["open_end"].any()


def test_timeline_clips_marks_to_the_chosen_years(local):
    tl = charts.timeline_data("Russia", "Kazakhstan", years=(2000, 2005), local=local)
    assert tl["start"].min() >= pd.Timestamp("2000-01-01")
    assert tl["end"].max() <= pd.Timestamp("2005-12-31")


def test_timeline_without_partners_takes_every_partner_sorted(local):
    tl = charts.timeline_data("Turkmenistan", years=(1992, 2010), local=local)
    partners = tl.attrs["partners"]
    assert partners == sorted(partners)
    assert "Russia" in partners


def test_dca_signings_count_per_year_and_type(local):
    from accords.datasets import load_dcad

    dcad = load_dcad(local=local)
    data = charts.dca_signings_data((1980, 2010), local=local)
    assert list(data.index) == list(range(1980, 2011))
    assert int(data["total"].sum()) == len(dcad)
    expected = int(((dcad["signYear"] == 1995) & (dcad["type"] == "sector")).sum())
    assert data.loc[1995, "sector"] == expected


def test_dca_signings_are_na_outside_dcad_coverage_not_zero(local):
    data = charts.dca_signings_data((1975, 2015), local=local)
    assert data.loc[1975:1979, "total"].isna().all()
    assert data.loc[2011:2015, "total"].isna().all()
    assert set(data.loc[2011:, "coverage"]) == {"not coded"}


def test_dca_signings_for_chosen_countries(local):
    from accords.datasets import load_dcad

    dcad = load_dcad(local=local)
    russia = dcad[(dcad["ccode1"] == 365) | (dcad["ccode2"] == 365)]
    data = charts.dca_signings_data((1980, 2010), countries="Россия", local=local)
    assert int(data["total"].sum()) == len(russia)
    assert data.loc[1994, "general"] == int(((russia["signYear"] == 1994)
                                             & (russia["type"] == "general")).sum())


def test_dca_network_edges_are_dcas_in_force_that_year(local):
    net = charts.dca_network_data(2010, countries=["Russia"], local=local)
    edges = net.edges.set_index(["ccode1", "ccode2"])
    assert edges.loc[(365, 705), "n_dcas"] == 5
    assert edges.loc[(365, 702), "n_dcas"] == 2  # the 1996 DCA ended in 2002
    nodes = net.nodes.set_index("ccode")
    assert nodes.loc[365, "degree"] == len(net.edges.query("ccode1 == 365 or ccode2 == 365"))
    assert bool(nodes.loc[365, "highlighted"]) and bool(nodes.loc[365, "labelled"])


def test_dca_network_layout_is_seeded(local):
    a = charts.dca_network_data(2000, local=local).nodes
    b = charts.dca_network_data(2000, local=local).nodes
    pd.testing.assert_frame_equal(a, b)


def test_dca_network_refuses_a_year_dcad_did_not_code(local):
    with pytest.raises(ValueError, match="1980–2010"):
        charts.dca_network_data(2015, local=local)


def test_coverage_data_lists_each_source_and_the_years_of_news_signings(local):
    cov = charts.coverage_data(local=local).set_index("source")
    assert tuple(cov.loc["dcad", ["start", "end"]]) == (1980, 2010)
    assert tuple(cov.loc["atop", ["start", "end"]]) == (1815, 2018)
    news = cov.loc[["news"]]
    assert news["start"].tolist() == [2021] and news["n_records"].tolist() == [2]


def test_dyad_matrix_counts_observed_years_and_is_na_where_nothing_was_coded(local):
    data = charts.dyad_matrix_data(["Russia", "KAZ", "TKM"], (1992, 2024), local=local)
    cell = data.set_index(["state_a", "state_b"])
    rk = cell.loc[("Russia", "Kazakhstan")]
    # DCAD 1992–2010 (19 years, DCAs from 1993) plus news-coded 2021–2024
    assert (rk["years_with"], rk["years_observed"]) == (22, 23)
    assert rk["sources"] == "dcad,news"
    assert cell.loc[("Kazakhstan", "Russia"), "years_with"] == 22
    late = charts.dyad_matrix_data(["Russia", "KAZ", "TKM"], (2015, 2020), local=local)
    assert late["share"].isna().all()  # no source coded these years


def test_dyad_matrix_needs_two_states(local):
    with pytest.raises(ValueError, match="two states"):
        charts.dyad_matrix_data(["Russia"], local=local)


@pytest.mark.parametrize("draw", [
    lambda local: charts.timeline("Russia", CENTRAL_ASIA, local=local),
    lambda local: charts.dca_signings(local=local),
    lambda local: charts.dca_network(2010, countries=["Russia", *CENTRAL_ASIA], lang="ru",
                                     scope="partners", local=local),
    lambda local: charts.coverage(local=local),
    lambda local: charts.dyad_matrix(["Russia", *CENTRAL_ASIA], local=local),
], ids=["timeline", "signings", "network", "coverage", "matrix"])
def test_every_chart_has_a_source_note_and_writes_identical_files_twice(draw, local,
                                                                         tmp_path):
    fig = draw(local)
    assert isinstance(fig, Figure)
    assert fig.accords_source_note.startswith("Sources: ")
    first = charts.save_figure(fig, "chart", folder=tmp_path / "a")
    second = charts.save_figure(draw(local), "chart", folder=tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg


def test_charts_render_on_records_given_in_memory(local, tmp_path):
    records = {"x": [AgreementRecord(parties=("RUS", "UZB"), kind="cooperation_plan",
                                     date_signed="2023-05", period_start=2024,
                                     period_end=2024)]}
    fig = charts.timeline("Россия", "Узбекистан", records=records, local=local)
    assert "records given in memory" in fig.accords_source_note
    tl = charts.timeline_data("Россия", "Узбекистан", records=records, local=local)
    assert tl.query("mark == 'event'")["start"].tolist() == [pd.Timestamp("2023-05-01")]


def test_saving_leaves_an_identical_file_untouched(local, tmp_path):
    fig = charts.coverage(local=local)
    (_png, svg) = charts.save_figure(fig, "cov", folder=tmp_path)
    before = svg.stat().st_mtime_ns
    charts.save_figure(fig, "cov", folder=tmp_path)
    assert svg.stat().st_mtime_ns == before


def test_save_figure_rejects_a_path_as_name(tmp_path):
    fig = Figure()
    with pytest.raises(ValueError, match="plain file stem"):
        charts.save_figure(fig, "sub/name", folder=tmp_path)


def test_house_style_uses_the_bundled_font_with_cyrillic():
    from matplotlib import font_manager

    with charts.house_style():
        path = font_manager.findfont(font_manager.FontProperties(
            family=mpl.rcParams["font.family"]), fallback_to_default=False)
    assert "DejaVuSans" in path
    assert mpl.get_data_path() in path  # the copy bundled with matplotlib
    from matplotlib.ft2font import FT2Font

    font = FT2Font(path)
    assert font.get_char_index(ord("Ж")) != 0 and font.get_char_index(ord("é")) != 0


def test_palette_is_okabe_ito():
    assert set(charts.PALETTE.values()) == {"#000000", "#E69F00", "#56B4E9", "#009E73",
                                            "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def _drawn(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


CHARTS = {
    "timeline": lambda local: charts.timeline("Russia", CENTRAL_ASIA, local=local),
    "timeline-gulf": lambda local: charts.timeline(
        "United States", ["Saudi Arabia", "Kuwait", "Qatar", "Bahrain",
                          "United Arab Emirates", "Oman"], local=local),
    "signings": lambda local: charts.dca_signings(local=local),
    "network": lambda local: charts.dca_network(2010, countries=["Russia", *CENTRAL_ASIA],
                                                scope="partners", local=local),
    "network-all": lambda local: charts.dca_network(2010, countries="France", local=local),
    "coverage": lambda local: charts.coverage(local=local),
    "matrix": lambda local: charts.dyad_matrix(["Russia", *CENTRAL_ASIA], local=local),
}


@pytest.fixture(scope="module")
def drawn(local):
    cache = {}

    def draw(name):
        if name not in cache:
            cache[name] = CHARTS[name](local)
        return cache[name]
    return draw


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_no_title_label_or_note_is_cut_in_the_saved_file(name, drawn, tmp_path):
    fig = drawn(name)
    charts.save_figure(fig, name, folder=tmp_path, formats=("png",))
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    with charts.house_style():
        fig.set_dpi(charts.SAVE_DPI)
        renderer = _drawn(fig)
        tight = fig.get_tightbbox(renderer)
    width, height = fig.get_size_inches()
    slack = 0.02  # inches
    assert tight.x0 >= -slack and tight.y0 >= -slack, (name, tight)
    assert tight.x1 <= width + slack and tight.y1 <= height + slack, (name, tight, width)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_no_text_is_smaller_than_8_points(name, drawn):
    from matplotlib.text import Text

    fig = drawn(name)
    small = [(t.get_text()[:30], t.get_fontsize()) for t in fig.findobj(Text)
             if t.get_visible() and t.get_text().strip() and t.get_fontsize() < 8]
    assert small == []


def test_network_labels_do_not_overlap(drawn):
    fig = drawn("network")
    with charts.house_style():
        renderer = _drawn(fig)
    labels = [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("label-")]
    assert len(labels) >= 6 + 3  # the six highlighted states and the best connected others
    boxes = [t.get_window_extent(renderer) for t in labels]
    overlapping = [(labels[i].get_text(), labels[j].get_text())
                   for i in range(len(boxes)) for j in range(i + 1, len(boxes))
                   if boxes[i].overlaps(boxes[j])]
    assert overlapping == []


def test_network_of_partners_keeps_the_countries_and_their_partners_only(local):
    net = charts.dca_network_data(2010, countries=["France", "Niger"], scope="partners",
                                  local=local)
    nodes = net.nodes.set_index("ccode")
    france = nodes.loc[220]
    assert bool(france["highlighted"]) and len(nodes) == france["degree"] + 2 - int(
        net.edges.query("ccode1 == 220 and ccode2 == 436 or ccode1 == 436").shape[0] > 0)
    assert all((net.edges["ccode1"].isin(nodes.index)) & net.edges["ccode2"].isin(nodes.index))
    assert set(nodes.index) >= {220, 436}  # Niger is kept even without a DCA that year
    assert net.nodes["labelled"].sum() == 2 + 5
    assert net.nodes.loc[net.nodes["highlighted"], "name"].tolist() == ["France", "Niger"]


def test_network_labels_are_english_by_default(local):
    net = charts.dca_network_data(2010, countries="Russia", local=local)
    assert "Russia" in set(net.nodes["name"])


def test_figure_names_carry_the_parameters(local):
    states = charts.resolve_states(["France", "Sénégal"], local=local)
    assert charts.figure_name("05-timeline", states, (1990, 2025)) == \
        "05-timeline-fra-sen-1990-2025"
    assert charts.figure_name("05-dca-network", 2010, "en") == "05-dca-network-2010-en"
    with pytest.raises(TypeError, match="cannot name a figure"):
        charts.figure_name("x", 1.5)


def test_every_chart_carries_alt_text_naming_its_countries(local):
    fig = charts.timeline("France", ["Senegal", "Mali"], local=local)
    assert "France" in fig.accords_alt and "Senegal, Mali" in fig.accords_alt
    fig = charts.dyad_matrix(["France", "Senegal"], local=local)
    assert "France–Senegal" in fig.accords_alt
