#!/usr/bin/env python3
"""Writes fdr.json: Benjamini-Hochberg adjusted p-values and the binomial and hypergeometric tails of the alarm
budget, for FalseDiscoveryTest and FalseAlarmRateTest.

    python3 make_fdr_fixtures.py

Needs scipy 1.11 or later (scipy.stats.false_discovery_control appeared in 1.11; Debian 12's python3-scipy is
1.10.1 and lacks it): written with scipy 1.17.1, numpy 2.x.
  * "adjusted": scipy.stats.false_discovery_control(p, method='bh') for hand-made vectors (ties, zeros, ones,
    a single p-value) and seeded ones (uniform, and uniform mixed with small p-values as real drift gives).
  * "binomial": scipy.stats.binom.sf(r - 1, n, p) = P(Binomial(n, p) >= r).
  * "hypergeometric": scipy.stats.hypergeom.sf(r - 1, M, n, N) = P(X >= r), M items, n successes, N draws.
"""
import json
import os

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261207)
vectors = {
    "hand": [0.01, 0.04, 0.03, 0.005, 0.5],
    "ties": [0.02, 0.02, 0.02, 0.5, 0.5, 0.001],
    "zeros and ones": [0.0, 1.0, 0.0, 0.3, 1.0],
    "single": [0.037],
    "uniform 50": rng.random(50).tolist(),
    "mixed 30": np.concatenate([rng.random(22), rng.random(8) * 1e-3]).tolist(),
    "tiny 12": (10.0 ** -rng.uniform(0, 200, 12)).tolist(),
}
adjusted = [{"name": name, "p": p, "q": stats.false_discovery_control(p, method="bh").tolist()}
            for name, p in vectors.items()]
binomial = [{"n": n, "r": r, "p": p, "sf": float(stats.binom.sf(r - 1, n, p))}
            for n, r, p in [(20, 1, 0.05), (20, 10, 0.05), (19, 10, 0.05), (30, 3, 0.01), (5, 5, 0.3), (100, 50, 0.2),
                            (1, 1, 0.0137)]]
hypergeometric = [{"m": m, "f": f, "n": n, "r": r, "sf": float(stats.hypergeom.sf(r - 1, m, f, n))}
                  for m, f, n, r in [(20, 18, 5, 4), (22, 20, 10, 10), (10, 3, 4, 1), (30, 30, 7, 7), (12, 6, 6, 3)]]
out = {"scipy": scipy.__version__, "numpy": np.__version__, "adjusted": adjusted, "binomial": binomial,
       "hypergeometric": hypergeometric}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fdr.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
