#!/usr/bin/env bash
# A knowledge-base file with an error stops start-up, naming the file, the line and the field.
# data/ is copied to a temporary directory (also called data) and SPECIOSA_DATA points there.
#   usage: knowledge_error.sh PATH/TO/speciosa PATH/TO/data
set -euo pipefail
speciosa=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Breaks line LINE of FILE with sed EXPR, then expects simulate to fail naming file:LINE and FIELD.
expect_stop() {
  local file=$1 line=$2 expr=$3 field=$4
  rm -rf "$work/data" && cp -r "$data" "$work/data"
  sed -i "${line}${expr}" "$work/data/$file"
  ! cmp -s "$data/$file" "$work/data/$file" || fail "the edit did not change $file:$line"
  local status=0
  SPECIOSA_DATA=$work/data "$speciosa" simulate --dose 2g >"$work/out" 2>"$work/err" || status=$?
  [[ $status == 1 ]] || fail "$file:$line: exit status $status (want 1)"
  [[ ! -s $work/out ]] || fail "$file:$line: printed results despite the error"
  grep -q "data/$file:$line: field '$field'" "$work/err" ||
    fail "message does not name data/$file:$line and field '$field': $(cat "$work/err")"
  echo "stops: $(cat "$work/err")"
}

# A value outside its plausible range: the first `value =` of pk.toml made negative.
line=$(grep -n '^value = ' "$data/pk.toml" | head -1 | cut -d: -f1)
expect_stop pk.toml "$line" 's/^value = /value = -/' value
# A source that sources.toml does not have.
line=$(grep -n '^source = ' "$data/pk.toml" | head -1 | cut -d: -f1)
expect_stop pk.toml "$line" 's/^source = "/source = "nosuch-/' source
# A unit the loader does not know, in another file.
line=$(grep -n '^unit = ' "$data/pd.toml" | head -1 | cut -d: -f1)
expect_stop pd.toml "$line" 's/^unit = .*/unit = "furlongs"/' unit
