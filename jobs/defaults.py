"""The public feeds a fresh installation starts with (operators edit them in admin).

Keyed sources (USAJobs, Adzuna) stay disabled until their keys are in the environment;
LinkedIn and Indeed guest pages are opt-in and start disabled.
"""

from __future__ import annotations

DEFAULT_SOURCES: list[dict] = [
    {"name": "Remotive", "kind": "remotive", "config": {}},
    {"name": "RemoteOK", "kind": "remoteok", "config": {}},
    {"name": "Arbeitnow", "kind": "arbeitnow", "config": {}},
    {"name": "Jobicy", "kind": "jobicy", "config": {}},
    {"name": "Himalayas", "kind": "himalayas", "config": {}},
    {"name": "The Muse", "kind": "themuse", "config": {}},
    {"name": "HN Who is hiring", "kind": "hn_whoishiring", "config": {}},
    {"name": "GitLab (Greenhouse)", "kind": "greenhouse", "config": {"board_token": "gitlab"}},
    {"name": "Palantir (Lever)", "kind": "lever", "config": {"company": "palantir"}},
    {"name": "Notion (Ashby)", "kind": "ashby", "config": {"board": "notion"}},
    {"name": "USAJobs", "kind": "usajobs", "config": {}, "enabled": False},
    {"name": "Adzuna (GB)", "kind": "adzuna", "config": {"country": "gb"}, "enabled": False},
    {"name": "LinkedIn (guest, opt-in)", "kind": "linkedin", "config": {}, "enabled": False},
    {"name": "Indeed (opt-in)", "kind": "indeed", "config": {}, "enabled": False},
]
