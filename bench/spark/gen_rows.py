#!/usr/bin/env python3
"""Writes a CSV of N rows x 25 columns for bench/spark/run.sh, with numpy only (no pandas here).

20 numeric columns (normal, lognormal, exponential, uniform, Poisson, as bench/gen_drift_data.py draws them;
about 1 % of the first five missing) and 5 categorical ones (3 to 1,000 values). One block of up to 1M rows is
drawn with a fixed seed and written as many times as N needs: the benchmark measures throughput, which does not
depend on whether values repeat, and writing is then bound by the disk rather than by Python.

Usage: gen_rows.py --rows N --out FILE [--seed S]
"""
import argparse

import numpy as np

BLOCK = 1_000_000


def block(rows, seed):
    rng = np.random.default_rng(seed)
    columns, names = [], []
    for i in range(20):
        kind = i % 5
        if kind == 0:
            values = np.char.mod("%.4f", rng.normal(50, 10, rows))
        elif kind == 1:
            values = np.char.mod("%.2f", rng.lognormal(3, 0.8, rows))
        elif kind == 2:
            values = np.char.mod("%.4f", rng.exponential(2, rows))
        elif kind == 3:
            values = np.char.mod("%.4f", rng.uniform(0, 1, rows))
        else:
            values = rng.poisson(100, rows).astype(str)
        if i < 5:
            values = np.where(rng.uniform(size=rows) < 0.01, "", values)
        columns.append(values.astype(object))
        names.append(f"num_{i:02d}")
    for name, size in (("device", 3), ("plan", 5), ("country", 40), ("browser", 12), ("city", 1000)):
        labels = np.array([f"{name}_{j:04d}" for j in range(size)], dtype=object)
        weights = 1.0 / np.arange(1, size + 1)
        columns.append(labels[rng.choice(size, rows, p=weights / weights.sum())])
        names.append(name)
    lines = columns[0]
    for column in columns[1:]:
        lines = lines + "," + column
    return ",".join(names) + "\n", "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20261207)
    args = ap.parse_args()
    header, text = block(min(args.rows, BLOCK), args.seed)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(header)
        left = args.rows
        while left >= BLOCK:
            out.write(text)
            left -= BLOCK
        if left:
            out.write("".join(text.splitlines(keepends=True)[:left]))


if __name__ == "__main__":
    main()
