#!/usr/bin/python3
"""Speed comparison: the same PK model (oral absorption, two-compartment MG, 7-OH formation and
elimination; CYP3A held at baseline so the model is linear), regimen and output grid in speciosa,
R deSolve (LSODA) and SciPy solve_ivp (LSODA, and RK45, the fastest suitable method we found for
this mildly stiff system). Checks that the outputs agree, then prints subject-days per second per
core and the ratios. Also reports the full model (CYP3A auto-inhibition) and the mechanistic model,
and speciosa's scaling from 1 to 2 cores.

Installs r-base-core, r-cran-desolve and python3-scipy from Debian if missing. Run from the repo
root after `make build` with Debian's interpreter (where python3-scipy installs):
/usr/bin/python3 bench/compare/run.py [--build build]."""
import argparse
import csv
import json
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
PACKAGES = ["r-base-core", "r-cran-desolve", "python3-scipy"]

# The regimen and grid all tools run: 30 mg MG every 24 h for 7 days, output every 0.25 h.
DOSE_MG, TAU_H, N_DOSES, END_H, STEP_H = 30.0, 24.0, 7, 168.0, 0.25
DAYS = END_H / 24
# Agreement: largest difference relative to the curve's peak. The exact propagator and a
# tolerance-controlled integrator (rtol 1e-8) agree far better than this.
TOLERANCE = 1e-4


def ensure_packages():
    missing = [p for p in PACKAGES
               if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"installing {' '.join(missing)}", file=sys.stderr)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing, check=True,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def speciosa_args(n, threads, extra=()):
    return ["population", "--dose", f"{DOSE_MG:g}mg", "--as", "mitragynine", "--every", f"{TAU_H:g}h",
            "--count", str(N_DOSES), "--hours", f"{END_H:g}", "--step", f"{STEP_H:g}", "--n", str(n),
            "--threads", str(threads), "--format", "csv", *extra]


