#!/usr/bin/python3
"""Writes the expected values that StatisticsTest compares the Java statistics with.

Run from this directory with the Debian interpreter (python3-scipy, python3-numpy):

    /usr/bin/python3 make_fixtures.py

Every case stores its inputs next to the expected outputs, so the Java test needs no random generator of its
own. The inputs come from numpy's PCG64 generator with fixed seeds, plus a few small hand-made cases with ties,
zero counts and unequal sizes. The output, statistics.json, is committed; rerun this script only when a
definition changes, and say why in the commit.

Where the Java code deliberately differs from a scipy default, the case records what it matches instead:
  * KS p-value for n*m >= 10000: Commons Math's asymptotic formula, i.e. scipy.special.kolmogorov(D*sqrt(en)),
    en = n*m/(n+m). scipy's ks_2samp(method='asymp') uses kstwo.sf(D, round(en)) instead, a finite-n
    correction; its value is stored as 'scipy_asymp' for information and checked only loosely.
  * KS p-value for n*m < 10000: Commons Math's exactP(D, n, m, strict=false) = P(D >= d), which is what
    ks_2samp(method='exact') computes. Ties are not jittered (Commons Math's own kolmogorovSmirnovTest would
    jitter them); D is computed on the tied data as scipy does, and the p-value treats it as tie-free.
  * Chi-square: scipy.stats.chi2_contingency with its default correction (Yates, only for a 2x2 table);
    categories with no count on either side are dropped first (scipy refuses zero expected counts). Cramer's
    V uses the uncorrected statistic, as scipy.stats.contingency.association does.
  * PSI: bins from the reference's lower quantiles (numpy method='inverted_cdf') at 0.1 .. 0.9, equal edges
    merged, bin i = (edge[i-1], edge[i]]; zero shares replaced by 1e-4; PSI = sum((c - r) * ln(c / r)).
"""
import json
import math
import os

import numpy as np
from scipy import special, stats
from scipy.spatial.distance import jensenshannon

PSI_EPSILON = 1e-4
LARGE_SAMPLE_PRODUCT = 10000  # Commons Math: exact p-value below this n*m


def floats(values):
    return [float(v) for v in values]


def ks_case(name, x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n, m = len(x), len(y)
    exact = n * m < LARGE_SAMPLE_PRODUCT
    if exact:
        result = stats.ks_2samp(x, y, method="exact")
        d, p = float(result.statistic), float(result.pvalue)
        scipy_asymp = None
    else:
        result = stats.ks_2samp(x, y, method="asymp")
        d = float(result.statistic)
        en = n * m / (n + m)
        p = float(special.kolmogorov(d * math.sqrt(en)))
        scipy_asymp = float(result.pvalue)
    # the same D from two empirical CDFs evaluated on the merged values (the sketch path's formula)
    grid = np.unique(np.concatenate([x, y]))
    cdf_x = np.searchsorted(np.sort(x), grid, side="right") / n
    cdf_y = np.searchsorted(np.sort(y), grid, side="right") / m
    # the CDF arrays are stored for the smaller cases only, to keep the fixture small
    small = len(grid) <= 400
    return {"name": name, "x": floats(x), "y": floats(y), "exactP": bool(exact), "statistic": d,
            "pValue": p, "scipyAsymp": scipy_asymp, "cdfX": floats(cdf_x) if small else None,
            "cdfY": floats(cdf_y) if small else None, "gridStatistic": float(np.max(np.abs(cdf_x - cdf_y))),
            "gridPValue": float(special.kolmogorov(float(np.max(np.abs(cdf_x - cdf_y)))
                                                   * math.sqrt(n * m / (n + m))))}


def chi_case(name, ref, cur):
    table = np.array([ref, cur], dtype=np.int64)
    kept = table[:, table.sum(axis=0) > 0]
    if kept.shape[1] < 2:
        stat, p, dof, v = 0.0, 1.0, 0, 0.0
    else:
        stat, p, dof, _ = stats.chi2_contingency(kept)
        v = stats.contingency.association(kept, method="cramer")
    return {"name": name, "reference": [int(c) for c in ref], "current": [int(c) for c in cur],
            "statistic": float(stat), "dof": int(dof), "pValue": float(p), "cramersV": float(v)}


def js_case(name, p, q):
    return {"name": name, "p": floats(p), "q": floats(q),
            "distance": float(jensenshannon(np.asarray(p, float), np.asarray(q, float), base=2))}


def wasserstein_case(name, x, y):
    x = np.sort(np.asarray(x, dtype=float))
    y = np.sort(np.asarray(y, dtype=float))
    k = 1000
    ranks = (np.arange(k) + 0.5) / k
    qx = np.quantile(x, ranks, method="inverted_cdf")
    qy = np.quantile(y, ranks, method="inverted_cdf")
    return {"name": name, "x": floats(x), "y": floats(y), "distance": float(stats.wasserstein_distance(x, y)),
            "referenceStd": float(np.std(x, ddof=1)), "quantileCount": k, "quantilesX": floats(qx),
            "quantilesY": floats(qy), "quantileDistance": float(np.mean(np.abs(qx - qy)))}


def shares(counts):
    counts = np.asarray(counts, dtype=float)
    s = counts / counts.sum()
    return np.where(s == 0, PSI_EPSILON, s)


def psi_from_counts(ref_counts, cur_counts):
    r, c = shares(ref_counts), shares(cur_counts)
    return float(np.sum((c - r) * np.log(c / r)))


def psi_case(name, ref, cur, bins=10):
    ref = np.sort(np.asarray(ref, dtype=float))
    cur = np.sort(np.asarray(cur, dtype=float))
    edges = np.unique(np.quantile(ref, np.arange(1, bins) / bins, method="inverted_cdf"))
    ref_counts = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=len(edges) + 1)
    cur_counts = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=len(edges) + 1)
    return {"name": name, "x": floats(ref), "y": floats(cur), "edges": floats(edges),
            "referenceCounts": [int(c) for c in ref_counts], "currentCounts": [int(c) for c in cur_counts],
            "psi": psi_from_counts(ref_counts, cur_counts)}


