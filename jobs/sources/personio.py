"""Personio XML job feed.

Request: ``GET https://{company}.jobs.personio.de/xml`` (public; ``?language=en`` optional).
Response (parsed with defusedxml: no entities, no DTDs)::

    <workzag-jobs>
      <position>
        <id>, <subcompany>, <office>, <additionalOffices><office/>…</additionalOffices>,
        <department>, <recruitingCategory>, <name>,
        <jobDescriptions><jobDescription><name/><value>(HTML, usually CDATA)</value>
        </jobDescription>…</jobDescriptions>,
        <employmentType>, <seniority>, <schedule>, <yearsOfExperience>, <keywords>,
        <occupation>, <occupationCategory>, <createdAt>
      </position>…
    </workzag-jobs>

The public posting page is ``https://{company}.jobs.personio.de/job/{id}``.
"""

from __future__ import annotations

import html
from typing import Any
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from jobs.sources.base import (
    Adapter,
    Config,
    ParseError,
    ParseResult,
    Payload,
    RequestSpec,
    register,
)
from jobs.sources.helpers import (
    collect,
    required_text,
    slug_to_name,
    text,
    to_text,
)
from jobs.sources.request_builders import (
    config_segment,
    config_text,
    get_request,
)
from jobs.types import RawPosting

KIND = "personio"
FIELDS = (
    "id",
    "subcompany",
    "office",
    "department",
    "recruitingCategory",
    "name",
    "employmentType",
    "seniority",
    "schedule",
    "yearsOfExperience",
    "keywords",
    "occupation",
    "occupationCategory",
    "createdAt",
)


def build_requests(config: Config) -> list[RequestSpec]:
    company = config_segment(config, KIND, "company", "board_token").lower()
    params = {"language": config_text(config, "language")}
    return [
        get_request(
            f"https://{company}.jobs.personio.de/xml", params, {"Accept": "application/xml"}
        )
    ]


def _child_text(element: Element, tag: str) -> str | None:
    child = element.find(tag)
    return text(child.text) if child is not None else None


def _position_dict(position: Element) -> dict[str, Any]:
    """The position as a plain dict (kept as ``raw``)."""
    data: dict[str, Any] = {tag: _child_text(position, tag) for tag in FIELDS}
    data["additionalOffices"] = [
        value for el in position.findall("additionalOffices/office") if (value := text(el.text))
    ]
    data["jobDescriptions"] = [
        {"name": _child_text(el, "name"), "value": _child_text(el, "value")}
        for el in position.findall("jobDescriptions/jobDescription")
    ]
    return data


def _description(sections: list[dict[str, Any]]) -> str | None:
    parts: list[str] = []
    for section in sections:
        if section.get("name"):
            parts.append(f"<h3>{html.escape(section['name'])}</h3>")
        if section.get("value"):
            parts.append(section["value"])
    return "".join(parts) or None


def parse(payload: Payload, config: Config) -> ParseResult:
    body = to_text(payload, KIND)
    try:
        root = fromstring(body.encode("utf-8"))
    except DefusedXmlException as exc:
        raise ParseError(f"{KIND}: refused unsafe XML ({type(exc).__name__})") from None
    except XMLParseError as exc:
        raise ParseError(f"{KIND}: invalid XML: {exc}") from None
    if root.tag != "workzag-jobs":
        raise ParseError(f"{KIND}: expected a <workzag-jobs> feed, got <{root.tag[:40]}>")
    slug = config_text(config, "company", "board_token")
    override = config_text(config, "company_name")
    items = [_position_dict(position) for position in root.findall("position")]

    def build(item: dict[str, Any]) -> RawPosting:
        posting_id = required_text(item["id"], "id")
        offices = [o for o in [item["office"], *item["additionalOffices"]] if o]
        kind_parts = [p for p in (item["employmentType"], item["schedule"]) if p]
        keywords = [k.strip() for k in (item["keywords"] or "").split(",") if k.strip()]
        return RawPosting(
            source=KIND,
            external_id=posting_id,
            title=required_text(item["name"], "name (title)"),
            company=override or item["subcompany"] or slug_to_name(slug),
            url=f"https://{slug.lower()}.jobs.personio.de/job/{posting_id}" if slug else None,
            locations=list(dict.fromkeys(offices)),
            description_html=_description(item["jobDescriptions"]),
            employment_type=", ".join(kind_parts) or None,
            seniority=item["seniority"],
            tags=list(
                dict.fromkeys(
                    t for t in [item["department"], item["occupationCategory"], *keywords] if t
                )
            ),
            posted_at=item["createdAt"],
            raw=item,
        )

    return collect(KIND, items, build)


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="Personio",
        parse=parse,
        build_requests=build_requests,
        docs_url="https://developer.personio.de/docs/retrieving-open-job-positions",
    )
)
