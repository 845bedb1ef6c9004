"""Visa sponsorship and relocation detection on real-world phrases."""

from __future__ import annotations

import pytest

from jobs.normalize.visa import detect_relocation, detect_visa_sponsorship

VISA = [
    ("We sponsor visas for the right candidates.", "yes"),
    ("Visa sponsorship available.", "yes"),
    ("H-1B sponsorship is available for this role.", "yes"),
    ("We offer visa sponsorship and relocation support.", "yes"),
    ("We provide immigration support, including H-1B transfers.", "yes"),
    ("We can sponsor a Blue Card for candidates relocating to Berlin.", "yes"),
    ("We welcome applicants from anywhere and offer full visa support.", "yes"),
    ("We support visa sponsorship for eligible candidates.", "yes"),
    ("We are unable to sponsor visas at this time.", "no"),
    ("We do not sponsor work visas.", "no"),
    ("No visa sponsorship.", "no"),
    ("We cannot provide sponsorship for this position.", "no"),
    ("Candidates must be authorized to work in the US.", "no"),
    ("Applicants must be authorised to work in the UK.", "no"),
    ("You must have the right to work in the UK.", "no"),
    ("Applicants must be able to work in the US without the need for sponsorship.", "no"),
    ("Visa sponsorship is not available for this role.", "no"),
    ("Unfortunately, we are not able to offer visa sponsorship.", "no"),
    ("This role is not eligible for visa sponsorship.", "no"),
    ("Sponsorship: not available.", "no"),
    ("Will you now or in the future require sponsorship for employment visa status?", "no"),
    ("US citizenship is required due to government contracts.", "no"),
    # a refusal in the same sentence beats the positive words
    ("Visa sponsorship is something we would love to offer but cannot at this stage.", "no"),
    # a refusal anywhere wins over an offer elsewhere
    ("We offer relocation support. We do not sponsor visas.", "no"),
    ("We sponsor our annual hackathon.", "unknown"),
    ("Executive sponsor of the project.", "unknown"),
    ("Great benefits and a fun team.", "unknown"),
    ("", "unknown"),
]

RELOCATION = [
    ("We offer a relocation package.", "yes"),
    ("Relocation assistance is available.", "yes"),
    ("We will help you relocate to Amsterdam.", "yes"),
    ("Relocation support and visa sponsorship provided.", "yes"),
    ("Generous relocation bonus for international hires.", "yes"),
    ("No relocation.", "no"),
    ("Relocation is not provided.", "no"),
    ("We are unable to offer relocation assistance.", "no"),
    ("This role does not include relocation.", "no"),
    ("Candidates must be willing to relocate to Austin.", "unknown"),
    ("Nice office with great coffee.", "unknown"),
]


@pytest.mark.parametrize(("text", "expected"), VISA)
def test_visa_phrases(text, expected):
    assert detect_visa_sponsorship(text) == expected


@pytest.mark.parametrize(("text", "expected"), RELOCATION)
def test_relocation_phrases(text, expected):
    assert detect_relocation(text) == expected


def test_phrases_inside_a_long_description():
    text = (
        "About us\n\nWe build tools for developers. " * 20
        + "\n- Competitive salary\n- Visa sponsorship available for this role\n- Relocation package\n"
        + "Our values matter to us. " * 20
    )
    assert detect_visa_sponsorship(text) == "yes"
    assert detect_relocation(text) == "yes"
