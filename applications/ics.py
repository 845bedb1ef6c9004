"""iCalendar output: one interview as a file, or a user's upcoming interviews as a feed.

Start and end are written in the interview's own time zone with a VTIMEZONE definition, so
calendar apps show the wall-clock time the interviewer announced and convert it correctly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import icalendar
from django.conf import settings

from .models import Interview


def _event(interview: Interview, *, stamp: datetime) -> icalendar.Event:
    application = interview.application
    event = icalendar.Event()
    event.add("uid", f"interview-{interview.pk}@{settings.SITE_URL.split('://')[-1]}")
    event.add("dtstamp", stamp)
    event.add("dtstart", interview.local_starts_at)
    event.add("dtend", interview.local_ends_at)
    event.add(
        "summary",
        f"{interview.get_kind_display()} interview: {application.title} at {application.company}",
    )
    if interview.location:
        event.add("location", interview.location)
    elif interview.video_url:
        event.add("location", interview.video_url)
    if interview.video_url:
        event.add("url", interview.video_url)
    lines = []
    if interview.interviewers:
        lines.append(f"Interviewers: {interview.interviewers}")
    if interview.video_url:
        lines.append(f"Video link: {interview.video_url}")
    if interview.prep_notes:
        lines.extend(["", interview.prep_notes])
    lines.extend(["", f"{settings.SITE_URL}{application.get_absolute_url()}"])
    event.add("description", "\n".join(lines).strip())
    if interview.outcome == "cancelled":
        event.add("status", "CANCELLED")
    return event


def interviews_calendar(interviews: Iterable[Interview], *, name: str) -> bytes:
    """An iCalendar document with one event per interview (pass them with applications)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Interviews//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = datetime.now(UTC)
    for interview in interviews:
        calendar.add_component(_event(interview, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
