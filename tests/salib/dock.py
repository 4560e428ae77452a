#!/usr/bin/env python3
"""Docks `commons-sim analyze` with SALib itself, both ways.

For Sobol (Ishigami, with and without second order) and Morris (Ishigami
and a linear model): SALib's design analysed by us and by SALib, and our
design analysed by us and by SALib. Prints every index and the largest
difference, and exits 1 if any point estimate (S1, ST, S2, mu, mu_star,
sigma) differs by more than 0.01.

Optional: needs `pip install SALib`. Usage:
    python3 tests/salib/dock.py [path/to/commons-sim]
"""
import csv
import os
import subprocess
import sys
import tempfile

import numpy as np
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample
from SALib.test_functions import Ishigami

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/debug/commons-sim"
TOL = 0.01
worst = 0.0
cases = []  # (label, largest difference in the case)


def sim(*args):
    # sample and analyze run no model: no progress bar, no --quiet.
    subprocess.run([BIN, *args], check=True)


def read_csv(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def compare(label, ours, theirs, names, keys):
    global worst
    before = worst
    worst = 0.0
    print(f"\n{label}")
    print(f"{'parameter':<10}" + "".join(f"{k + ' ours':>14}{k + ' SALib':>14}" for k in keys))
    for i, name in enumerate(names):
        row = f"{name:<10}"
        for k in keys:
            a, b = float(ours[i][k]), float(theirs[k][i])
            worst = max(worst, abs(a - b))
            row += f"{a:>14.4f}{b:>14.4f}"
        print(row)
    cases.append((label, worst))
    worst = max(worst, before)


def write_problem(dir, names, bounds):
    path = os.path.join(dir, "ranges.txt")
    with open(path, "w") as f:
        for n, (lo, hi) in zip(names, bounds):
            f.write(f"{n} {lo!r} {hi!r}\n")
    return path


def sobol_case(dir, tag, X, Y, problem, ranges, second_order):
    design, outputs = os.path.join(dir, f"{tag}-design.txt"), os.path.join(dir, f"{tag}-outputs.txt")
    np.savetxt(design, X, fmt="%.17e")
    np.savetxt(outputs, Y, fmt="%.17e")
    extra = ["--s2", os.path.join(dir, f"{tag}-s2.csv")] if second_order else ["--no-second-order"]
    sim("analyze", "--method", "sobol", "--params", ranges, "--design", design, "--outputs", outputs,
        "--out", os.path.join(dir, f"{tag}-indices.csv"), *extra)
    ours = read_csv(os.path.join(dir, f"{tag}-indices.csv"))
    theirs = sobol_analyze.analyze(problem, Y, calc_second_order=second_order, seed=1)
    compare(f"Sobol, {tag}", ours, theirs, problem["names"], ["S1", "ST"])
    if second_order:
        global worst
        s2 = read_csv(os.path.join(dir, f"{tag}-s2.csv"))
        names = problem["names"]
        for row in s2:
            j, k = names.index(row["parameter_1"]), names.index(row["parameter_2"])
            a, b = float(row["S2"]), theirs["S2"][j, k]
            worst = max(worst, abs(a - b))
            cases.append((f"S2 {row['parameter_1']},{row['parameter_2']}, {tag}", abs(a - b)))
            print(f"S2 {row['parameter_1']},{row['parameter_2']}: ours {a:.4f}  SALib {b:.4f}")


def morris_case(dir, tag, X, Y, problem, ranges, levels):
    design, outputs = os.path.join(dir, f"{tag}-design.txt"), os.path.join(dir, f"{tag}-outputs.txt")
    np.savetxt(design, X, fmt="%.17e")
    np.savetxt(outputs, Y, fmt="%.17e")
    out = os.path.join(dir, f"{tag}-morris.csv")
    sim("analyze", "--method", "morris", "--params", ranges, "--design", design, "--outputs", outputs,
        "--levels", str(levels), "--out", out)
    theirs = morris_analyze.analyze(problem, X, Y, num_levels=levels, seed=1)
    compare(f"Morris, {tag}", read_csv(out), theirs, problem["names"], ["mu", "mu_star", "sigma"])


def main():
    with tempfile.TemporaryDirectory() as dir:
        names = ["x1", "x2", "x3"]
        bounds = [[-np.pi, np.pi]] * 3
        problem = {"num_vars": 3, "names": names, "bounds": bounds}
        ranges = write_problem(dir, names, bounds)

        for second_order in (True, False):
            suffix = "" if second_order else ", first order only"
            X = sobol_sample.sample(problem, 1024, calc_second_order=second_order, seed=3)
            sobol_case(dir, f"SALib's design{suffix}", X, Ishigami.evaluate(X), problem, ranges, second_order)
            ours = os.path.join(dir, "our-sobol.txt")
            flags = [] if second_order else ["--no-second-order"]
            sim("sample", "--method", "sobol", "--any-names", "--params", ranges, "-n", "1024", "--seed", "3",
                "--out", ours, *flags)
            X = np.loadtxt(ours, ndmin=2)
            sobol_case(dir, f"our design{suffix}", X, Ishigami.evaluate(X), problem, ranges, second_order)

        for levels in (4, 6):
            X = morris_sample.sample(problem, 100, num_levels=levels, seed=2)
            morris_case(dir, f"SALib's design, Ishigami, {levels} levels", X, Ishigami.evaluate(X), problem,
                        ranges, levels)
            ours = os.path.join(dir, "our-morris.txt")
            sim("sample", "--method", "morris", "--any-names", "--params", ranges, "-n", "100", "--levels",
                str(levels), "--seed", "2", "--out", ours)
            X = np.loadtxt(ours, ndmin=2)
            morris_case(dir, f"our design, Ishigami, {levels} levels", X, Ishigami.evaluate(X), problem, ranges,
                        levels)

        lin_names = ["a", "b", "c"]
        lin_bounds = [[0.0, 1.0], [-2.0, 2.0], [10.0, 20.0]]
        lin = {"num_vars": 3, "names": lin_names, "bounds": lin_bounds}
        lin_ranges = write_problem(dir, lin_names, lin_bounds)
        X = morris_sample.sample(lin, 20, num_levels=4, seed=5)
        morris_case(dir, "SALib's design, linear 3a - 1.5b + 0.2c", X, X @ np.array([3.0, -1.5, 0.2]), lin,
                    lin_ranges, 4)

    print(f"\nlargest difference between our point estimates and SALib's: {worst:.2e} (tolerance {TOL})")
    failed = [label for label, diff in cases if diff > TOL]
    for label in failed:
        print(f"FAILED: {label}")
    print(f"salib: {len(cases) - len(failed)} passed, {len(failed)} failed")
    sys.exit(0 if not failed else 1)


if __name__ == "__main__":
    main()
