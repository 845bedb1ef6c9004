"""Log in as the demo user over HTTP and fetch the dashboard (used by smoke_run.sh)."""

import http.cookiejar
import os
import re
import sys
import urllib.parse
import urllib.request

base = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(f"{base}/accounts/login/").read().decode()
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
form = urllib.parse.urlencode(
    {
        "csrfmiddlewaretoken": token,
        "login": os.environ.get("DEMO_EMAIL", "demo@example.com"),
        "password": os.environ.get("DEMO_PASSWORD", "copilot-demo-2026"),
    }
).encode()
request = urllib.request.Request(
    f"{base}/accounts/login/", data=form, headers={"Referer": f"{base}/accounts/login/"}
)
dashboard = opener.open(request).read().decode()
if "Profile completeness" not in dashboard:
    sys.exit("smoke: login did not reach the dashboard")
