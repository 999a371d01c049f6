# Shared by the end-to-end scripts (sourced, not run): a temporary work directory removed on exit,
# a failure counter, and helpers that run a command or check its JSON output.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
run() { "$@" >"$work/out" 2>"$work/err" || fail "exit $?: $* :: $(cat "$work/err")"; }
json() { python3 -c "import json,sys; d=json.load(open('$work/out')); $1" || fail "$2: $(head -c 400 "$work/out")"; }
