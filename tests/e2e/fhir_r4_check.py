#!/usr/bin/env python3
"""Checks a Bundle written by `speciosa export --format fhir` against the FHIR R4 rules that matter
for it (the official HL7 validator needs a Java download and the package registry, which this
machine does not have; see docs/journal_schema.md). Prints every violation; exit 1 if any.
   usage: fhir_r4_check.py BUNDLE.json [EXPECTED_GAD7_PANELS]
Rules (R4 base resources, http://hl7.org/fhir/R4/):
- Bundle: resourceType, type from the bundle-type value set; collection entries have fullUrl and
  resource (bdl-7: fullUrl unique); fullUrl is an absolute URI (urn:uuid: with an RFC 4122 UUID).
- Every reference (subject, hasMember) resolves to a fullUrl in the Bundle.
- MedicationStatement: status 1..1 from medication-statement-status; medication[x] 1..1;
  subject 1..1; effective[x] 0..1 (we require it on doses); dosage doseQuantity is UCUM.
- Observation: status 1..1 from observation-status; code 1..1; subject; effective[x];
  at most one value[x] (obs-6: no dataAbsentReason with a value); component has code and value;
  Observation.value[x]/component.value[x] are allowed types.
- GAD-7: panel LOINC 69737-5 has hasMember with the 7 item codes and the total 70274-6; the total
  equals the sum of the items and is 0..21, items 0..3.
- Patient.gender from administrative-gender; birthDate is a FHIR date.
- dateTime/instant/date match the FHIR regular expressions; dateTimes with a time carry a zone.
- Quantities: system http://unitsofmeasure.org, code a valid UCUM code for the unit.
- code/id/uri datatypes match their FHIR regular expressions; no empty strings, arrays or objects.
"""
import json
import re
import sys

DATE_TIME = re.compile(
    r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])"
    r"(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$")
