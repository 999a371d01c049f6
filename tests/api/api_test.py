#!/usr/bin/env python3
"""HTTP API tests: starts `speciosa serve` on a free loopback port with a temporary SQLite
journal (single-person mode, then multi-user mode with two accounts), runs every route with
good and bad input, and checks the security rules (CSRF, sessions, login limits, authorization,
request size, Host names, static files, logs). Python 3 standard library only.

usage: api_test.py PROGRAM DATA_DIR
"""
import datetime
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import unittest

PROGRAM = DATA_DIR = None
PASSWORD = "correct horse battery"


class Server:
    """One `speciosa serve` process; stderr (the request log) is kept for inspection."""

    def __init__(self, tmp, db, *args):
        self.proc = subprocess.Popen(
            [PROGRAM, "--db", db, "--data", DATA_DIR, "serve", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("server did not start: " + line + self.proc.stderr.read())
        self.port = int(m.group(1))
        self.log = []
        self.reader = threading.Thread(target=lambda: self.log.extend(self.proc.stderr), daemon=True)
        self.reader.start()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.reader.join(timeout=5)
        return "".join(self.log)


class Client:
    """Keeps the session cookie and the CSRF token like a browser page would."""

    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.csrf = None

    def call(self, method, path, body=None, raw=None, headers=None, csrf=True):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Host": "127.0.0.1:%d" % self.port}
        if self.cookie:
            h["Cookie"] = "speciosa_session=" + self.cookie
        if csrf and self.csrf and method != "GET":
            h["X-CSRF-Token"] = self.csrf
        if body is not None:
            raw = json.dumps(body)
        if raw is not None:
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        conn.request(method, path, body=raw, headers=h)
        r = conn.getresponse()
        data = r.read()
        cookie = r.getheader("Set-Cookie")
        if cookie:
            self.cookie = re.match(r"speciosa_session=([^;]*)", cookie).group(1) or None
        conn.close()
        kind = r.getheader("Content-Type") or ""
        return r.status, (json.loads(data) if kind.startswith("application/json") else data), r

    def session(self):
        status, j, _ = self.call("GET", "/api/v1/session")
        assert status == 200, j
        self.csrf = j["csrf"]
        return j


def error_field(reply):
    return reply["error"]["field"]


class SingleUser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.web = os.path.join(cls.tmp.name, "web")
        os.makedirs(os.path.join(cls.web, "assets"))
        with open(os.path.join(cls.web, "index.html"), "w") as f:
            f.write("<!doctype html><title>speciosa dashboard</title>")
        with open(os.path.join(cls.web, "assets", "app.js"), "w") as f:
            f.write("console.log('ok')")
        with open(os.path.join(cls.tmp.name, "secret.txt"), "w") as f:
            f.write("outside the web directory")
        cls.db = os.path.join(cls.tmp.name, "journal.db")
        cls.server = Server(cls.tmp.name, cls.db, "--web", cls.web)
        cls.c = Client(cls.server.port)
        cls.c.session()
        status, cls.person, _ = cls.c.call("POST", "/api/v1/people", {
            "name": "Ana", "weight_kg": 61, "tz": "America/New_York", "jurisdiction": "US-AL"})
        assert status == 201, cls.person
        cls.pid = cls.person["id"]
        cls.base = "/api/v1/people/%d" % cls.pid

    @classmethod
    def tearDownClass(cls):
        cls.log = cls.server.stop()
        cls.tmp.cleanup()

    def history(self):
        status, h, _ = self.c.call("GET", self.base + "/history?days=3650")
        self.assertEqual(status, 200, h)
        return h

    def test_health(self):
        status, j, _ = self.c.call("GET", "/api/v1/health")
        self.assertEqual(status, 200)
        self.assertIs(j["ok"], True)
        self.assertTrue(j["version"])

    def test_session_cookie_is_httponly_and_strict(self):
        fresh = Client(self.server.port)
        status, j, r = fresh.call("GET", "/api/v1/session")
        self.assertEqual((status, j["mode"], j["account"]), (200, "single", None))
        self.assertRegex(j["csrf"], r"^[0-9a-f]{64}$")
        cookie = r.getheader("Set-Cookie")
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        self.assertNotIn("Secure", cookie)
        _, _, r = Client(self.server.port).call("GET", "/api/v1/session", headers={"X-Forwarded-Proto": "https"})
        self.assertIn("; Secure", r.getheader("Set-Cookie"))

    def test_csrf_token_is_checked_on_every_state_changing_request(self):
        before = len(self.history()["doses"])
        dose = {"amount": "2g", "product": "maeng-da"}
        no_token = self.c.call("POST", self.base + "/doses", dose, csrf=False)
        self.assertEqual((no_token[0], error_field(no_token[1])), (403, "X-CSRF-Token"))
        wrong = self.c.call("POST", self.base + "/doses", dose, headers={"X-CSRF-Token": "0" * 64})
        self.assertEqual(wrong[0], 403)
        other = Client(self.server.port)
        other.session()
        other.csrf = self.c.csrf  # a token without its own session cookie
        self.assertEqual(other.call("POST", self.base + "/doses", dose)[0], 403)
        self.assertEqual(self.c.call("DELETE", self.base, csrf=False)[0], 403)
        self.assertEqual(self.c.call("PATCH", self.base, {"weight_kg": 70}, csrf=False)[0], 403)
        self.assertEqual(len(self.history()["doses"]), before)

    def test_people_crud(self):
        status, p, _ = self.c.call("POST", "/api/v1/people", {"name": "Ben", "tz": "Asia/Bangkok", "risks": ["liver-disease"]})
        self.assertEqual(status, 201, p)
        self.assertEqual((p["name"], p["tz"], p["risks"]), ("Ben", "Asia/Bangkok", ["liver-disease"]))
        path = "/api/v1/people/%d" % p["id"]
        self.assertEqual(self.c.call("GET", path)[1]["name"], "Ben")
        status, p2, _ = self.c.call("PATCH", path, {"weight_kg": 80, "jurisdiction": "TH"})
        self.assertEqual((status, p2["weight_kg"], p2["jurisdiction"], p2["tz"]), (200, 80, "TH", "Asia/Bangkok"))
        names = [x["name"] for x in self.c.call("GET", "/api/v1/people")[1]["people"]]
        self.assertIn("Ben", names)
        self.assertEqual(self.c.call("DELETE", path)[0], 200)
        self.assertEqual(self.c.call("GET", path)[0], 404)
        self.assertEqual(self.c.call("DELETE", path)[0], 404)

    def test_people_bad_input_writes_nothing(self):
        before = self.c.call("GET", "/api/v1/people")[1]["people"]
        cases = [
            ({"name": "Ana"}, 409, "name"),
            ({"name": "Cy", "tz": "Mars/Olympus"}, 422, "tz"),
            ({"name": "Cy", "weight_kg": 5}, 422, "weight_kg"),
            ({"name": "Cy", "sex": "robot"}, 422, "sex"),
            ({"name": "Cy", "weight_kg": "heavy"}, 400, "weight_kg"),
            ({"name": "Cy", "favourite": 1}, 400, "favourite"),
            ({"weight_kg": 70}, 400, "name"),
        ]
        for body, status, field in cases:
            got, reply, _ = self.c.call("POST", "/api/v1/people", body)
            self.assertEqual((got, error_field(reply)), (status, field), body)
            self.assertTrue(reply["error"]["problem"])
        got, reply, _ = self.c.call("POST", "/api/v1/people", raw="{not json")
        self.assertEqual((got, error_field(reply)), (400, "body"))
        got, reply, _ = self.c.call("PATCH", self.base, {"tz": "Nowhere/Else"})
        self.assertEqual(got, 422)
        self.assertEqual(self.c.call("GET", "/api/v1/people")[1]["people"], before)
        self.assertEqual(self.c.call("GET", "/api/v1/people/999999")[0], 404)

    def test_log_every_entry_kind_and_read_history(self):
        status, dose, _ = self.c.call("POST", self.base + "/doses", {
            "amount": "2g", "product": "maeng-da", "at": "2026-11-20 08:30", "note": "with food"})
        self.assertEqual(status, 201, dose)
        self.assertEqual((dose["amount"], dose["unit"], dose["product"], dose["form"]), (2, "g", "maeng-da", "powder"))
        self.assertEqual(dose["at"], "2026-11-20T13:30:00+00:00")  # 08:30 in New York, as UTC
        status, checkin, _ = self.c.call("POST", self.base + "/checkins", {
            "anxiety": 6, "mood": 4, "energy": 5, "sleep_h": 7.5, "at": "2026-11-20T14:00:00Z", "note": "tense"})
        self.assertEqual((status, checkin["anxiety"], checkin["sleep_h"]), (201, 6, 7.5))
        status, gad, _ = self.c.call("POST", self.base + "/gad7", {"items": [0, 1, 2, 1, 0, 3, 1], "at": "2026-11-20 09:05"})
        self.assertEqual((status, gad["score"], gad["severity"]), (201, 8, "mild"))
        status, effect, _ = self.c.call("POST", self.base + "/effects", {"symptom": "nausea", "severity": 2, "at": "2026-11-20 10:00"})
        self.assertEqual((status, effect["symptom"], effect["severity"]), (201, "nausea", 2))
        status, med, _ = self.c.call("POST", self.base + "/medications", {"name": "sertraline", "dose": "50 mg daily"})
        self.assertEqual((status, med["name"], med["dose"]), (201, "sertraline", "50 mg daily"))
        h = self.history()
        self.assertIn(dose["id"], [d["id"] for d in h["doses"]])
        gad7 = [c for c in h["checkins"] if c["id"] == gad["id"]][0]["gad7"]
        self.assertEqual(gad7, {"items": [0, 1, 2, 1, 0, 3, 1], "score": 8})
        self.assertIn(effect["id"], [e["id"] for e in h["effects"]])
        self.assertIn("sertraline", [m["name"] for m in h["medications"]])
        self.assertEqual(self.c.call("GET", self.base + "/history?days=0")[0], 422)
        self.assertEqual(self.c.call("GET", self.base + "/history?days=abc")[0], 422)

    def test_bad_entries_are_rejected_and_write_nothing(self):
        before = self.history()
        cases = [
            ("/doses", {"amount": "2", "product": "maeng-da"}, 422, "amount"),
            ("/doses", {"amount": "2g", "product": "bali-gold"}, 422, "product"),
            ("/doses", {"amount": "-2g", "product": "bali"}, 422, "amount"),
            ("/doses", {"amount": "2g", "product": "bali", "at": "2099-01-01 08:00"}, 422, "at"),
            ("/doses", {"amount": "2g", "product": "bali", "at": "yesterday"}, 422, "at"),
            ("/doses", {"amount": 2, "product": "bali"}, 400, "amount"),
            ("/doses", {"product": "bali"}, 400, "amount"),
            ("/doses", {"amount": "2g", "product": "bali", "form": "smoke"}, 422, "form"),
            ("/checkins", {"anxiety": 11, "mood": 4}, 422, "anxiety"),
            ("/checkins", {"anxiety": "high"}, 400, "anxiety"),
            ("/gad7", {"items": [0, 1, 2]}, 422, "items"),
            ("/gad7", {"items": [0, 1, 2, 1, 0, 3, 9]}, 422, "gad7"),
            ("/effects", {"symptom": "nausea", "severity": 7}, 422, "severity"),
            ("/medications", {"dose": "50 mg"}, 400, "name"),
            ("/check", {"amount": "2", "product": "maeng-da"}, 422, "amount"),
        ]
        for path, body, status, field in cases:
            got, reply, _ = self.c.call("POST", self.base + path, body)
            self.assertEqual(got, status, (path, body, reply))
            self.assertTrue(error_field(reply).startswith(field), (path, body, reply))
        self.assertEqual(self.history(), before)
        self.assertEqual(self.c.call("POST", "/api/v1/people/999999/doses", {"amount": "2g", "product": "bali"})[0], 404)

    def test_edit_and_delete_entries(self):
        _, dose, _ = self.c.call("POST", self.base + "/doses", {"amount": "1g", "product": "bali", "at": "2026-11-19 08:00"})
        path = self.base + "/entries/%d" % dose["id"]
        status, edited, _ = self.c.call("PATCH", path, {"amount": "3g", "note": "edited"})
        self.assertEqual((status, edited["amount"], edited["note"], edited["product"]), (200, 3, "edited", "bali"))
        self.assertEqual(self.c.call("PATCH", path, {"anxiety": 3})[0], 400)
        self.assertEqual(self.c.call("PATCH", path, {"amount": "3 bananas"})[0], 422)
        self.assertEqual(self.c.call("DELETE", path)[0], 200)
        self.assertEqual(self.c.call("DELETE", path)[0], 404)
        self.assertEqual(self.c.call("PATCH", path, {"note": "x"})[0], 404)
        self.assertNotIn(dose["id"], [d["id"] for d in self.history()["doses"]])

    def test_products(self):
        status, kb, _ = self.c.call("GET", "/api/v1/products")
        self.assertEqual(status, 200)
        self.assertIn("maeng-da", [p["id"] for p in kb["products"]])
        status, p, _ = self.c.call("POST", self.base + "/products", {"name": "my-red", "kb": "bali", "mg_percent": 1.6})
        self.assertEqual((status, p["mg_percent"]), (201, 1.6), p)
        self.assertEqual(self.c.call("POST", self.base + "/products", {"name": "my-red", "kb": "bali"})[0], 409)
        self.assertEqual(self.c.call("POST", self.base + "/products", {"name": "x", "kb": "nope"})[0], 422)
        self.assertEqual(self.c.call("POST", self.base + "/products", {"name": "y", "kb": "bali", "mg_percent": 300})[0], 422)
        names = [x["name"] for x in self.c.call("GET", self.base + "/products")[1]["products"]]
        self.assertEqual(names, ["my-red"])
        status, dose, _ = self.c.call("POST", self.base + "/doses", {"amount": "2g", "product": "my-red", "at": "2026-11-19 09:00"})
        self.assertEqual((status, dose["product"]), (201, "my-red"))

    def test_legal_and_red_flags(self):
        status, legal, _ = self.c.call("GET", "/api/v1/legal/US-AL")
        self.assertEqual(status, 200)
        for key in ("jurisdiction", "kratom", "hydroxymitragynine", "min_age", "as_of", "sources"):
            self.assertIn(key, legal)
        self.assertEqual(self.c.call("GET", "/api/v1/legal/ZZ-QQ")[0], 404)
        status, flags, _ = self.c.call("POST", "/api/v1/redflags", {"symptoms": ["chest pain"], "jurisdiction": "US-AL"})
        self.assertEqual(status, 200)
        self.assertTrue(flags["alerts"])
        self.assertEqual(flags["emergency"], "911")
        status, none, _ = self.c.call("POST", "/api/v1/redflags", {"symptoms": ["a little tired"]})
        self.assertEqual((status, none["alerts"]), (200, []))
        self.assertIn("does not rule one out", none["message"])
        self.assertEqual(self.c.call("POST", "/api/v1/redflags", {"symptoms": []})[0], 422)
        self.assertEqual(self.c.call("POST", "/api/v1/redflags", {"symptoms": "chest pain"})[0], 400)

    def test_interactions(self):
        status, j, _ = self.c.call("POST", "/api/v1/interactions", {"with": ["xanax", "zzzunknown"]})
        self.assertEqual(status, 200, j)
        severities = {(a["with"], a["severity"]) for a in j["alerts"]}
        self.assertIn(("xanax", "major"), severities)
        self.assertIn(("zzzunknown", "unknown"), severities)
        self.assertTrue(any("predicted_auc_ratio" in a for a in j["alerts"]))
        self.assertEqual(self.c.call("POST", "/api/v1/interactions", {"with": []})[0], 422)
        self.assertEqual(self.c.call("POST", "/api/v1/interactions", {"with": ["xanax"], "dose": "2"})[0], 422)
        self.c.call("POST", self.base + "/medications", {"name": "clarithromycin"})
        status, mine, _ = self.c.call("GET", self.base + "/interactions")
        self.assertEqual(status, 200)
        self.assertIn("clarithromycin", [a["with"] for a in mine["alerts"]])

    def test_check_a_planned_dose(self):
        status, j, _ = self.c.call("POST", self.base + "/check", {"amount": "12g", "product": "maeng-da"})
        self.assertEqual(status, 200, j)
        self.assertTrue(j["alerts"])
        self.assertGreater(j["planned"]["mitragynine_mg"], 100)
        self.assertIn("not medical advice", j["notice"])
        self.assertEqual(self.c.call("POST", self.base + "/check", {"amount": "2"})[0], 422)
        self.assertEqual(self.c.call("POST", self.base + "/check", {"product": "bali"})[0], 400)

    def test_stability_insight_and_taper(self):
        for day in range(1, 15):
            for hour, anxiety in ((8, 6), (20, 3)):
                at = "2026-11-%02d %02d:00" % (day, hour)
                self.c.call("POST", self.base + "/doses", {"amount": "2g", "product": "maeng-da", "at": at})
                self.c.call("POST", self.base + "/checkins", {"anxiety": anxiety, "mood": 5, "at": at})
        for path in ("/stability?days=28", "/insight", "/taper?weeks=8&step=10"):
            status, j, _ = self.c.call("GET", self.base + path)
            self.assertIn(status, (200, 422), (path, j))
            self.assertIsInstance(j, dict)
        status, insight, _ = self.c.call("GET", self.base + "/insight")
        if status == 200:
            self.assertIn("detected", insight["rebound"])
            self.assertIn("detected", insight["escalation"])
        self.assertEqual(self.c.call("GET", self.base + "/stability?days=0")[0], 422)
        self.assertEqual(self.c.call("GET", self.base + "/taper?step=90")[0], 422)

    def test_timeline_lays_the_model_under_the_log(self):
        three_hours_ago = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=3)
        status, dose, _ = self.c.call("POST", self.base + "/doses", {
            "amount": "2g", "product": "maeng-da", "at": three_hours_ago.strftime("%Y-%m-%dT%H:%M:%SZ")})
        self.assertEqual(status, 201, dose)
        status, t, _ = self.c.call("GET", self.base + "/timeline?days=2")
        self.assertEqual(status, 200, t)
        self.assertIn(dose["id"], [d["id"] for d in t["doses"]])
        model = t["model"]
        n = len(model["at"])
        self.assertGreater(n, 0)
        for key in ("mitragynine_ng_ml", "hydroxymitragynine_ng_ml", "mu_activity", "withdrawal"):
            self.assertEqual(len(model[key]), n, key)
        self.assertGreater(max(model["mitragynine_ng_ml"]), 0)
        self.assertTrue(model["at"][0].endswith("+00:00"))
        self.assertEqual(self.c.call("GET", self.base + "/timeline?days=9999")[0], 422)

    def test_simulate_matches_the_cli_csv(self):
        request = {"dose": "2g", "every": "24h", "count": 3, "hours": 96, "step": 1, "with": ["clarithromycin"]}
        status, j, _ = self.c.call("POST", "/api/v1/simulate", request)
        self.assertEqual(status, 200, j)
        self.assertEqual(j["doses_h"], [0, 24, 48])
        self.assertEqual(len(j["rows"]), 97)
        self.assertTrue(any("clarithromycin" in w for w in j["warnings"]), j["warnings"])
        cli = subprocess.run([PROGRAM, "--data", DATA_DIR, "simulate", "--dose", "2g", "--every", "24h", "--count", "3",
                              "--hours", "96", "--step", "1", "--with", "clarithromycin", "--format", "csv"],
                             capture_output=True, text=True, check=True)
        header, *lines = cli.stdout.split()
        self.assertEqual(j["columns"], header.split(","))
        self.assertEqual(len(lines), len(j["rows"]))
        for line, row in zip(lines[::12], j["rows"][::12]):
            for text, value in zip(line.split(","), row):
                self.assertAlmostEqual(float(text), value, delta=1e-5 * max(1.0, abs(value)))
        self.assertGreater(max(r[1] for r in j["rows"]), 0)

    def test_simulate_bad_input(self):
        cases = [
            ({"dose": "2"}, 422, "dose"),
            ({"dose": "2g", "product": "nope"}, 404, "product"),  # no such product
            ({"dose": "2g", "every": "24h", "count": -1}, 422, "count"),
            ({"dose": "2g", "every": "24h", "count": 1000}, 422, "count"),
            ({"dose": "2g", "hours": 8000, "step": 0.01}, 422, "step"),
            ({"dose": "2g", "weight": 5}, 422, "weight"),
            ({"dose": "2g", "hours": "72"}, 400, "hours"),
            ({"dose": "2g", "colour": "red"}, 400, "colour"),
            ({"every": "24h"}, 400, "dose"),
        ]
        for body, status, field in cases:
            got, reply, _ = self.c.call("POST", "/api/v1/simulate", body)
            self.assertEqual((got, error_field(reply)), (status, field), body)

    def test_report_downloads(self):
        status, body, r = self.c.call("GET", self.base + "/report.html?days=30")
        self.assertEqual(status, 200, body)
        self.assertIn("attachment", r.getheader("Content-Disposition"))
        self.assertTrue(r.getheader("Content-Type").startswith("text/html"))
        self.assertIn(b"Ana", body)
        status, body, _ = self.c.call("GET", self.base + "/report.html?anonymous=1")
        self.assertEqual(status, 200)
        self.assertIn(b"anonymous", body)
        status, body, r = self.c.call("GET", self.base + "/report.pdf?paper=letter")
        self.assertEqual((status, body[:5]), (200, b"%PDF-"))
        self.assertEqual(r.getheader("Content-Type"), "application/pdf")
        for path, field in (("/report.pdf?paper=a3", "paper"), ("/report.html?days=0", "days"),
                            ("/report.html?anonymous=yes", "anonymous")):
            status, reply, _ = self.c.call("GET", self.base + path)
            self.assertEqual((status, error_field(reply)), (422, field), path)
        self.assertEqual(self.c.call("GET", "/api/v1/people/999999/report.pdf")[0], 404)
        self.assertEqual(self.c.call("GET", self.base + "/reportXpdf")[0], 404)

    def test_too_large_body_is_413_and_writes_nothing(self):
        before = len(self.history()["doses"])
        big = json.dumps({"amount": "2g", "product": "bali", "note": "x" * 200_000})
        status, reply, _ = self.c.call("POST", self.base + "/doses", raw=big)
        self.assertEqual((status, error_field(reply)), (413, "body"))
        self.assertEqual(len(self.history()["doses"]), before)

    def test_unknown_route_is_json_404(self):
        status, reply, _ = self.c.call("GET", "/api/v1/nothing-here")
        self.assertEqual((status, error_field(reply)), (404, "path"))

    def test_only_loopback_host_names_are_answered(self):
        status, reply, _ = self.c.call("GET", "/api/v1/people", headers={"Host": "evil.example:8400"})
        self.assertEqual((status, error_field(reply)), (403, "Host"))
        self.assertEqual(self.c.call("GET", "/api/v1/people", headers={"Host": "localhost:8400"})[0], 200)

    def test_static_files_stay_inside_the_web_directory(self):
        status, body, r = self.c.call("GET", "/")
        self.assertEqual(status, 200)
        self.assertIn(b"speciosa dashboard", body)
        self.assertEqual(self.c.call("GET", "/assets/app.js")[2].getheader("Content-Type"), "text/javascript")
        self.assertIn(b"speciosa dashboard", self.c.call("GET", "/timeline")[1])  # routes of the page
        for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/..%2fsecret.txt"):
            status, body, _ = self.c.call("GET", path)
            self.assertNotIn(b"outside the web directory", body if isinstance(body, bytes) else b"", path)
        self.assertEqual(self.c.call("GET", "/missing.js")[0], 404)

    def test_openapi_document_lists_the_routes(self):
        status, doc, _ = self.c.call("GET", "/api/v1/openapi.json")
        self.assertEqual((status, doc["openapi"][:2]), (200, "3."))
        for path, methods in doc["paths"].items():
            concrete = path.replace("{pid}", str(self.pid)).replace("{id}", "1").replace("{code}", "TH")
            if "get" in methods:
                status, reply, _ = self.c.call("GET", concrete)
                self.assertNotEqual((status, reply.get("error", {}).get("field") if isinstance(reply, dict) else None),
                                    (404, "path"), path)


class MultiUser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "journal.db")
        for name in ("alice", "bob", "carol"):
            r = subprocess.run([PROGRAM, "--db", cls.db, "account", "add", name], input=PASSWORD + "\n",
                               capture_output=True, text=True)
            assert r.returncode == 0, r.stderr
        cls.server = Server(cls.tmp.name, cls.db, "--multi-user")

    @classmethod
    def tearDownClass(cls):
        cls.log = cls.server.stop()
        cls.tmp.cleanup()

    def login(self, name, password=PASSWORD):
        c = Client(self.server.port)
        c.session()
        status, reply, _ = c.call("POST", "/api/v1/login", {"account": name, "password": password})
        if status == 200:
            c.csrf = reply["csrf"]
        return c, status, reply

    def test_account_add_rejects_short_passwords_and_duplicates(self):
        r = subprocess.run([PROGRAM, "--db", self.db, "account", "add", "dave"], input="short\n",
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("password", r.stderr)
        r = subprocess.run([PROGRAM, "--db", self.db, "account", "add", "alice"], input=PASSWORD + "\n",
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)

    def test_nothing_without_login(self):
        c = Client(self.server.port)
        j = c.session()
        self.assertEqual((j["mode"], j["account"]), ("multi", None))
        self.assertEqual(c.call("GET", "/api/v1/people")[0], 401)
        self.assertEqual(c.call("POST", "/api/v1/people", {"name": "Eve"})[0], 401)
        self.assertEqual(c.call("GET", "/api/v1/health")[0], 200)

    def test_login_makes_a_new_session_id(self):
        c = Client(self.server.port)
        c.session()
        planted = c.cookie
        status, reply, r = c.call("POST", "/api/v1/login", {"account": "alice", "password": PASSWORD})
        self.assertEqual((status, reply["account"], reply["mode"]), (200, "alice", "multi"))
        self.assertNotEqual(c.cookie, planted)
        self.assertIn("HttpOnly", r.getheader("Set-Cookie"))
        attacker = Client(self.server.port)
        attacker.cookie = planted
        self.assertEqual(attacker.call("GET", "/api/v1/people")[0], 401)
        c.csrf = reply["csrf"]
        self.assertEqual(c.call("GET", "/api/v1/people")[0], 200)
        self.assertEqual(c.call("POST", "/api/v1/logout")[0], 200)
        self.assertEqual(c.call("GET", "/api/v1/people")[0], 401)

    def test_login_needs_the_csrf_token_of_a_session(self):
        c = Client(self.server.port)
        status, reply, _ = c.call("POST", "/api/v1/login", {"account": "alice", "password": PASSWORD})
        self.assertEqual(status, 403)

    def test_wrong_password_and_rate_limit(self):
        _, status, reply = self.login("alice", "wrong password")
        self.assertEqual((status, error_field(reply)), (401, "password"))
        _, status, _ = self.login("nobody", PASSWORD)
        self.assertEqual(status, 401)
        for _ in range(5):
            self.assertEqual(self.login("carol", "guess " * 2)[1], 401)
        _, status, reply = self.login("carol", PASSWORD)
        self.assertEqual(status, 429, reply)
        self.assertEqual(self.login("alice")[1], 200)  # other accounts are not locked out

    def test_secure_cookie_behind_tls(self):
        c = Client(self.server.port)
        c.session()
        _, _, r = c.call("POST", "/api/v1/login", {"account": "alice", "password": PASSWORD},
                         headers={"X-Forwarded-Proto": "https"})
        self.assertIn("; Secure", r.getheader("Set-Cookie"))

    def test_one_account_never_sees_anothers_people_or_entries(self):
        alice, _, _ = self.login("alice")
        bob, _, _ = self.login("bob")
        status, ana, _ = alice.call("POST", "/api/v1/people", {"name": "Alice's Ana", "tz": "UTC"})
        self.assertEqual(status, 201, ana)
        base = "/api/v1/people/%d" % ana["id"]
        _, dose, _ = alice.call("POST", base + "/doses", {"amount": "2g", "product": "bali", "at": "2026-11-20 08:00"})
        alice.call("POST", base + "/medications", {"name": "sertraline"})
        before = alice.call("GET", base + "/history?days=3650")[1]
        self.assertNotIn("Alice's Ana", [p["name"] for p in bob.call("GET", "/api/v1/people")[1]["people"]])
        doc = alice.call("GET", "/api/v1/openapi.json")[1]
        checked = 0
        bodies = {"post": {}, "patch": {"note": "bob was here", "name": "Bob's now"}}
        for path, methods in doc["paths"].items():
            if "{pid}" not in path:
                continue
            concrete = path.replace("{pid}", str(ana["id"])).replace("{id}", str(dose["id"]))
            for method in methods:
                status, reply, _ = bob.call(method.upper(), concrete, bodies.get(method))
                self.assertEqual(status, 404, (method, path, reply))
                checked += 1
        self.assertGreaterEqual(checked, 10)
        self.assertEqual(alice.call("GET", base + "/history?days=3650")[1], before)
        self.assertEqual(alice.call("GET", base)[1]["name"], "Alice's Ana")


class Startup(unittest.TestCase):
    def test_non_loopback_address_needs_multi_user(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = subprocess.run([PROGRAM, "--db", os.path.join(tmp, "j.db"), "--data", DATA_DIR, "serve",
                                "--listen", "0.0.0.0", "--port", "0"], capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 2)
            self.assertIn("--listen", r.stderr)
            self.assertIn("--multi-user", r.stderr)
            self.assertFalse(os.path.exists(os.path.join(tmp, "j.db")))


class Logs(unittest.TestCase):
    def test_logs_carry_no_content_secrets_or_tokens(self):
        for cls in (SingleUser, MultiUser):
            log = getattr(cls, "log", "")
            self.assertRegex(log, r"POST /api/v1/people/\{pid\}/doses 201 [0-9.]+ ms")
            for secret in (PASSWORD, "with food", "sertraline", "speciosa_session", "Alice's Ana", "chest pain"):
                self.assertNotIn(secret, log)
            self.assertIsNone(re.search(r"[0-9a-f]{64}", log))


if __name__ == "__main__":
    PROGRAM, DATA_DIR = sys.argv[1], sys.argv[2]
    loader = unittest.TestLoader()
    suite = unittest.TestSuite([loader.loadTestsFromTestCase(c) for c in (SingleUser, MultiUser, Startup, Logs)])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)
