"""Event merging: one event per agreement action across articles; conflicts kept."""

from __future__ import annotations

import itertools

from accords.extract.events import compatible, events_frame, merge_events
from accords.extract.records import AgreementRecord, Evidence, Source


def rec(doc, **changes):
    values = dict(parties=("KAZ", "RUS"), kind="strategic_partnership_programme",
                  action="signed", date_signed="2021-11-09", period_start=2022, period_end=2024,
                  place="Moscow", sources=(Source(doc),),
                  evidence=(Evidence("date_signed", doc, 0, 5, "9 nov", "DATE"),))
    values.update(changes)
    return AgreementRecord(**values)


def test_reports_in_three_languages_become_one_event_with_all_sources_and_evidence():
    records = [rec("it-1"), rec("ru-2", date_signed="2021-11", place=None),
               rec("en-3", date_signed="2021", signatories=("Shoigu",))]
    (event,) = merge_events(records)
    assert event.source_ids == ("it-1", "ru-2", "en-3")
    assert event.record.date_signed == "2021-11-09"
    assert len(event.record.evidence) == 3
    assert event.record.signatories == ("Shoigu",)


def test_disagreements_are_kept_as_conflicts_not_averaged():
    (event,) = merge_events([rec("it-1"), rec("en-3", place="Astana"), rec("ru-2")])
    assert event.record.place == "Moscow"  # two sources against one
    assert event.record.conflicts["place"] == {"Astana": ["en-3"], "Moscow": ["it-1", "ru-2"]}
    frame = events_frame([event])
    assert "place: Astana (en-3) | Moscow (it-1, ru-2)" in frame.loc[0, "conflicts"]


def test_different_day_kind_action_period_or_parties_are_different_events():
    base = rec("a")
    for other in (rec("b", date_signed="2021-11-08"), rec("b", kind="cooperation_plan"),
                  rec("b", action="ratified"), rec("b", period_start=2019, period_end=2021),
                  rec("b", parties=("KAZ", "UZB"))):
        assert not compatible(base, other)
        assert len(merge_events([base, other])) == 2


def test_undated_records_without_period_are_never_merged():
    a = rec("a", date_signed=None, period_start=None, period_end=None)
    b = rec("b", date_signed=None, period_start=None, period_end=None)
    assert len(merge_events([a, b])) == 2
    # a shared period is an anchor
    assert len(merge_events([rec("a", date_signed=None), rec("b", date_signed=None)])) == 1


def test_organisation_level_records_merge_on_the_organisation():
    a = AgreementRecord(organization="NATO", kind="alliance_treaty", action="signed",
                        date_signed="2022-07-05", sources=(Source("en-1"),))
    b = AgreementRecord(organization="nato", kind="alliance_treaty", action="signed",
                        date_signed="2022-07", sources=(Source("pl-1"),))
    assert len(merge_events([a, b])) == 1


def test_the_result_does_not_depend_on_input_order():
    records = [rec("it-1"), rec("ru-2", date_signed="2021-11"), rec("en-3", date_signed="2021"),
               rec("de-4", date_signed="2021-11-08"), rec("fr-5", kind="cooperation_plan")]
    results = {tuple((e.id, e.source_ids) for e in merge_events(order))
               for order in itertools.permutations(records)}
    assert len(results) == 1


def test_a_year_only_report_joins_the_first_compatible_event_not_both():
    days = [rec("a", date_signed="2021-11-09"), rec("b", date_signed="2021-03-01")]
    events = merge_events([*days, rec("c", date_signed="2021")])
    assert sorted(len(e.members) for e in events) == [1, 2]


def test_the_same_signer_in_two_scripts_is_no_conflict():
    from accords.extract.events import merge_events
    from accords.extract.records import AgreementRecord, Source

    def report(doc, signers):
        return AgreementRecord(parties=("LAO", "RUS"), kind="defense_cooperation_agreement",
                               date_signed="2023-05-02", signatories=signers,
                               sources=(Source(doc),))

    [event] = merge_events([report("en-a", ("Ivan Petrov",)), report("ru-a", ("Иван Петров",))])
    assert "signatories" not in event.record.conflicts
    [event] = merge_events([report("en-a", ("Ivan Petrov",)), report("en-b", ("Oleg Sidorov",))])
    assert set(event.record.conflicts["signatories"]) == {"Ivan Petrov", "Oleg Sidorov"}


def test_an_event_id_reads_as_parties_date_and_kind():
    from accords.extract.events import merge_events
    from accords.extract.records import AgreementRecord, Source

    record = AgreementRecord(parties=("LAO", "RUS"), kind="defense_cooperation_agreement",
                             date_signed="2023-05-02", sources=(Source("en-a"),))
    [event] = merge_events([record])
    assert event.id.startswith("ev-LAO-RUS-2023-05-02-defense_cooperation_agreement-")