def timed(cmd):
    """(CPU seconds, wall seconds) of a child run. CPU time measures per-core speed even on a
    machine shared with other work; wall time is what scaling needs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def speciosa_rate(program, n, threads, extra=(), wall=False):
    """Subject-days per CPU second (or per wall second), net of start-up (a 1-subject run)."""
    which = 1 if wall else 0
    base = timed([program, *speciosa_args(1, threads, extra)])[which]
    return n * DAYS / max(timed([program, *speciosa_args(n, threads, extra)])[which] - base, 1e-9)


def reference_curve(program):
    out = subprocess.run([program, "simulate", "--dose", f"{DOSE_MG:g}mg", "--as", "mitragynine", "--every",
                          f"{TAU_H:g}h", "--count", str(N_DOSES), "--hours", f"{END_H:g}", "--step", f"{STEP_H:g}",
                          "--no-autoinhibition", "--format", "csv"], check=True, capture_output=True, text=True)
    rows = list(csv.DictReader(out.stdout.splitlines()))
    return [float(r["mitragynine_ng_ml"]) for r in rows], [float(r["hydroxymitragynine_ng_ml"]) for r in rows]


def max_rel_diff(a, b):
    peak = max(max(a), 1e-300)
    return max(abs(x - y) for x, y in zip(a, b)) / peak


def scipy_run(model, method, subjects):
    import numpy as np
    from scipy.integrate import solve_ivp
    m = np.array(model["matrix"])
    grid = np.arange(0, END_H + STEP_H / 2, STEP_H)
    dose = DOSE_MG * model["nmol_per_mg"]

    def one_subject():
        y = np.zeros(5)
        out = []
        for k in range(N_DOSES):
            y[0] += dose
            t0 = k * TAU_H
            last = k == N_DOSES - 1
            t1 = END_H if last else (k + 1) * TAU_H
            t_eval = grid[(grid >= t0) & (grid <= t1)]
            sol = solve_ivp(lambda t, a: m @ a, (t0, t1), y, method=method, t_eval=t_eval, rtol=1e-8, atol=1e-10)
            keep = sol.y if last else sol.y[:, :-1]
            out.append(keep)
            y = sol.y[:, -1].copy()
        return np.concatenate(out, axis=1)

    amounts = one_subject()
    start = time.process_time()
    for _ in range(subjects):
        one_subject()
    elapsed = time.process_time() - start
    return (list(amounts[1] * model["mg_ng_ml_per_nmol"]), list(amounts[4] * model["oh_ng_ml_per_nmol"]),
            subjects * DAYS / elapsed)


def desolve_run(model, subjects, tmp):
    matrix = tmp / "matrix.csv"
    matrix.write_text("\n".join(",".join(f"{v:.17g}" for v in row) for row in model["matrix"]) + "\n")
    out_csv = tmp / "desolve.csv"
    res = subprocess.run(["Rscript", str(HERE / "desolve.R"), str(matrix), f"{DOSE_MG * model['nmol_per_mg']:.17g}",
                          f"{TAU_H:g}", str(N_DOSES), f"{END_H:g}", f"{STEP_H:g}", str(subjects), str(out_csv)],
                         check=True, capture_output=True, text=True)
    elapsed = float(res.stdout.strip().splitlines()[-1])
    rows = list(csv.DictReader(out_csv.read_text().splitlines()))
    mg = [float(r["central_mg"]) * model["mg_ng_ml_per_nmol"] for r in rows]
    oh = [float(r["central_oh"]) * model["oh_ng_ml_per_nmol"] for r in rows]
    return mg, oh, subjects * DAYS / elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--subjects", type=int, default=20000, help="speciosa subjects per timing")
    ap.add_argument("--reference-subjects", type=int, default=20, help="deSolve / SciPy subjects per timing")
    args = ap.parse_args()
    ensure_packages()
    program = str(pathlib.Path(args.build) / "bin" / "speciosa")
    model = json.loads(subprocess.run([str(pathlib.Path(args.build) / "bin" / "speciosa_compare_model")],
                                      check=True, capture_output=True, text=True).stdout)
    ref_mg, ref_oh = reference_curve(program)
    results = {}
    failures = []
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        for name, run in [("deSolve lsoda", lambda: desolve_run(model, args.reference_subjects, tmp)),
                          ("SciPy LSODA", lambda: scipy_run(model, "LSODA", args.reference_subjects)),
                          ("SciPy RK45", lambda: scipy_run(model, "RK45", args.reference_subjects))]:
            mg, oh, rate = run()
            diff = max(max_rel_diff(ref_mg, mg), max_rel_diff(ref_oh, oh))
            if diff > TOLERANCE:
                failures.append(f"{name}: outputs differ from speciosa by {diff:.2e} of the peak (> {TOLERANCE:g})")
            results[name] = (rate, diff)
    pk1 = speciosa_rate(program, args.subjects, 1, ["--no-autoinhibition"])
    full1 = speciosa_rate(program, args.subjects // 4, 1)
    mech1 = speciosa_rate(program, 20, 1, ["--mechanism"])
    wall1 = speciosa_rate(program, args.subjects // 4, 1, wall=True)
    wall2 = speciosa_rate(program, args.subjects // 2, 2, wall=True)
    print(f"Regimen: {DOSE_MG:g} mg MG every {TAU_H:g} h x {N_DOSES}, {END_H:g} h on a {STEP_H:g} h grid "
          f"({len(ref_mg)} points); subject-days per CPU second (one core).")
    print(f"{'tool':34s} {'subject-days/s':>15s} {'speciosa PK is':>16s} {'max diff/peak':>14s}")
    print(f"{'speciosa PK (exact, linear)':34s} {pk1:15.0f} {'':>16s} {'':>14s}")
    for name, (rate, diff) in results.items():
        print(f"{name:34s} {rate:15.1f} {pk1 / rate:15.0f}x {diff:14.1e}")
    print(f"{'speciosa full PK (auto-inhibition)':34s} {full1:15.0f}")
    print(f"{'speciosa PK + mechanism':34s} {mech1:15.1f}")
    print(f"Scaling 1 -> 2 threads (full PK, wall clock): {wall2 / wall1:.2f}x "
          f"({os.cpu_count()} cores; os.getloadavg() = {os.getloadavg()[0]:.1f} during the run)")
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
