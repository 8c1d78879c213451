"""The scikit-learn side of the training benchmark: fit times (median of REPEAT) and test accuracy.

- logistic: StandardScaler then LogisticRegression(lbfgs, C=1, tol=1e-4, max_iter=100): the same objective
  and stopping rule as mlstages' `logistic` with its defaults (l2=1, tolerance=1e-4, maxIterations=100).
  The scaler is fitted outside the timed part, as mlstages standardizes outside its optimizer.
- hgb: HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, early_stopping=False), the
  counterpart of `gbt` with rounds=100, learningRate=0.1 (early stopping off: it would otherwise hold out
  10 % of rows above 10,000 and stop at will, which is another experiment).

Usage: python3 peer_train.py DIR [REPEAT]
"""
import json
import statistics
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def timed(fit, repeat):
    times = []
    model = None
    for _ in range(repeat):
        start = time.perf_counter()
        model = fit()
        times.append(time.perf_counter() - start)
    return statistics.median(times), model


def main(folder, repeat=3):
    train = np.loadtxt(f"{folder}/train.csv", delimiter=",", skiprows=1)
    test = np.loadtxt(f"{folder}/test.csv", delimiter=",", skiprows=1)
    x, y, tx, ty = train[:, :-1], train[:, -1], test[:, :-1], test[:, -1]
    scaler = StandardScaler().fit(x)
    xs, txs = scaler.transform(x), scaler.transform(tx)
    seconds, logistic = timed(lambda: LogisticRegression(C=1.0, tol=1e-4, max_iter=100).fit(xs, y), repeat)
    result = {"logistic": {"fitSeconds": seconds, "accuracy": logistic.score(txs, ty),
                           "iterations": int(logistic.n_iter_[0])}}
    seconds, hgb = timed(lambda: HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1,
                                                                early_stopping=False, random_state=0).fit(x, y),
                         repeat)
    result["hgb"] = {"fitSeconds": seconds, "accuracy": hgb.score(tx, ty)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:3]))
