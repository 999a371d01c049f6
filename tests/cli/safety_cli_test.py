#!/usr/bin/env python3
"""CLI contract checks for the safety commands (DESIGN.md): JSON shapes and exit codes."""
import json
import subprocess
import sys

exe, data = sys.argv[1], sys.argv[2]
failures = []


def run(*args):
    p = subprocess.run([exe, "--data", data, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        failures.append(what)


rc, out, _ = run("interactions", "--with", "xanax", "--with", "alprazolan", "--with", "notadrug", "--json")
check(rc == 0, "interactions exit 0")
alerts = json.loads(out)["alerts"]
for a in alerts:
    check({"with", "matched", "severity", "mechanism", "evidence", "sources"} <= a.keys(), f"keys in {a}")
    check(a["severity"] in {"major", "moderate", "minor", "unknown"}, "severity vocabulary")
check(any(a["with"] == "xanax" and a["matched"] == "alprazolam" and a["severity"] == "major" for a in alerts), "xanax")
check(any(a["with"] == "alprazolan" and a["matched"] == "alprazolam" for a in alerts), "misspelling")
check(any(a["with"] == "notadrug" and a["severity"] == "unknown" for a in alerts), "unknown is never silent")

rc, out, err = run("interactions", "--json")
check(rc == 2 and out == "" and "--with" in err, "interactions without --with is a user error")

rc, out, _ = run("legal", "US-CA-SD", "--json", "--today", "2026-11-25")
check(rc == 0, "legal exit 0")
legal = json.loads(out)
check({"jurisdiction", "kratom", "hydroxymitragynine", "min_age", "as_of", "sources"} <= legal.keys(), "legal keys")
check(legal["jurisdiction"] == "US-CA-SD" and legal["kratom"] == "banned", "San Diego banned")
check([lvl["code"] for lvl in legal["levels"]] == ["US-CA-SD", "US-CA", "US"], "levels fall back")
check(legal["may_be_out_of_date"] is True, "old entry flagged")
check("not legal advice" in legal["notice"], "notice")

rc, out, err = run("legal", "XX", "--json")
check(rc == 2 and out == "" and "US-AL" in err, "unknown code is a user error that shows code formats")

rc, out, _ = run("check", "--dose", "20g", "--at", "2026-11-25 12:00", "--with", "alcohol", "--json")
check(rc == 0, "check exit 0")
ids = {a["id"] for a in json.loads(out)["alerts"]}
check({"single-dose-high", "depressants", "new-user-start"} <= ids, f"check alerts {ids}")

rc, out, _ = run("check", "--dose", "2g", "--context", "astrology")
check(rc == 2 and out == "", "unknown context rejected")

rc, out, _ = run("redflag", "I", "had", "a", "seizure", "--jurisdiction", "TH", "--json")
flags = json.loads(out)["alerts"]
check(rc == 0 and flags and flags[0]["id"] == "seizure" and "1669" in flags[0]["call_now"], "seizure red flag")

rc, out, _ = run("interactions", "--with", "xanax", "--format", "csv")
check(rc == 0 and out.splitlines()[0].startswith("with,matched,severity,mechanism"), "csv header")

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
