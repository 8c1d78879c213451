#!/usr/bin/env python3
"""Writes reference.csv and current.csv for the drift benchmark.

20 numeric columns (num_00..num_19) and 5 categorical ones, the same population in both
files except for the planted shifts listed in SHIFTS. Fixed seed: the same --rows and
--seed give byte-identical files. Rows are written in chunks so that 10M rows need only
a few hundred MB of memory; the two files are written by two processes in parallel.

Usage: gen_drift_data.py --rows N --out DIR [--seed S]
"""
import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

CHUNK = 500_000
N_NUMERIC = 20

# Numeric column i follows KINDS[i % 5]; (name, mean, standard deviation, decimals).
KINDS = [
    ("normal(50, 10)", 50.0, 10.0, 4),
    ("lognormal(3, 0.8)", None, None, 2),  # moments computed below
    ("exponential(2)", 2.0, 2.0, 4),
    ("uniform(0, 1)", 0.5, (1 / 12) ** 0.5, 4),
    ("poisson(100)", 100.0, 10.0, 0),
]
_LN_MU, _LN_SIGMA = 3.0, 0.8
_LN_MEAN = float(np.exp(_LN_MU + _LN_SIGMA**2 / 2))
_LN_SD = float(np.sqrt((np.exp(_LN_SIGMA**2) - 1) * np.exp(2 * _LN_MU + _LN_SIGMA**2)))
KINDS[1] = ("lognormal(3, 0.8)", _LN_MEAN, _LN_SD, 2)

# Planted shifts in the current file: location shift by a multiple of the column's std.
SHIFTS = {"num_00": 0.5, "num_01": 0.5, "num_04": 0.5, "num_05": 0.05}

DEVICE = ["mobile", "desktop", "tablet"]
PLAN = ["free", "basic", "pro", "team", "enterprise"]
MONTH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
COUNTRY = ["US", "DE", "FR", "GB", "IN", "BR", "JP", "CN", "CA", "AU", "ES", "IT", "NL", "SE",
           "PL", "MX", "KR", "ZA", "NG", "EG", "AR", "CL", "CO", "PE", "TR", "SA", "AE", "IL",
           "NO", "FI", "DK", "IE", "PT", "GR", "CZ", "HU", "RO", "AT", "CH", "BE", "NZ", "SG",
           "MY", "TH", "VN", "ID", "PH", "PK", "BD", "UA"]
SEGMENT = [f"seg_{i:03d}" for i in range(200)]


def _zipf_shares(k, s=1.1):
    w = 1.0 / np.arange(1, k + 1) ** s
    return w / w.sum()


# (column, levels, reference shares, current shares)
CATEGORICAL = [
    ("device", DEVICE, [0.60, 0.30, 0.10], [0.45, 0.30, 0.25]),  # planted change, PSI ~ 0.18
    ("plan", PLAN, [0.50, 0.25, 0.15, 0.07, 0.03], None),
    ("month", MONTH, [1 / 12] * 12, None),
    ("country", COUNTRY, _zipf_shares(len(COUNTRY)), None),
    ("segment", SEGMENT, _zipf_shares(len(SEGMENT), 0.8), None),
]


def numeric_spec():
    """Column name -> (kind, mean, std, decimals, shift in std units)."""
    spec = {}
    for i in range(N_NUMERIC):
        name = f"num_{i:02d}"
        kind, mean, sd, dec = KINDS[i % 5]
        spec[name] = (kind, mean, sd, dec, SHIFTS.get(name, 0.0))
    return spec


def _chunk(which, rows, rng):
    current = which == "current"
    cols = {}
    for i, (name, (kind, mean, sd, dec, shift)) in enumerate(numeric_spec().items()):
        k = i % 5
        if k == 0:
            v = rng.normal(50.0, 10.0, rows)
        elif k == 1:
            v = rng.lognormal(_LN_MU, _LN_SIGMA, rows)
        elif k == 2:
            v = rng.exponential(2.0, rows)
        elif k == 3:
            v = rng.random(rows)
        else:
            v = rng.poisson(100.0, rows).astype(np.int64)
        if current and shift:
            v = v + (round(shift * sd) if dec == 0 else shift * sd)
        cols[name] = v.round(dec) if dec else v
    for name, levels, ref_shares, cur_shares in CATEGORICAL:
        shares = cur_shares if (current and cur_shares is not None) else ref_shares
        codes = rng.choice(len(levels), size=rows, p=np.asarray(shares, dtype=float))
        cols[name] = pd.Categorical.from_codes(codes, levels)
    return pd.DataFrame(cols)


def write_file(which, rows, seed, path):
    # One independent stream per (file, chunk): output does not depend on scheduling.
    file_key = 0 if which == "reference" else 1
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        for c, start in enumerate(range(0, rows, CHUNK)):
            n = min(CHUNK, rows - start)
            rng = np.random.default_rng([seed, file_key, c])
            _chunk(which, n, rng).to_csv(f, index=False, header=(c == 0), lineterminator="\n")
    os.replace(tmp, path)
    return path


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20260101)
    a = ap.parse_args(argv)
    if a.rows < 1:
        ap.error(f"--rows must be positive, got {a.rows}")
    os.makedirs(a.out, exist_ok=True)
    meta = {"rows": a.rows, "seed": a.seed, "generator_version": 1,
            "shifted_numeric": SHIFTS, "shifted_categorical": ["device"]}
    meta_path = os.path.join(a.out, "data.json")
    ref, cur = os.path.join(a.out, "reference.csv"), os.path.join(a.out, "current.csv")
    if os.path.exists(meta_path) and os.path.exists(ref) and os.path.exists(cur):
        with open(meta_path) as f:
            if json.load(f) == meta:
                print(f"data up to date in {a.out} ({a.rows} rows, seed {a.seed})")
                return 0
        os.remove(meta_path)
    with ProcessPoolExecutor(max_workers=2) as ex:
        list(ex.map(write_file, ["reference", "current"], [a.rows] * 2, [a.seed] * 2, [ref, cur]))
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=1)
    for p in (ref, cur):
        print(f"wrote {p} ({os.path.getsize(p) / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
