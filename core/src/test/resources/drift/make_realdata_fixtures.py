#!/usr/bin/python3
"""Writes realdata.json: scipy/numpy values of the drift statistics on the real data sets in
test-resources/datasets (see its README), for RealDataDriftTest.

    /usr/bin/python3 make_realdata_fixtures.py [DATASET_DIR]

DATASET_DIR defaults to the repository's test-resources/datasets. The definitions are those of
make_fixtures.py (KS p-value exact below n*m = 10000, Smirnov asymptotic above; Wasserstein over the
reference's sample standard deviation; PSI and Jensen-Shannon over the reference's lower deciles, 1e-4 for
empty shares). Categorical columns are first pooled as the detector pools them: a level whose expected count
under the pooled share is below 5 in either sample joins 'other'. The date column is an identifier and left
out.
"""
import csv
import json
import math
import os
import sys

import numpy as np
from scipy import special, stats
from scipy.spatial.distance import jensenshannon

PAIRS = [
    ("seattle-weather-2012.csv", "seattle-weather-2015.csv"),
    ("chicago-2002.csv", "chicago-2008.csv"),
    ("chicago-2010-a.csv", "chicago-2010-b.csv"),
]
EPS = 1e-4


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    columns = {}
    for i, name in enumerate(header):
        if name == "date":
            continue
        cells = [row[i] for row in body]
        try:
            columns[name] = ("numeric", np.array([float(c) for c in cells]))
        except ValueError:
            columns[name] = ("categorical", cells)
    return columns


def shares(counts):
    s = np.asarray(counts, float) / np.sum(counts)
    return np.where(s == 0, EPS, s)


def psi(r, c):
    r, c = shares(r), shares(c)
    return float(np.sum((c - r) * np.log(c / r)))


def numeric(x, y):
    x, y = np.sort(x), np.sort(y)
    n, m = len(x), len(y)
    d = float(stats.ks_2samp(x, y).statistic)
    if n * m < 10000:
        p = float(stats.ks_2samp(x, y, method="exact").pvalue)
    else:
        p = float(special.kolmogorov(d * math.sqrt(n * m / (n + m))))
    edges = np.unique(np.quantile(x, np.arange(1, 10) / 10, method="inverted_cdf"))
    rc = np.bincount(np.searchsorted(edges, x, side="left"), minlength=len(edges) + 1)
    cc = np.bincount(np.searchsorted(edges, y, side="left"), minlength=len(edges) + 1)
    return {"type": "numeric", "ks": d, "pValue": p,
            "wasserstein": float(stats.wasserstein_distance(x, y) / np.std(x, ddof=1)),
            "psi": psi(rc, cc), "jensenShannon": float(jensenshannon(rc, cc, base=2))}


def categorical(a, b):
    levels = sorted(set(a) | set(b))
    r = np.array([a.count(v) for v in levels])
    c = np.array([b.count(v) for v in levels])
    smaller, total = min(r.sum(), c.sum()), r.sum() + c.sum()
    keep = smaller * (r + c) / total >= 5
    pooled = [v for v, k in zip(levels, keep) if not k]
    if not keep.all():
        r = np.append(r[keep], r[~keep].sum())
        c = np.append(c[keep], c[~keep].sum())
    table = np.array([r, c], dtype=np.int64)
    table = table[:, table.sum(axis=0) > 0]
    chi = stats.chi2_contingency(table)
    return {"type": "categorical", "pooled": pooled, "pValue": float(chi.pvalue),
            "cramersV": float(stats.contingency.association(table, method="cramer")),
            "psi": psi(table[0], table[1]), "jensenShannon": float(jensenshannon(table[0], table[1], base=2))}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "..", "..",
                                                                 "test-resources", "datasets")
    out = []
    for ref_file, cur_file in PAIRS:
        ref, cur = read(os.path.join(folder, ref_file)), read(os.path.join(folder, cur_file))
        columns = {}
        for name, (kind, values) in ref.items():
            other = cur[name][1]
            columns[name] = numeric(values, other) if kind == "numeric" else categorical(values, other)
        out.append({"reference": ref_file, "current": cur_file, "columns": columns})
    with open(os.path.join(here, "realdata.json"), "w", encoding="utf-8") as f:
        json.dump({"generator": "make_realdata_fixtures.py", "scipy": __import__("scipy").__version__,
                   "pairs": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
