#!/usr/bin/python3
"""Writes methods.json: scipy/numpy values of the drift methods added after the first six (Hellinger,
Kullback-Leibler, total variation, Cramer-von Mises, Anderson-Darling, energy), for MethodsScipyTest.

    /usr/bin/python3 make_method_fixtures.py [DATASET_DIR]

Two parts:
  * "pairs": every column of the real-data pairs of make_realdata_fixtures.py (same reading, same pooling of
    rare levels, same reference deciles for numeric columns), as the detector scores them from profiles that
    keep exact values.
  * "samples": small hand-made and seeded samples with ties, unequal and tiny sizes, for the statistics alone.

Definitions (docs/drift.md says why):
  * Hellinger: sqrt(1 - sum(sqrt(p q))) on shares (scipy has none; numpy).
  * Kullback-Leibler: scipy.stats.entropy(current, reference), zero shares replaced by 1e-4 first (entropy
    normalises both again).
  * Total variation: 0.5 * sum(|p - q|) on shares (numpy).
  * Cramer-von Mises: scipy.stats.cramervonmises_2samp(x, y) (method 'auto': the exact p-value when neither
    side has more than 20 values, the asymptotic one otherwise) for the test; the score is
    sqrt(integral (F - G)^2 dH), H the pooled empirical CDF, computed here with numpy.
  * Anderson-Darling: scipy.stats.anderson_ksamp([x, y]) (midrank, interpolated p-value in [0.001, 0.25]); the
    score is sqrt(integral (F - G)^2 / (H (1 - H)) dH) over the pooled values with H < 1 (numpy).
  * Energy: scipy.stats.energy_distance(x, y) divided by sqrt of the reference's sample standard deviation.
"""
import json
import os
import sys
import warnings

import numpy as np
from scipy import stats

from make_realdata_fixtures import PAIRS, read

EPS = 1e-4


def shares(counts):
    s = np.asarray(counts, float)
    return s / s.sum()


def hellinger(r, c):
    return float(np.sqrt(max(0.0, 1 - np.sum(np.sqrt(shares(r) * shares(c))))))


def kl(r, c):
    rs, cs = shares(r), shares(c)
    return float(stats.entropy(np.where(cs == 0, EPS, cs), np.where(rs == 0, EPS, rs)))


def tv(r, c):
    return float(0.5 * np.sum(np.abs(shares(r) - shares(c))))


def gaps(x, y):
    z = np.unique(np.concatenate([x, y]))
    f = np.searchsorted(np.sort(x), z, side="right") / len(x)
    g = np.searchsorted(np.sort(y), z, side="right") / len(y)
    h = (len(x) * f + len(y) * g) / (len(x) + len(y))
    w = np.diff(np.concatenate([[0.0], h]))
    return f - g, h, w


def cvm_distance(x, y):
    d, h, w = gaps(x, y)
    return float(np.sqrt(np.sum(d * d * w)))


def ad_distance(x, y):
    d, h, w = gaps(x, y)
    inner = h < 1
    return float(np.sqrt(np.sum(d[inner] ** 2 * w[inner] / (h[inner] * (1 - h[inner])))))


def tests(x, y):
    cvm = stats.cramervonmises_2samp(x, y)  # 'auto': exact up to 20 values a side
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the capped / floored p-value warnings
        ad = stats.anderson_ksamp([x, y])
    return {"cvmStatistic": float(cvm.statistic), "cvmP": float(cvm.pvalue),
            "cvmDistance": cvm_distance(x, y),
            "adStatistic": float(ad.statistic), "adP": float(ad.pvalue), "adDistance": ad_distance(x, y),
            "energy": float(stats.energy_distance(x, y))}


def numeric(x, y):
    out = {"type": "numeric"}
    out.update(tests(x, y))
    out["energyScore"] = out["energy"] / float(np.sqrt(np.std(x, ddof=1)))
    edges = np.unique(np.quantile(x, np.arange(1, 10) / 10, method="inverted_cdf"))
    rc = np.bincount(np.searchsorted(edges, x, side="left"), minlength=len(edges) + 1)
    cc = np.bincount(np.searchsorted(edges, y, side="left"), minlength=len(edges) + 1)
    out.update({"hellinger": hellinger(rc, cc), "kullbackLeibler": kl(rc, cc), "totalVariation": tv(rc, cc)})
    return out


def categorical(a, b):
    levels = sorted(set(a) | set(b))
    r = np.array([a.count(v) for v in levels])
    c = np.array([b.count(v) for v in levels])
    smaller, total = min(r.sum(), c.sum()), r.sum() + c.sum()
    keep = smaller * (r + c) / total >= 5
    if not keep.all():
        r = np.append(r[keep], r[~keep].sum())
        c = np.append(c[keep], c[~keep].sum())
    return {"type": "categorical", "hellinger": hellinger(r, c), "kullbackLeibler": kl(r, c),
            "totalVariation": tv(r, c)}


def samples():
    rng = np.random.Generator(np.random.PCG64(20261207))
    cases = [
        ("tiny", [1.0, 2.0, 3.0], [2.5, 4.0, 5.0, 6.0]),
        ("ties", [1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 5.0], [1.0, 2.0, 2.0, 4.0, 5.0, 5.0]),
        ("disjoint", [0.0, 1.0, 2.0, 3.0, 4.0], [10.0, 11.0, 12.0, 13.0]),
        ("normal-shift", list(rng.normal(0, 1, 150)), list(rng.normal(0.4, 1, 90))),
        ("normal-scale", list(rng.normal(0, 1, 300)), list(rng.normal(0, 2, 300))),
        ("same", list(rng.normal(5, 2, 400)), list(rng.normal(5, 2, 380))),
        ("rounded", list(np.round(rng.exponential(3, 500))), list(np.round(rng.exponential(3.3, 450)))),
    ]
    # the largest sizes with an exact Cramer-von Mises p-value (its own generator: the cases above keep theirs)
    edge = np.random.Generator(np.random.PCG64(20261208))
    cases.append(("twenty", list(edge.normal(0, 1, 20)), list(edge.normal(0.8, 1, 20))))
    cases.append(("twenty-nineteen", list(edge.normal(0, 1, 20)), list(edge.normal(0, 1, 19))))
    out = []
    for name, x, y in cases:
        case = {"name": name, "x": [float(v) for v in x], "y": [float(v) for v in y]}
        case.update(tests(np.array(x), np.array(y)))
        out.append(case)
    shares_cases = [
        ("counts", [30, 20, 0, 50], [10, 40, 5, 45]),
        ("disjoint", [5, 5, 0, 0], [0, 0, 3, 7]),
        ("equal", [1, 2, 3], [2, 4, 6]),
    ]
    for name, r, c in shares_cases:
        out.append({"name": name, "reference": r, "current": c, "hellinger": hellinger(r, c),
                    "kullbackLeibler": kl(r, c), "totalVariation": tv(r, c)})
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "..", "..",
                                                                 "test-resources", "datasets")
    pairs = []
    for ref_file, cur_file in PAIRS:
        ref, cur = read(os.path.join(folder, ref_file)), read(os.path.join(folder, cur_file))
        columns = {}
        for name, (kind, values) in ref.items():
            other = cur[name][1]
            columns[name] = numeric(values, other) if kind == "numeric" else categorical(values, other)
        pairs.append({"reference": ref_file, "current": cur_file, "columns": columns})
    with open(os.path.join(here, "methods.json"), "w", encoding="utf-8") as f:
        json.dump({"generator": "make_method_fixtures.py", "scipy": __import__("scipy").__version__,
                   "numpy": np.__version__, "pairs": pairs, "samples": samples()}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
