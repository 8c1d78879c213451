#!/usr/bin/env python3
"""The pandas + scipy baseline for the drift benchmark: what a careful pandas user writes.

Reads both CSV files with pandas.read_csv (defaults), then per numeric column a two-sample
Kolmogorov-Smirnov test (scipy.stats.ks_2samp) and PSI over 10 reference-quantile bins
(numpy), per categorical column a chi-square test of homogeneity
(scipy.stats.chi2_contingency) and PSI over the categories. Writes one JSON report.

A column counts as drifted when p < --alpha and PSI >= --psi-floor: at a million rows
every real difference is significant, so the p-value alone would flag negligible shifts.

Usage: peer_drift.py REFERENCE.csv CURRENT.csv OUT.json [--ks-method auto|asymp|exact]
"""
import argparse
import json
import sys
import time

import numpy as np
import pandas as pd
import scipy
from scipy import stats

EPS = 1e-4  # floor on empty bins so PSI stays finite


def psi(ref_share, cur_share):
    p = np.maximum(ref_share, EPS)
    q = np.maximum(cur_share, EPS)
    return float(np.sum((q - p) * np.log(q / p)))


def numeric_column(r, c, method):
    r = r[~np.isnan(r)]
    c = c[~np.isnan(c)]
    ks = stats.ks_2samp(r, c, method=method)
    edges = np.unique(np.quantile(r, np.linspace(0.1, 0.9, 9)))
    rp = np.bincount(np.searchsorted(edges, r, side="right"), minlength=len(edges) + 1) / len(r)
    cp = np.bincount(np.searchsorted(edges, c, side="right"), minlength=len(edges) + 1) / len(c)
    return {"test": "ks", "statistic": float(ks.statistic), "p_value": float(ks.pvalue),
            "psi": psi(rp, cp)}


def categorical_column(r, c):
    counts = pd.concat([r.value_counts(), c.value_counts()], axis=1).fillna(0).to_numpy().T
    chi2, p, _, _ = stats.chi2_contingency(counts)
    shares = counts / counts.sum(axis=1, keepdims=True)
    return {"test": "chi2", "statistic": float(chi2), "p_value": float(p),
            "psi": psi(shares[0], shares[1])}


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reference")
    ap.add_argument("current")
    ap.add_argument("out")
    ap.add_argument("--ks-method", default="auto", choices=["auto", "asymp", "exact"])
    ap.add_argument("--alpha", type=float, default=0.05)
    ap.add_argument("--psi-floor", type=float, default=0.1)
    a = ap.parse_args(argv)

    t0 = time.perf_counter()
    # Parquet needs pyarrow or fastparquet under pandas (bench/parquet checks for them first)
    read = lambda f: pd.read_parquet(f) if f.endswith(".parquet") else pd.read_csv(f)
    ref = read(a.reference)
    cur = read(a.current)
    t_read = time.perf_counter() - t0

    columns = []
    for name in ref.columns:
        if pd.api.types.is_numeric_dtype(ref[name]):
            res = numeric_column(ref[name].to_numpy(dtype=float), cur[name].to_numpy(dtype=float),
                                 a.ks_method)
        else:
            res = categorical_column(ref[name], cur[name])
        res["name"] = name
        res["drift"] = res["p_value"] < a.alpha and res["psi"] >= a.psi_floor
        columns.append(res)
    t_total = time.perf_counter() - t0

    report = {
        "tool": f"pandas {pd.__version__} + scipy {scipy.__version__}",
        "ks_method": a.ks_method,
        "alpha": a.alpha,
        "psi_floor": a.psi_floor,
        "reference_rows": len(ref),
        "current_rows": len(cur),
        "seconds_read": round(t_read, 3),
        "seconds_total": round(t_total, 3),
        "drifted": [c["name"] for c in columns if c["drift"]],
        "columns": columns,
    }
    with open(a.out, "w") as f:
        json.dump(report, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