DATE = re.compile(r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$")
CODE = re.compile(r"[^\s]+( [^\s]+)*$")
UUID_URN = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
URI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")
BUNDLE_TYPES = {"document", "message", "transaction", "transaction-response", "batch", "batch-response",
                "history", "searchset", "collection"}
MS_STATUS = {"active", "completed", "entered-in-error", "intended", "stopped", "on-hold", "unknown", "not-taken"}
OBS_STATUS = {"registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"}
GENDERS = {"male", "female", "other", "unknown"}
# UCUM codes speciosa writes; "{serving}" is a UCUM annotation (a dimensionless count).
UCUM = {"g", "mg", "ug", "kg", "h", "{serving}"}
LOINC = "http://loinc.org"
GAD7_PANEL, GAD7_TOTAL = "69737-5", "70274-6"
GAD7_ITEMS = ["69725-0", "68509-0", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"]
VALUE_KEYS = {"valueQuantity", "valueCodeableConcept", "valueString", "valueBoolean", "valueInteger", "valueRange",
              "valueRatio", "valueSampledData", "valueTime", "valueDateTime", "valuePeriod"}

problems = []


def problem(where, why):
    problems.append(f"{where}: {why}")


def no_empty(value, where):
    """FHIR forbids empty strings, arrays and objects anywhere (ele-1, and JSON rules)."""
    if value in ("", [], {}):
        problem(where, "is empty")
    elif isinstance(value, dict):
        for k, v in value.items():
            no_empty(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            no_empty(v, f"{where}[{i}]")


def date_time(value, where):
    if not isinstance(value, str) or not DATE_TIME.match(value):
        problem(where, f"{value!r} is not a FHIR dateTime")
    elif "T" in value and not re.search(r"(Z|[+-]\d\d:\d\d)$", value):
        problem(where, f"{value!r} has a time but no zone")


def codings(concept, where):
    if not isinstance(concept, dict) or not (concept.get("coding") or concept.get("text")):
        problem(where, "is not a CodeableConcept with coding or text")
        return []
    for i, c in enumerate(concept.get("coding", [])):
        if not URI.match(c.get("system", "")):
            problem(f"{where}.coding[{i}].system", "is not an absolute URI")
        if not CODE.match(c.get("code", "")):
            problem(f"{where}.coding[{i}].code", f"{c.get('code')!r} is not a FHIR code")
    return [(c.get("system"), c.get("code")) for c in concept.get("coding", [])]


def quantity(q, where):
    if q.get("system") != "http://unitsofmeasure.org":
        problem(where, "is not a UCUM quantity")
    if q.get("code") not in UCUM:
        problem(where, f"unit code {q.get('code')!r} is not one of the UCUM codes {sorted(UCUM)}")
    if not isinstance(q.get("value"), (int, float)):
        problem(where, "has no numeric value")


def reference(ref, urls, where):
    if not isinstance(ref, dict) or ref.get("reference") not in urls:
        problem(where, f"reference {ref!r} does not resolve inside the Bundle")


def check_value(obj, where):
    values = [k for k in obj if k.startswith("value")]
    if len(values) > 1:
        problem(where, f"has more than one value[x]: {values}")
    for k in values:
        if k not in VALUE_KEYS:
            problem(where, f"{k} is not an allowed Observation value[x] type")
    if values and "dataAbsentReason" in obj:
        problem(where, "obs-6: dataAbsentReason with a value")
    if "valueQuantity" in obj:
        quantity(obj["valueQuantity"], where + ".valueQuantity")
    return values


def check_medication_statement(r, where, urls):
    if r.get("status") not in MS_STATUS:
        problem(where + ".status", f"{r.get('status')!r} is not a MedicationStatement status")
    meds = [k for k in r if k.startswith("medication")]
    if meds not in (["medicationCodeableConcept"], ["medicationReference"]):
        problem(where, f"needs exactly one medication[x], has {meds}")
    elif "medicationCodeableConcept" in r:
        codings(r["medicationCodeableConcept"], where + ".medicationCodeableConcept")
    reference(r.get("subject"), urls, where + ".subject")
    effective = [k for k in r if k.startswith("effective")]
    if len(effective) > 1:
        problem(where, "has more than one effective[x]")
    if "effectiveDateTime" in r:
        date_time(r["effectiveDateTime"], where + ".effectiveDateTime")
    for k, v in r.get("effectivePeriod", {}).items():
        if k not in ("start", "end") or not DATE_TIME.match(v):
            problem(f"{where}.effectivePeriod.{k}", f"{v!r} is not a period bound")
    is_dose = any(i.get("system") == "urn:speciosa:dose" for i in r.get("identifier", []))
    if is_dose and "effectiveDateTime" not in r:
        problem(where, "a dose has no effectiveDateTime")
    for i, d in enumerate(r.get("dosage", [])):
        for j, dr in enumerate(d.get("doseAndRate", [])):
            quantity(dr.get("doseQuantity", {}), f"{where}.dosage[{i}].doseAndRate[{j}].doseQuantity")
    return is_dose


def check_observation(r, where, urls):
    if r.get("status") not in OBS_STATUS:
        problem(where + ".status", f"{r.get('status')!r} is not an Observation status")
    codes = codings(r.get("code"), where + ".code")
    reference(r.get("subject"), urls, where + ".subject")
    if "effectiveDateTime" not in r:
        problem(where, "has no effectiveDateTime")
    else:
        date_time(r["effectiveDateTime"], where + ".effectiveDateTime")
    values = check_value(r, where)
    for i, comp in enumerate(r.get("component", [])):
        codings(comp.get("code"), f"{where}.component[{i}].code")
        if not check_value(comp, f"{where}.component[{i}]"):
            problem(f"{where}.component[{i}]", "has no value")
    for i, m in enumerate(r.get("hasMember", [])):
        reference(m, urls, f"{where}.hasMember[{i}]")
    if not values and not r.get("component") and not r.get("hasMember"):
        problem(where, "has no value, component or member")
    return codes


def check_gad7(panel, where, by_url):
    members = {}
    for m in panel.get("hasMember", []):
        res = by_url.get(m.get("reference"), {})
        for system, code in codings(res.get("code"), where + ".hasMember"):
            if system == LOINC:
                members[code] = res.get("valueInteger")
    missing = [c for c in GAD7_ITEMS + [GAD7_TOTAL] if c not in members]
    if missing:
        problem(where, f"GAD-7 panel lacks members {missing}")
        return
    items = [members[c] for c in GAD7_ITEMS]
    if any(not isinstance(v, int) or not 0 <= v <= 3 for v in items):
        problem(where, f"GAD-7 item answers {items} are not 0..3")
    if members[GAD7_TOTAL] != sum(items) or not 0 <= members[GAD7_TOTAL] <= 21:
        problem(where, f"GAD-7 total {members[GAD7_TOTAL]} is not the sum of {items}")


def main():
    bundle = json.load(open(sys.argv[1]))
    expected_panels = int(sys.argv[2]) if len(sys.argv) > 2 else None
    no_empty(bundle, "Bundle")
    if bundle.get("resourceType") != "Bundle":
        problem("Bundle", "resourceType is not Bundle")
    if bundle.get("type") not in BUNDLE_TYPES:
        problem("Bundle.type", f"{bundle.get('type')!r} is not a bundle type")
    entries = bundle.get("entry", [])
    urls = [e.get("fullUrl") for e in entries]
    if len(set(urls)) != len(urls):
        problem("Bundle.entry", "bdl-7: fullUrl values are not unique")
    by_url = {e.get("fullUrl"): e.get("resource", {}) for e in entries}
    panels = 0
    kinds = set()
    for i, e in enumerate(entries):
        where = f"Bundle.entry[{i}]"
        if set(e) != {"fullUrl", "resource"}:
            problem(where, f"a collection entry has fullUrl and resource only, not {sorted(e)}")
        if not UUID_URN.match(e.get("fullUrl", "")):
            problem(where + ".fullUrl", f"{e.get('fullUrl')!r} is not a urn:uuid")
        r = e.get("resource", {})
        kind = r.get("resourceType")
        kinds.add(kind)
        for j, ident in enumerate(r.get("identifier", [])):
            if not URI.match(ident.get("system", "")) or not ident.get("value"):
                problem(f"{where}.identifier[{j}]", "needs an absolute system URI and a value")
        for j, ext in enumerate(r.get("extension", [])):
            if not URI.match(ext.get("url", "")) or len([k for k in ext if k.startswith("value")]) != 1:
                problem(f"{where}.extension[{j}]", "needs an absolute url and exactly one value[x]")
        if kind == "Patient":
            if r.get("gender") not in GENDERS:
                problem(where + ".gender", f"{r.get('gender')!r} is not an administrative gender")
            if "birthDate" in r and not DATE.match(r["birthDate"]):
                problem(where + ".birthDate", f"{r['birthDate']!r} is not a FHIR date")
        elif kind == "MedicationStatement":
            check_medication_statement(r, where, by_url)
        elif kind == "Observation":
            codes = check_observation(r, where, by_url)
            if (LOINC, GAD7_PANEL) in codes:
                panels += 1
                check_gad7(r, where, by_url)
        else:
            problem(where, f"unexpected resourceType {kind!r}")
    if not {"Patient", "MedicationStatement", "Observation"} <= kinds:
        problem("Bundle", f"expected Patient, MedicationStatement and Observation, found {sorted(kinds)}")
    if expected_panels is not None and panels != expected_panels:
        problem("Bundle", f"{panels} GAD-7 panels, expected {expected_panels}")
    for p in problems:
        print("FHIR R4: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
