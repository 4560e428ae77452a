#!/usr/bin/env python3
"""How `evaluate` scales with threads, and whether its memory grows with rows.

Speed goals live in benchmarks, not tests: this prints figures, it asserts
nothing. It samples a Latin hypercube over three levers, then runs
`commons-sim evaluate` on it with one thread and with two, alternating, so
that host noise falls on both alike, and reports the median ratio. It then
runs designs of two sizes on a small scenario and reports the peak memory
of each (the rows are streamed, so it should not grow with them).

    cargo build --release
    python3 benches/evaluate_threads.py target/release/commons-sim [ROWS] [ROUNDS]

ROWS (default 40) rows × 4 seeds at 2,000 citizens × 240 months; the issue's
design of 10,000 rows takes about 10,000 × 4 × 40 ms / 2 ≈ 15 minutes on
two cores, and scales linearly in rows.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

from machine import cpu_model


def run(binary, args):
    """Runs the binary and returns its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run([binary, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/commons-sim"
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    print(f"CPU: {cpu_model()}, {os.cpu_count()} logical cores")
    with tempfile.TemporaryDirectory() as tmp:
        ranges = os.path.join(tmp, "ranges.txt")
        with open(ranges, "w") as f:
            f.write("state.income_tax 0.1 0.6\nstate.infrastructure_grants 0 1\nstate.civic_appeal 0 1\n")
        design = os.path.join(tmp, "design.txt")
        subprocess.run([binary, "sample", "--method", "lhs", "--params", ranges, "-n", str(rows),
                        "--seed", "7", "--out", design], check=True)
        common = ["evaluate", "--quiet", "--scenario", "partner-state", "--params", ranges,
                  "--design", design, "--seeds", "4", "--outcome", "commons_knowledge"]
        times = {1: [], 2: []}
        outputs = {}
        for r in range(rounds):
            for threads in ((1, 2) if r % 2 == 0 else (2, 1)):
                out = os.path.join(tmp, f"out{threads}.txt")
                seconds = run(binary, [*common, "--threads", str(threads), "--out", out])
                times[threads].append(seconds)
                with open(out, "rb") as f:
                    outputs.setdefault(threads, f.read())
        ratios = [one / two for one, two in zip(times[1], times[2])]
        print(f"{rows} rows x 4 seeds, 2,000 citizens x 240 months:")
        print(f"  1 thread:  {', '.join(f'{t:.2f}' for t in times[1])} s")
        print(f"  2 threads: {', '.join(f'{t:.2f}' for t in times[2])} s")
        print(f"  speed-up (1 thread / 2 threads, paired): median {statistics.median(ratios):.2f} "
              f"(each round: {', '.join(f'{x:.2f}' for x in ratios)})")
        print(f"  outputs identical for 1 and 2 threads: {outputs[1] == outputs[2]}")

        # Memory against rows, on a small scenario so that many rows are quick.
        small = ["--set", "population.citizens=50", "--months", "24"]
        for size in (1_000, 10_000):
            big = os.path.join(tmp, f"design{size}.txt")
            subprocess.run([binary, "sample", "--method", "lhs", "--params", ranges, "-n", str(size),
                            "--seed", "7", "--out", big], check=True)
            out = os.path.join(tmp, f"mem{size}.txt")
            command = ["/usr/bin/time", "-f", "%M", binary, "evaluate", "--quiet", "--scenario", "partner-state",
                       *small, "--params", ranges, "--design", big, "--seeds", "4",
                       "--outcome", "commons_knowledge", "--out", out]
            done = subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            peak = done.stderr.strip().splitlines()[-1]
            print(f"  {size:,} rows x 4 seeds at 50 citizens x 24 months: peak memory {int(peak) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
