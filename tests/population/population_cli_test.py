#!/usr/bin/env python3
"""End-to-end checks of `speciosa population` (issue 8): byte-identical results for 1 and 2
threads (and, with --mpi, for mpirun -n 2 against one process), --out with exactly N + 1 lines,
a NONMEM round trip, and rejected input that writes nothing.
Usage: population_cli_test.py SPECIOSA DATA_DIR [--mpi]"""
import os
import pathlib
import subprocess
import sys
import tempfile

PROGRAM = sys.argv[1]
DATA = sys.argv[2]
MPI = "--mpi" in sys.argv[3:]
REGIMEN = ["--dose", "2g", "--every", "24h", "--count", "3", "--hours", "96", "--step", "0.5", "--seed", "7"]
failures = []


def run(args, env_extra=None, launcher=()):
    env = dict(os.environ, SPECIOSA_DATA=DATA)
    env.pop("OMPI_COMM_WORLD_SIZE", None)
    env.update(env_extra or {})
    return subprocess.run([*launcher, PROGRAM, *args], capture_output=True, text=True, env=env)


def check(condition, message):
    if not condition:
        failures.append(message)


def population(tmp, name, threads, n=300, extra=(), launcher=()):
    out = tmp / f"{name}.csv"
    nonmem = tmp / f"{name}_nm.csv"
    r = run(["population", *REGIMEN, "--n", str(n), "--threads", str(threads), "--out", str(out),
             "--out-nonmem", str(nonmem), "--format", "csv", *extra], launcher=launcher)
    check(r.returncode == 0, f"{name}: exit {r.returncode}: {r.stderr}")
    return r.stdout, out.read_text() if out.exists() else "", nonmem.read_text() if nonmem.exists() else ""


def test_threads(tmp):
    one = population(tmp, "t1", 1)
    two = population(tmp, "t2", 2)
    check(one == two, "1 and 2 threads give different bytes")
    check(one[1].count("\n") == 301, f"--out has {one[1].count(chr(10))} lines, expected 301 (header + 300)")
    rows = one[1].splitlines()
    check(rows[1].startswith("1,1,") and rows[-1].startswith("300,300,"), "--out rows are not in subject order")
    check(one[0].startswith("time_h,mitragynine_ng_ml_p5,mitragynine_ng_ml_p50,mitragynine_ng_ml_p95"),
          "CSV header: " + one[0].splitlines()[0])
    check(one[2].startswith("ID,TIME,DV,IPRED,EVID,CMT,AMT,MDV,WT,SEX,AGE\n"), "NONMEM header")
    return one


def test_nonmem_round_trip(tmp, nonmem_text):
    # The simulated dataset of the first 3 subjects goes back in as --data.
    lines = nonmem_text.splitlines()
    subset = [lines[0]] + [l for l in lines[1:] if l.split(",")[0] in ("1", "2", "3")]
    data = tmp / "events.csv"
    data.write_text("\n".join(subset) + "\n")
    out = tmp / "from_data.csv"
    r = run(["population", "--data", str(data), "--out", str(out), "--json"])
    check(r.returncode == 0, f"--data round trip: exit {r.returncode}: {r.stderr}")
    check(out.exists() and out.read_text().count("\n") == 4, "--data with 3 subjects: --out should have 4 lines")


def test_rejected_input_writes_nothing(tmp):
    data = tmp / "bad.csv"
    data.write_text("ID,TIME,AMT,CMT\n1,0,30,1\n1,x,0,2\n")
    out = tmp / "never.csv"
    r = run(["population", "--data", str(data), "--out", str(out)])
    check(r.returncode == 2, f"bad dataset: exit {r.returncode}, expected 2")
    check("bad.csv:3:2: field 'TIME': 'x' is not a number" in r.stderr, "bad dataset message: " + r.stderr)
    check(not out.exists(), "a rejected run wrote --out")
    r = run(["population", *REGIMEN, "--n", "0", "--out", str(out)])
    check(r.returncode == 2 and "--n" in r.stderr and not out.exists(), "--n 0: " + r.stderr)


def test_mpi(tmp, single):
    launcher = ["mpirun", "-n", "2", "--oversubscribe"]
    if os.geteuid() == 0:
        launcher.append("--allow-run-as-root")
    mpi = population(tmp, "mpi", 1, launcher=launcher)
    check(mpi == single, "mpirun -n 2 gives different bytes from one process")
    check(not list(tmp.glob("*.part*")), "part files left behind")


def main():
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        single = test_threads(tmp)
        if MPI:
            test_mpi(tmp, single)
        else:
            test_nonmem_round_trip(tmp, single[2])
            test_rejected_input_writes_nothing(tmp)
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
