#!/usr/bin/env python3
"""End-to-end: the clinician report for a realistic synthetic journal.

Four weeks of logged use (three doses a day, a product with lab-tested content and then a
knowledge-base product, a step up in amount), three check-ins a day with anxiety that is higher
before doses, weekly GAD-7, side effects, sertraline, jurisdiction US-AL. The report is written as
PDF and HTML; the PDF pages are rendered with pdftoppm and must not be blank, and pdftotext and the
HTML must show every section heading. Bad options are rejected with exit code 2 and no file.

usage: report_e2e.py PATH/TO/speciosa OUTPUT_DIR   (the page PNGs are kept in OUTPUT_DIR)
"""
import datetime
import json
import os
import pathlib
import random
import subprocess
import sys
import tempfile

HEADINGS = [
    "Kratom use and mood: self-tracking summary for a clinician",
    "Use pattern",
    "Products and their content",
    "Modelled exposure",
    "Mood, anxiety and GAD-7",
    "Anxiety between doses (rebound)",
    "Interactions with current medications",
    "Red flags, side effects and guidance",
    "Legal note",
    "Evidence levels and sources",
]
# Share of dark pixels below which a rendered page counts as blank (a page with a heading and a
# few lines of text is well above 1 %).
MIN_INK = 0.01

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


def run(program, *args, expect=0):
    p = subprocess.run([program, *args], capture_output=True, text=True)
    check(p.returncode == expect, f"exit {p.returncode} (expected {expect}): {' '.join(args)} :: {p.stderr.strip()}")
    return p


def synthetic_entries(today):
    """Four weeks ending yesterday, local times in the person's zone."""
    rng = random.Random(6)
    doses, checkins, effects = [], [], []
    start = today - datetime.timedelta(days=28)

    def at(day, hour, minute):
        t = datetime.datetime.combine(day, datetime.time(hour, 0)) + datetime.timedelta(minutes=minute)
        return t.strftime("%Y-%m-%dT%H:%M:00")

    for n in range(28):
        day = start + datetime.timedelta(days=n)
        product = "Green Maeng Da" if n < 14 else "red-vein"
        grams = 3.0 if n < 14 else 4.0
        for hour, jitter in ((7, 30), (13, 0), (19, 30)):
            doses.append({"at": at(day, hour, jitter + rng.randint(-20, 20)), "amount": grams, "unit": "g",
                          "product": product})
        # Anxiety is worst before the first dose of the day and eases after it (rebound pattern).
        checkins.append({"at": at(day, 7, 0), "anxiety": rng.randint(6, 8), "mood": rng.randint(3, 5)})
        checkins.append({"at": at(day, 10, 0), "anxiety": rng.randint(2, 4), "mood": rng.randint(5, 7)})
        checkins.append({"at": at(day, 18, 45), "anxiety": rng.randint(4, 6), "mood": rng.randint(4, 6)})
        if n % 7 == 3:
            answers = [2, 2, 2, 1, 1, 2, 1] if n < 14 else [2, 1, 2, 1, 1, 1, 1]
            checkins.append({"at": at(day, 9, 0), "gad7": answers, "note": "weekly questionnaire"})
        if n % 5 == 2:
            effects.append({"at": at(day, 21, 0), "symptom": "constipation", "severity": 1})
    effects.append({"at": at(start + datetime.timedelta(days=25), 6, 40), "symptom": "sweating", "severity": 2})
    checkins.append({"at": at(start + datetime.timedelta(days=25), 6, 45), "anxiety": 8, "mood": 3,
                     "note": "shaky and sweaty before the first dose"})
    return {"doses": doses, "checkins": checkins, "side_effects": effects}


def ink_fraction(pgm):
    """Share of pixels darker than light grey in a binary PGM (P5) image."""
    data = pgm.read_bytes()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pixels = data[pos + 1:]
    return sum(1 for b in pixels if b < 200) / len(pixels)


def main():
    program, out_dir = sys.argv[1], pathlib.Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        os.environ["SPECIOSA_DB"] = str(work / "journal.db")
        run(program, "person", "add", "Dana Example", "--weight", "72", "--tz", "America/Chicago",
            "--jurisdiction", "US-AL")
        run(program, "meds", "add", "sertraline", "--dose", "100 mg daily")
        run(program, "product", "add", "Green Maeng Da", "--kb", "maeng-da", "--mg-content", "1.4%",
            "--oh-content", "0.02%")
        # The journal's own export, with the synthetic entries added, is what import reads.
        doc = json.loads(run(program, "export", "--format", "json").stdout)
        doc.update(synthetic_entries(datetime.date.today()))
        (work / "entries.json").write_text(json.dumps(doc))
        run(program, "import", str(work / "entries.json"))

        pdf, html = out_dir / "report.pdf", out_dir / "report.html"
        run(program, "report", "--out", str(pdf))
        run(program, "report", "--out", str(html), "--days", "30")

        for old in out_dir.glob("page-*"):
            old.unlink()
        subprocess.run(["pdftoppm", "-gray", "-r", "40", str(pdf), str(out_dir / "page-ink")], check=True)
        subprocess.run(["pdftoppm", "-png", "-r", "110", str(pdf), str(out_dir / "page")], check=True)
        pages = sorted(out_dir.glob("page-ink-*.pgm"))
        check(1 <= len(pages) <= 3, f"one to three pages, got {len(pages)}")
        for page in pages:
            ink = ink_fraction(page)
            print(f"{page.name}: ink {ink:.3f}")
            check(ink > MIN_INK, f"{page.name} looks blank (ink {ink:.4f})")

        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        page_text = html.read_text()
        for heading in HEADINGS:
            check(heading in text, f"PDF text has the heading '{heading}'")
            check(f">{heading}</h" in page_text, f"HTML has the heading '{heading}'")
        for fact in ("Dana Example", "sertraline", "Alabama", "not a diagnosis", "spitzer2006", "lab-tested"):
            check(fact in text, f"PDF text mentions '{fact}'")
        check("src=\"http" not in page_text and "<link" not in page_text, "HTML is self-contained")
        check(page_text.count("data:image/png;base64,") == 2, "HTML has both charts inline")
        check('alt=""' not in page_text, "every chart has a text alternative")

        run(program, "report", "--out", str(work / "anon.pdf"), "--anonymous")
        anon = subprocess.run(["pdftotext", str(work / "anon.pdf"), "-"], capture_output=True, text=True).stdout
        check("anonymous" in anon and "Dana Example" not in anon, "--anonymous hides the name")

        bad = run(program, "report", "--out", str(work / "report.txt"), expect=2)
        check("--out" in bad.stderr and ".pdf or .html" in bad.stderr, f"unknown extension named: {bad.stderr}")
        check(not (work / "report.txt").exists(), "nothing written for a rejected --out")
        bad = run(program, "report", "--out", str(work / "r.pdf"), "--days", "0", expect=2)
        check("--days" in bad.stderr, f"bad --days named: {bad.stderr}")
        check(not (work / "r.pdf").exists(), "nothing written for a rejected --days")
        run(program, "report", "--out", str(work / "r.pdf"), "--paper", "a3", expect=2)

    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
