#!/usr/bin/env python3
"""The docking case against Mesa, per agent-step, at 10,000 agents.

Mesa 3's BoltzmannWealth example (agents move on a grid and give one unit of
money to a random cellmate; a DataCollector records the Gini and every
agent's wealth each step) against commons-sim's `kinetic-exchange` preset
with one exchange per citizen per month (every month it also records all
outcomes, Ginis included). Both are timed as whole runs here, side by side.

Needs Mesa (`python3 -m pip install mesa networkx`: Python 3.11 gets mesa
3.3.1, whose examples package imports networkx) and a
release build of the command line (`cargo build --release`). Run from the
repository root:

    python3 benches/mesa_comparison.py [--agents 10000] [--mesa-steps 20] [--months 2000] [--pairs 4]

It runs three rounds, each of which alternates Mesa and commons-sim four
times (`--pairs`; Mesa first, then commons-sim first, in turn) and takes
the ratio of their mean times, so that a shared
host's drifting speed falls on both alike: on the Intel host a round of one
run each gave ratios from 126 to 263 within a minute, as the host's speed
moved by a quarter between one run and the next. It prints the processor,
each round's times and ratio, and the median of the three ratios (the figure
the target is set on). Results are recorded in docs/PERFORMANCE.md.
"""

import argparse
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

from machine import cpu_model


def time_mesa(agents: int, steps: int) -> float:
    """Seconds per agent-step of Mesa's BoltzmannWealth example."""
    from mesa.examples.basic.boltzmann_wealth_model.model import BoltzmannWealth

    side = max(1, round(agents ** 0.5))  # the example's density: one agent per cell
    model = BoltzmannWealth(n=agents, width=side, height=side, seed=1)
    start = time.perf_counter()
    for _ in range(steps):
        model.step()
    return (time.perf_counter() - start) / (agents * steps)


def time_commons_sim(binary: pathlib.Path, agents: int, months: int) -> float:
    """Seconds per agent-step of the docking case (one exchange per citizen a month)."""
    with tempfile.TemporaryDirectory() as directory:
        out = pathlib.Path(directory) / "docking.csv"
        command = [
            str(binary), "run", "--scenario", "kinetic-exchange", "--quiet",
            "--set", f"population.citizens={agents}",
            "--set", "households.exchanges_per_month=1",
            "--months", str(months), "--out", str(out),
        ]
        start = time.perf_counter()
        subprocess.run(command, check=True)
        return (time.perf_counter() - start) / (agents * months)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agents", type=int, default=10_000)
    parser.add_argument("--mesa-steps", type=int, default=20)
    parser.add_argument("--months", type=int, default=2_000)
    parser.add_argument("--pairs", type=int, default=4, help="Mesa and commons-sim runs alternated in a round")
    parser.add_argument("--binary", type=pathlib.Path, default=pathlib.Path("target/release/commons-sim"))
    args = parser.parse_args()
    if args.pairs < 1:
        print("--pairs must be at least 1", file=sys.stderr)
        return 2
    if not args.binary.exists():
        print(f"{args.binary} not found: run `cargo build --release` first", file=sys.stderr)
        return 2
    try:
        import mesa
    except ImportError:
        print("Mesa is not installed: python3 -m pip install mesa networkx", file=sys.stderr)
        return 2

    print(f"CPU: {cpu_model()}; agents: {args.agents}; Mesa {mesa.__version__} "
          f"({args.mesa_steps} steps a run), commons-sim ({args.months} months a run), "
          f"{args.pairs} of each alternated in a round")
    ratios = []
    for round_ in range(1, 4):
        mesa_times, our_times = [], []
        # Mesa first, then commons-sim first, in turn: a steady drift of
        # the host's speed through the round falls on both alike.
        for pair in range(args.pairs):
            if pair % 2 == 0:
                mesa_times.append(time_mesa(args.agents, args.mesa_steps))
                our_times.append(time_commons_sim(args.binary, args.agents, args.months))
            else:
                our_times.append(time_commons_sim(args.binary, args.agents, args.months))
                mesa_times.append(time_mesa(args.agents, args.mesa_steps))
        mesa_time, ours = statistics.mean(mesa_times), statistics.mean(our_times)
        ratios.append(mesa_time / ours)
        print(f"round {round_}: Mesa BoltzmannWealth {mesa_time * 1e6:.2f} µs, "
              f"commons-sim kinetic-exchange {ours * 1e9:.1f} ns per agent-step: {ratios[-1]:.0f}×")
    print(f"commons-sim is {statistics.median(ratios):.0f} times faster per agent-step "
          f"(median of the three rounds' ratios)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
