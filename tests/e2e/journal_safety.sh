#!/usr/bin/env bash
# End-to-end: the journal drives the safety checks. Medications recorded with `meds add` are
# checked by `interactions` without --with; `check` judges a planned dose against logged use,
# medications and risk contexts; the person's jurisdiction gives a legal notice.
# usage: journal_safety.sh PATH/TO/speciosa
set -euo pipefail
speciosa=$1
source "$(dirname "$0")/e2e_lib.sh"
export SPECIOSA_DB=$work/journal.db

# Without a journal, interactions needs --with (and creates no database file).
"$speciosa" interactions --json >/dev/null 2>&1 && fail "interactions without --with or journal should fail"
[[ ! -e $SPECIOSA_DB ]] || fail "a check must not create a journal"

run "$speciosa" person add Ana --weight 61 --tz America/New_York --jurisdiction US-AL
run "$speciosa" meds add alprazolam --dose "0.5 mg as needed"
run "$speciosa" meds add clarithromycin
run "$speciosa" interactions --json
json 'a=d["alerts"]; m={x["matched"] for x in a}; assert {"alprazolam","clarithromycin"} <= m, m; assert any(x["severity"]=="major" for x in a)' \
  "interactions reads the journal's medications"
json 'a=[x for x in d["alerts"] if x["mechanism"]=="cyp3a4-victim"]; assert a and a[0]["predicted_auc_ratio"] > 1.0, a' \
  "the CYP3A4 alert carries the model's predicted AUC ratio"

# Three days of heavy use, then a planned dose: the guardrails see the journal's history.
for day in 21 22 23; do
  for hour in 07 11 15 19 23; do
    run "$speciosa" log dose 6g --product leaf-generic --at "2026-11-$day $hour:00"
  done
done
run "$speciosa" check --dose 6g --product leaf-generic --at "2026-11-24 12:00" --json
json 'ids={a["id"] for a in d["alerts"]}; assert {"daily-total-very-high", "frequency"} <= ids, ids' \
  "check flags the daily total and dosing frequency from the journal"
json 'ids={a["id"] for a in d["alerts"]}; assert "depressants" in ids, ids' \
  "check includes the journal medication (a benzodiazepine) as a depressant combination"

# The legal notice follows the person's jurisdiction.
run "$speciosa" person show --json
json 'assert "Alabama" in d["legal_notice"] and "not legal advice" in d["legal_notice"].lower(), d.get("legal_notice")' \
  "person show has the legal notice for US-AL"

echo "$((failures == 0 ? 1 : 0)) passed, $((failures > 0 ? 1 : 0)) failed"
exit $((failures > 0))
