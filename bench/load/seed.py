#!/usr/bin/env python3
"""Seeds the load test through the API: a session, one person, a year of entries. Prints
SESSION=..., CSRF=..., PID=... for the shell. With --has-route NAME, exits 0 if the
OpenAPI document has a person route ending in NAME."""
import datetime
import http.client
import json
import re
import sys

port = int(sys.argv[1])


def call(method, path, body=None, session=None, csrf=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if session:
        headers["Cookie"] = "speciosa_session=" + session
    if csrf:
        headers["X-CSRF-Token"] = csrf
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    r = conn.getresponse()
    data = json.loads(r.read())
    if r.status >= 300:
        sys.exit("seed: %s %s -> %d %s" % (method, path, r.status, data))
    cookie = r.getheader("Set-Cookie") or ""
    return data, (re.match(r"speciosa_session=([^;]*)", cookie) or [None, session])[1]


if len(sys.argv) > 3 and sys.argv[2] == "--has-route":
    doc, _ = call("GET", "/api/v1/openapi.json")
    sys.exit(0 if any(p.endswith("/" + sys.argv[3]) for p in doc["paths"]) else 1)

s, session = call("GET", "/api/v1/session")
csrf = s["csrf"]
person, _ = call("POST", "/api/v1/people", {"name": "Load", "tz": "UTC"}, session, csrf)
pid = person["id"]
today = datetime.datetime.now(datetime.timezone.utc).date()
for day in range(1, 366):
    date = (today - datetime.timedelta(days=day)).isoformat()
    for hour in (8, 12, 16, 20):
        call("POST", "/api/v1/people/%d/doses" % pid,
             {"amount": "2g", "product": "maeng-da", "at": "%s %02d:00" % (date, hour)}, session, csrf)
    call("POST", "/api/v1/people/%d/checkins" % pid,
         {"anxiety": day % 10, "mood": 5, "at": "%s 09:00" % date}, session, csrf)
print("SESSION=%s CSRF=%s PID=%d" % (session, csrf, pid))