def psi_counts_case(name, ref_counts, cur_counts):
    return {"name": name, "referenceCounts": list(ref_counts), "currentCounts": list(cur_counts),
            "psi": psi_from_counts(ref_counts, cur_counts)}


def linf_case(name, p, q):
    p = np.asarray(p, float) / np.sum(p)
    q = np.asarray(q, float) / np.sum(q)
    return {"name": name, "p": floats(p), "q": floats(q), "distance": float(np.max(np.abs(p - q)))}


def proportion_case(name, x1, n1, x2, n2):
    pooled = (x1 + x2) / (n1 + n2)
    diff = x2 / n2 - x1 / n1
    if pooled in (0.0, 1.0):
        z, p = 0.0, 1.0
    else:
        z = diff / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        p = float(2 * stats.norm.sf(abs(z)))
        # the same test as a 2x2 chi-square without continuity correction
        chi = stats.chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False)
        assert abs(chi.pvalue - p) <= 1e-9 * max(p, 1e-300) + 1e-15, (chi.pvalue, p)
    return {"name": name, "x1": x1, "n1": n1, "x2": x2, "n2": n2, "z": float(z), "pValue": float(p)}


def main():
    rng = np.random.Generator(np.random.PCG64(20261127))
    ks = [
        ks_case("hand: interleaved, no ties", [0.1, 0.4, 0.7, 1.3, 2.0], [0.2, 0.5, 0.9, 1.1, 1.6, 2.5, 3.0]),
        ks_case("hand: heavy ties", [1, 1, 2, 2, 2, 3, 3, 4], [2, 2, 3, 3, 3, 3, 4, 4, 5, 5]),
        ks_case("hand: disjoint", [1, 2, 3, 4, 5, 6], [10, 11, 12, 13, 14, 15, 16]),
        ks_case("hand: identical", [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]),
        ks_case("small normal, exact p", rng.normal(0, 1, 30), rng.normal(0.3, 1, 40)),
        ks_case("small integers with ties, exact p", rng.integers(0, 6, 25), rng.integers(1, 7, 35)),
        ks_case("just below 10000, exact p", rng.normal(0, 1, 99), rng.normal(0, 1.2, 100)),
        ks_case("just at 10000, asymptotic p", rng.normal(0, 1, 100), rng.normal(0, 1.2, 100)),
        ks_case("medium same distribution, asymptotic", rng.normal(0, 1, 300), rng.normal(0, 1, 500)),
        ks_case("large shifted, tiny p", rng.normal(0, 1, 2000), rng.normal(0.3, 1, 3000)),
        ks_case("large integers with ties, asymptotic", rng.poisson(3, 1500), rng.poisson(3.2, 1200)),
    ]
    chi = [
        chi_case("hand: 2x2 with Yates", [30, 70], [45, 55]),
        chi_case("hand: 2x2 small difference (correction capped)", [50, 50], [50, 51]),
        chi_case("hand: 2x3 with an empty category", [10, 0, 20], [12, 0, 25]),
        chi_case("hand: 2x4", [120, 80, 40, 10], [100, 90, 50, 30]),
        chi_case("hand: single category", [10, 0], [20, 0]),
        chi_case("random 2x8 same shares",
                 rng.multinomial(5000, [0.3, 0.2, 0.15, 0.1, 0.1, 0.08, 0.05, 0.02]),
                 rng.multinomial(4000, [0.3, 0.2, 0.15, 0.1, 0.1, 0.08, 0.05, 0.02])),
        chi_case("random 2x5 changed shares",
                 rng.multinomial(20000, [0.4, 0.3, 0.2, 0.05, 0.05]),
                 rng.multinomial(15000, [0.3, 0.3, 0.25, 0.1, 0.05])),
    ]
    js = [
        js_case("hand: identical", [1, 2, 3], [1, 2, 3]),
        js_case("hand: disjoint", [1, 0], [0, 1]),
        js_case("hand: unnormalised with zeros", [5, 0, 3, 2], [1, 4, 0, 5]),
        js_case("hand: boolean 1% vs 5%", [0.01, 0.99], [0.05, 0.95]),
        js_case("random 20 bins", rng.dirichlet(np.ones(20)), rng.dirichlet(np.ones(20))),
    ]
    wasserstein = [
        wasserstein_case("equal sizes: quantile form is exact", rng.normal(0, 1, 1000), rng.normal(0.5, 2, 1000)),
        wasserstein_case("hand: ties and unequal sizes", [1, 1, 2, 3, 3, 3], [2, 2, 4]),
        wasserstein_case("unequal sizes", rng.exponential(1, 700), rng.exponential(1.3, 1300)),
    ]
    psi = [
        psi_case("normal, small shift", rng.normal(0, 1, 2000), rng.normal(0.2, 1, 1500)),
        psi_case("discrete with merged edges", rng.poisson(1.5, 1000), rng.poisson(2.5, 1000)),
        psi_case("hand: current outside reference range", list(range(1, 21)), [50, 60, 70]),
    ]
    psi_counts = [
        psi_counts_case("hand: categories", [100, 50, 25, 0], [80, 60, 20, 10]),
        psi_counts_case("hand: identical", [10, 20, 30], [20, 40, 60]),
    ]
    linf = [
        linf_case("hand: categories", [100, 50, 25, 0], [80, 60, 20, 10]),
        linf_case("hand: boolean", [30, 70], [45, 55]),
    ]
    proportions = [
        proportion_case("hand: 1% vs 15% missing", 10, 1000, 150, 1000),
        proportion_case("hand: none missing on either side", 0, 500, 0, 800),
        proportion_case("hand: all missing on both sides", 50, 50, 70, 70),
        proportion_case("hand: small change", 48, 1000, 52, 1000),
        proportion_case("large, tiny p", 10000, 1000000, 12000, 1000000),
    ]
    fixture = {"generator": "make_fixtures.py", "numpy": np.__version__, "scipy": __import__("scipy").__version__,
               "psiEpsilon": PSI_EPSILON, "ks": ks, "chiSquare": chi, "jensenShannon": js,
               "wasserstein": wasserstein, "psi": psi, "psiCounts": psi_counts, "lInfinity": linf,
               "twoProportion": proportions}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "statistics.json")
    with open(path, "w", encoding="utf-8") as out:
        json.dump(fixture, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
