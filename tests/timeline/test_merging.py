"""The same real event from two outlets becomes one event; look-alikes stay apart; the
result does not depend on the order articles arrive in."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from tests.conftest import record
from timeline.models import Event

pytestmark = pytest.mark.django_db

# Two outlets, one signing, told with different relative expressions.
MONDAY_REPORT = record(
    url="https://daily.example.net/accord",
    outlet="Example Daily",
    published_at="2021-03-15",
    text="Government and rebel negotiators signed a peace accord in Nairobi on Friday.",
)
FRIDAY_REPORT = record(
    url="https://radio.example.org/accord",
    outlet="Example Radio",
    published_at="2021-03-12",
    text="Rebel and government negotiators signed a peace accord in Nairobi today, officials said.",
)
# The same kind of event a year apart, and two rounds of talks on one day.
EARLIER_ACCORD = record(
    url="https://daily.example.net/old-accord",
    outlet="Example Daily",
    published_at="2020-03-16",
    text="Government and rebel negotiators signed a peace accord in Nairobi on Friday.",
)


def ingest(tmp_path, *records, name="batch.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    call_command("ingest", str(path), "--no-progress", stdout=io.StringIO())


def export() -> dict:
    out = io.StringIO()
    call_command("export_timeline", stdout=out)
    return json.loads(out.getvalue())


def agreements():
    return list(Event.objects.filter(kind="agreement").order_by("start"))


def test_one_event_with_evidence_from_both_outlets(tmp_path):
    ingest(tmp_path, MONDAY_REPORT, FRIDAY_REPORT)

    [accord] = agreements()
    assert accord.start.date().isoformat() == "2021-03-12"
    outlets = set(accord.evidence.values_list("sentence__article__outlet", flat=True))
    assert outlets == {"Example Daily", "Example Radio"}


def test_same_kind_of_event_in_another_year_stays_apart(tmp_path):
    ingest(tmp_path, MONDAY_REPORT, EARLIER_ACCORD)

    assert [e.start.date().isoformat() for e in agreements()] == [
        "2020-03-13",
        "2021-03-12",
    ]


def test_rounds_with_different_ordinals_never_merge(tmp_path):
    third = record(
        url="https://a.example.com/r3",
        text="The sides met in Geneva on Monday for a third round of talks.",
    )
    fourth = record(
        url="https://b.example.com/r4",
        text="The sides met in Geneva on Monday for a fourth round of talks.",
    )
    ingest(tmp_path, third, fourth)

    ordinals = sorted(
        Event.objects.filter(kind="negotiation").values_list("ordinal", flat=True)
    )
    assert ordinals == [3, 4]


def test_arrival_order_does_not_change_the_timeline(tmp_path, django_db_blocker):
    articles = [MONDAY_REPORT, FRIDAY_REPORT, EARLIER_ACCORD]
    ingest(tmp_path, *articles, name="forward.jsonl")
    forward = export()
    Event.objects.all().delete()
    from articles.models import Article

    Article.objects.all().delete()
    ingest(tmp_path, *reversed(articles), name="backward.jsonl")
    backward = export()

    assert forward["events"] == backward["events"]
    assert forward["actors"] == backward["actors"]


def test_a_generic_body_name_is_no_alias_across_articles(tmp_path):
    ingest(
        tmp_path,
        record(
            url="https://daily.example.net/yerevan",
            text="The Armenian Foreign Ministry said on Monday the talks had failed. "
            "The foreign ministry added that it wanted peace.",
        ),
        record(
            url="https://daily.example.net/moscow",
            text="The Russian Foreign Ministry said on Tuesday the talks would resume. "
            "The foreign ministry added that Moscow wanted peace.",
        ),
    )
    from timeline.models import ActorAlias

    owners = ActorAlias.objects.filter(normalised="foreign ministry")
    assert not owners.exists(), list(owners.values_list("actor__name", flat=True))


def test_a_report_dated_by_its_tense_joins_the_dated_event_of_the_day_before(tmp_path):
    ingest(
        tmp_path,
        record(
            url="https://daily.example.net/signed-friday",
            outlet="Example Daily",
            published_at="2021-03-13",
            text="Government and rebel negotiators signed a peace accord in Nairobi on "
            "Friday.",
        ),
        record(
            url="https://radio.example.org/have-signed",
            outlet="Example Radio",
            published_at="2021-03-13",
            text="Government and rebel negotiators have signed a peace accord in Nairobi, "
            "mediators said.",
        ),
    )
    [accord] = agreements()
    assert accord.start.date().isoformat() == "2021-03-12"
    assert accord.evidence.values("sentence__article").distinct().count() == 2
    resolutions = set(accord.evidence.values_list("resolution", flat=True))
    assert resolutions == {"document", "tense"}


def test_reports_dated_by_tense_alone_two_days_apart_stay_apart(tmp_path):
    ingest(
        tmp_path,
        record(
            url="https://daily.example.net/accord-a",
            published_at="2021-03-12",
            text="Government and rebel negotiators have signed a peace accord in Nairobi.",
        ),
        record(
            url="https://daily.example.net/accord-b",
            published_at="2021-03-14",
            text="Government and rebel negotiators have signed a peace accord in Nairobi.",
        ),
    )
    assert len(agreements()) == 2


def test_one_articles_remarks_by_different_speakers_stay_apart(tmp_path):
    ingest(
        tmp_path,
        record(
            url="https://daily.example.net/remarks",
            text="The convoy reached Kismayo on Monday, Kenya and Somalia said on Monday. "
            "Residents' committees in Kismayo said on Monday that the convoy was late.",
        ),
    )
    remarks = list(Event.objects.filter(kind="statement"))
    assert len(remarks) == 2, [e.title for e in remarks]


ACCORD_TOLD = record(
    url="https://daily.example.net/accord-wednesday",
    outlet="Example Daily",
    published_at="2022-11-03",
    text="Ethiopia and the TPLF signed a peace accord in Pretoria on Wednesday.",
)
ACCORD_REFERRED = record(
    url="https://radio.example.org/accord-welcomed",
    outlet="Example Radio",
    published_at="2022-11-05",
    text="Aid agencies welcomed the calm. Mediators said Ethiopia and the TPLF had "
    "signed the accord after long talks.",
)


@pytest.mark.parametrize("order", ["told first", "referred first"])
def test_an_undated_reference_joins_the_event_another_outlet_dates(tmp_path, order):
    records = [ACCORD_TOLD, ACCORD_REFERRED]
    if order == "referred first":
        records.reverse()
    for n, one in enumerate(records):
        ingest(tmp_path, one, name=f"{n}.jsonl")

    [accord] = agreements()
    assert accord.start.date().isoformat() == "2022-11-02"
    resolutions = dict(
        accord.evidence.values_list("sentence__article__outlet", "resolution")
    )
    assert resolutions == {"Example Daily": "document", "Example Radio": "window"}
    assert accord.title == "Ethiopia and TPLF sign peace accord in Pretoria"


def test_a_reference_no_outlet_dates_waits_hidden(tmp_path):
    ingest(tmp_path, ACCORD_REFERRED)

    assert not Event.objects.visible().filter(kind="agreement").exists()
    [waiting] = Event.objects.filter(kind="agreement")
    assert waiting.status == Event.Status.PENDING
    assert export()["events"] == []


ACCORD_REFERRED_AGAIN = record(
    url="https://wire.example.com/accord-holds",
    outlet="Example Wire",
    published_at="2022-11-06",
    text="Fighting stopped in the north. Envoys said the accord, signed by Ethiopia and "
    "the TPLF, had held.",
)


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 2, 0), (2, 1, 0)])
def test_references_from_two_outlets_both_join_the_event_a_third_dates(tmp_path, order):
    records = [ACCORD_TOLD, ACCORD_REFERRED, ACCORD_REFERRED_AGAIN]
    for n, index in enumerate(order):
        ingest(tmp_path, records[index], name=f"{n}.jsonl")

    [accord] = agreements()
    outlets = sorted(
        accord.evidence.values_list("sentence__article__outlet", flat=True)
    )
    assert outlets == ["Example Daily", "Example Radio", "Example Wire"]
    assert accord.title == "Ethiopia and TPLF sign peace accord in Pretoria"


SURNAME_ONLY = record(
    url="https://wire.example.com/erdogan-call",
    outlet="Example Wire",
    published_at="2020-03-06",
    text="Erdogan told reporters on Thursday that the truce in Idlib would hold.",
)
FULL_NAME = record(
    url="https://daily.example.net/erdogan-visit",
    outlet="Example Daily",
    published_at="2020-03-06",
    text="Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin "
    "in Moscow on Thursday.",
)


@pytest.mark.parametrize("order", ["surname first", "full name first"])
def test_a_surname_alone_and_the_full_name_are_one_person_in_either_order(
    tmp_path, order
):
    from timeline.models import Actor

    records = [SURNAME_ONLY, FULL_NAME]
    if order == "full name first":
        records.reverse()
    for n, one in enumerate(records):
        ingest(tmp_path, one, name=f"{n}.jsonl")

    people = Actor.objects.filter(kind="person").order_by("name")
    assert [a.name for a in people] == ["Recep Tayyip Erdogan", "Vladimir Putin"]
    erdogan = people[0]
    assert {a.name for a in erdogan.aliases.all()} >= {
        "Erdogan",
        "Recep Tayyip Erdogan",
    }
    assert erdogan.events.count() == 2


def test_a_surname_two_people_share_names_neither(tmp_path):
    from timeline.models import Actor

    ingest(
        tmp_path,
        record(
            url="https://daily.example.net/two-ahmeds",
            published_at="2021-03-15",
            text="Ethiopian Prime Minister Abiy Ahmed met Somali envoy Ali Ahmed in "
            "Addis Ababa on Friday.",
        ),
        record(
            url="https://wire.example.com/ahmed",
            outlet="Example Wire",
            published_at="2021-03-15",
            text="Ahmed said on Saturday that the border would reopen.",
        ),
    )
    names = set(Actor.objects.filter(kind="person").values_list("name", flat=True))
    assert {"Abiy Ahmed", "Ali Ahmed"} <= names
    assert Actor.objects.get(aliases__name="Ahmed").name not in {
        "Abiy Ahmed",
        "Ali Ahmed",
    }


ABBREVIATION_ONLY = record(
    url="https://wire.example.com/adf-raid",
    outlet="Example Wire",
    published_at="2021-03-15",
    text="The ADF said on Sunday that its fighters had attacked a village near Beni.",
)
ABBREVIATION_DEFINED = record(
    url="https://daily.example.net/adf-raid",
    outlet="Example Daily",
    published_at="2021-03-15",
    text="Fighters of the Allied Democratic Forces (ADF) attacked a village near Beni "
    "on Sunday.",
)


@pytest.mark.parametrize("order", ["abbreviation first", "name first"])
def test_an_abbreviation_and_the_name_it_stands_for_are_one_actor_in_either_order(
    tmp_path, order
):
    from timeline.models import Actor

    records = [ABBREVIATION_ONLY, ABBREVIATION_DEFINED]
    if order == "name first":
        records.reverse()
    for n, one in enumerate(records):
        ingest(tmp_path, one, name=f"{n}.jsonl")

    holders = Actor.objects.filter(
        aliases__name__in=["ADF", "Allied Democratic Forces"]
    )
    assert holders.distinct().count() == 1
