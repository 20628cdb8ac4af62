"""Activity reports with their reminders, meetings with minutes shared or kept, and the
networks' year for the General Assembly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils.timezone import localdate

from befus.core.errors import DomainError, InvalidTransition
from befus.core.models import AuditEvent, Notification
from befus.networks import selectors, services
from befus.networks.models import ActivityReport, Meeting, Network

PDF = b"%PDF-1.4\n%minimal\n"


def test_referent_files_a_report_and_the_secretariat_is_told(
    referent: Any, network: Network, secretary: Any
) -> None:
    # when
    report = services.file_report(
        actor=referent,
        network=network,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        summary="Three meetings.",
    )
    # then
    assert report.submitted_by == referent
    assert AuditEvent.objects.filter(
        verb="networks.report.file", target_id=str(network.pk)
    ).exists()
    assert (
        Notification.objects.filter(recipient=secretary, kind="networks.report_filed").count() == 1
    )


@pytest.mark.parametrize(
    "role", ["professional", "mayor", "secretary", "board_member", "other_referent"]
)
def test_only_the_networks_active_referent_files_its_report(
    request: pytest.FixtureRequest, network: Network, role: str
) -> None:
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.file_report(
            actor=actor,
            network=network,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 3, 31),
            summary="x",
        )
    assert ActivityReport.objects.count() == 0


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (dt.date(2026, 3, 31), dt.date(2026, 1, 1), "end date cannot be before"),
        (dt.date(2026, 1, 1), dt.date(2099, 1, 1), "period that has ended"),
    ],
)
def test_a_report_period_must_be_sane(
    referent: Any, network: Network, start: dt.date, end: dt.date, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        services.file_report(
            actor=referent, network=network, period_start=start, period_end=end, summary="x"
        )
    assert ActivityReport.objects.count() == 0


def test_the_next_report_is_due_one_period_after_the_last_one(
    referent: Any, network: Network
) -> None:
    # given a quarterly network that reported up to 31 January
    services.file_report(
        actor=referent,
        network=network,
        period_start=dt.date(2025, 11, 1),
        period_end=dt.date(2025, 1, 31) + dt.timedelta(days=365),
        summary="x",
    )
    # then the next report is due on the last day of April (31 April does not exist)
    [item] = [i for i in selectors.report_schedule() if i.network == network]
    assert item.due == dt.date(2026, 4, 30)


def test_reminders_go_a_week_before_and_weekly_once_late(
    referent: Any, network: Network, secretary: Any
) -> None:
    # given the network's next report is due on a known day
    [item] = [i for i in selectors.report_schedule() if i.network == network]
    due = item.due
    # when the daily job runs a week before, on the day, and one and eight days after
    for offset in (-7, 0, 1, 8, 9):
        services.send_report_reminders(today=due + dt.timedelta(days=offset))
    # then the referent got one reminder before and two after; the secretariat the two late ones
    assert Notification.objects.filter(recipient=referent, kind="networks.report_due").count() == 1
    late = Notification.objects.filter(kind="networks.report_overdue")
    assert late.filter(recipient=referent).count() == 2
    assert late.filter(recipient=secretary).count() == 2


def test_daily_command_runs_the_reminders_and_the_digests(network: Network, capsys: Any) -> None:
    call_command("befus_daily")
    assert "reminded" in capsys.readouterr().out


def test_minutes_stay_inside_the_network_until_it_shares_them(
    referent: Any, network: Network, secretary: Any
) -> None:
    # given a meeting recorded without sharing
    meeting = services.record_meeting(
        actor=referent,
        network=network,
        date=dt.date(2026, 5, 4),
        agenda="Round of the cities",
        minutes="Internal discussion.",
    )
    # then the secretariat cannot see it
    assert selectors.meetings_for(network, secretary) == []
    assert secretary.has_perm("networks:meeting:view", meeting) is False
    # when the referent shares the minutes
    services.share_minutes(actor=referent, meeting=meeting)
    # then the secretariat sees them and is told
    assert selectors.meetings_for(network, secretary) == [meeting]
    assert Notification.objects.filter(recipient=secretary, kind="networks.minutes_shared").exists()
    with pytest.raises(InvalidTransition, match="already shared"):
        services.share_minutes(actor=referent, meeting=meeting)


def test_a_meeting_needs_an_agenda(referent: Any, network: Network) -> None:
    with pytest.raises(DomainError, match="agenda"):
        services.record_meeting(
            actor=referent, network=network, date=dt.date(2026, 5, 4), agenda=" "
        )
    assert Meeting.objects.count() == 0


def test_meeting_pages_follow_the_sharing_rule(
    login: Any, referent: Any, network: Network, client: Any
) -> None:
    # given one kept and one shared meeting
    kept = services.record_meeting(
        actor=referent, network=network, date=dt.date(2026, 5, 4), agenda="a"
    )
    shared = services.record_meeting(
        actor=referent, network=network, date=dt.date(2026, 6, 4), agenda="b", share=True
    )
    # then the secretariat opens only the shared one, a professional of another network neither
    secretary = login("secretary")
    assert secretary.get(f"/en/networks/meetings/{shared.pk}/").status_code == 200
    assert secretary.get(f"/en/networks/meetings/{kept.pk}/").status_code == 404
    outsider = login("professional")
    assert outsider.get(f"/en/networks/meetings/{shared.pk}/").status_code == 404


def test_meeting_attachment_is_served_only_to_those_who_see_the_meeting(
    referent: Any, network: Network, client: Any, professional: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    meeting = services.record_meeting(
        actor=referent,
        network=network,
        date=dt.date(2026, 5, 4),
        agenda="a",
        attachment=SimpleUploadedFile("pv.pdf", PDF, content_type="application/pdf"),
    )
    client.force_login(referent)
    response = client.get(f"/en/networks/meetings/{meeting.pk}/file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.force_login(professional)
    assert client.get(f"/en/networks/meetings/{meeting.pk}/file/").status_code == 404


def test_recording_a_meeting_refuses_a_file_that_is_not_a_pdf(
    login: Any, referent: Any, network: Network, client: Any
) -> None:
    client.force_login(referent)
    response = client.post(
        "/en/networks/nightlife/meetings/new/",
        {
            "date": "2026-05-04",
            "agenda": "a",
            "attachment": SimpleUploadedFile("x.pdf", b"not a pdf"),
        },
    )
    assert response.status_code == 400
    assert "not a PDF" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_general_assembly_compiles_each_networks_year(
    login: Any, referent: Any, network: Network
) -> None:
    # given a report and shared minutes in 2026, and an internal meeting
    services.file_report(
        actor=referent,
        network=network,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        summary="What we did in spring.",
    )
    services.record_meeting(
        actor=referent, network=network, date=dt.date(2026, 2, 2), agenda="Shared one", share=True
    )
    services.record_meeting(
        actor=referent, network=network, date=dt.date(2026, 2, 9), agenda="Kept one"
    )
    network.decision_date = dt.date(2025, 3, 14)
    network.save(update_fields=["decision_date"])
    client = login("secretary")
    # when the secretariat opens the agenda and the network's document
    agenda = client.get("/en/networks/general-assembly/?year=2026")
    document = client.get("/en/networks/general-assembly/nightlife/?year=2026").content.decode()
    # then
    assert agenda.status_code == 200
    assert [n.report_count for n in agenda.context["networks"]] == [1]
    assert "What we did in spring." in document
    assert "Shared one" in document
    assert "Kept one" not in document


@pytest.mark.parametrize("role", ["professional", "mayor", "visitor"])
def test_general_assembly_pages_are_for_the_secretariat_and_the_board(
    login: Any, network: Network, role: str
) -> None:
    client = login(role)
    assert client.get("/en/networks/general-assembly/").status_code == 403


def test_a_bad_year_falls_back_to_this_year(login: Any, network: Network) -> None:
    response = login("secretary").get("/en/networks/general-assembly/?year=abc")
    assert response.context["year"] == localdate().year


def test_a_mayor_asked_to_consent_can_read_the_proposal(
    mayor: Any, professional: Any, client: Any
) -> None:
    """The mayor decides on a staff member's place in a proposed network: they may read it."""
    from befus.networks.selectors import current_charter

    # given a professional of the mayor's city proposes a network (their membership awaits)
    network = services.propose_network(
        actor=professional,
        referent_role="local_referent",
        charter=current_charter(),
        accept_charter=True,
        original_language="nl",
        name_nl="Veilig uitgaan",
        purpose_nl="Samen werken aan veilig uitgaan.",
        scope="local",
    )
    # when the mayor opens it
    client.force_login(mayor)
    response = client.get(f"/nl/networks/{network.slug}/")
    # then the page opens
    assert response.status_code == 200


def test_people_of_the_forum_see_the_next_meetings_but_not_their_minutes(
    referent: Any, network: Network, client: Any, mayor: Any
) -> None:
    # given a meeting next month, kept inside the network
    services.record_meeting(
        actor=referent,
        network=network,
        date=localdate() + dt.timedelta(days=30),
        place="Gent",
        agenda="Secret agenda",
        minutes="Secret minutes",
    )
    # when a mayor of a member city opens the network
    client.force_login(mayor)
    html = client.get("/en/networks/nightlife/").content.decode()
    # then the date and place show, the agenda and minutes do not
    assert "Upcoming meetings" in html
    assert "Gent" in html
    assert "Zorgvuldig" not in html
