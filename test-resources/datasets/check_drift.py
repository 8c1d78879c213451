#!/usr/bin/env python3
"""Independent check (pandas + scipy) of what these data sets should show a drift detector.

For every numeric column: two-sample Kolmogorov-Smirnov p-value (scipy default method),
Wasserstein distance divided by the reference column's standard deviation, the mean
shift in reference standard deviations, and PSI over 10 reference-quantile bins. For every
categorical column: chi-square test of homogeneity on the category counts and PSI over the
categories. PSI uses a 1e-4 floor on empty bins so that it stays finite. Run from this folder:

    /usr/bin/python3 check_drift.py
"""
import sys

import numpy as np
import pandas as pd
from scipy import stats

PAIRS = [
    ("seattle-weather-2012.csv", "seattle-weather-2015.csv"),
    ("chicago-2002.csv", "chicago-2008.csv"),
    ("chicago-2010-a.csv", "chicago-2010-b.csv"),
]
ALPHA = 0.05
EPS = 1e-4


def psi(ref_share, cur_share):
    p = np.maximum(ref_share, EPS)
    q = np.maximum(cur_share, EPS)
    return float(np.sum((q - p) * np.log(q / p)))


def numeric_psi(r, c, bins=10):
    # Inner edges at reference deciles; ties (e.g. a mostly-zero column) merge bins.
    edges = np.unique(np.quantile(r, np.linspace(0, 1, bins + 1)[1:-1]))
    rp = np.bincount(np.searchsorted(edges, r, side="right"), minlength=len(edges) + 1) / len(r)
    cp = np.bincount(np.searchsorted(edges, c, side="right"), minlength=len(edges) + 1) / len(c)
    return psi(rp, cp)


def compare(ref_file, cur_file):
    ref = pd.read_csv(ref_file).drop(columns=["date"])
    cur = pd.read_csv(cur_file).drop(columns=["date"])
    print(f"\n## {ref_file} ({len(ref)} rows) vs {cur_file} ({len(cur)} rows)\n")
    print(f"{'column':18} {'test':5} {'p-value':>10} {'W/std':>7} {'dmean/std':>9} {'PSI':>6}  verdict")
    flagged, total = 0, 0
    for col in ref.columns:
        if pd.api.types.is_numeric_dtype(ref[col]):
            r, c = ref[col].dropna().to_numpy(), cur[col].dropna().to_numpy()
            sd = r.std(ddof=1)
            p = stats.ks_2samp(r, c).pvalue
            w = stats.wasserstein_distance(r, c) / sd if sd > 0 else float("nan")
            dm = (c.mean() - r.mean()) / sd if sd > 0 else float("nan")
            test, extra = "KS", f"{w:7.3f} {dm:9.3f} {numeric_psi(r, c):6.3f}"
        else:
            counts = pd.concat([ref[col].value_counts(), cur[col].value_counts()], axis=1).fillna(0)
            table = counts.to_numpy().T
            p = stats.chi2_contingency(table)[1]
            shares = table / table.sum(axis=1, keepdims=True)
            test, extra = "chi2", f"{'':7} {'':9} {psi(shares[0], shares[1]):6.3f}"
        total += 1
        drift = p < ALPHA
        flagged += drift
        print(f"{col:18} {test:5} {p:10.2e} {extra}  {'DRIFT' if drift else 'same'}")
    print(f"\n{flagged} of {total} columns have p < {ALPHA}")


def main():
    print(f"pandas {pd.__version__}, scipy {__import__('scipy').__version__}, numpy {np.__version__}")
    for ref, cur in PAIRS:
        compare(ref, cur)
    return 0


if __name__ == "__main__":
    sys.exit(main())
