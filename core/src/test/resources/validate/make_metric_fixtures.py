"""Writes metric_fixtures.json: seeded predictions and what sklearn.metrics computes from them.

Run with the system Python and Debian's python3-sklearn:  /usr/bin/python3 make_metric_fixtures.py
MetricsTest reads the JSON; the script is kept so that the fixtures can be regenerated and audited.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics

rng = np.random.default_rng(20261127)


def classification_case(actual, proba, labels):
    """The metrics every classification case gets, computed the way the Java code is meant to match."""
    predicted = np.argmax(proba, axis=1)  # the first maximum on ties, as Predictions.predictedClass
    out = {}
    with warnings.catch_warnings():
        # zero_division is left at its default ("warn"): an undefined ratio counts as 0 with a warning
        warnings.simplefilter("ignore")
        out["accuracy"] = metrics.accuracy_score(actual, predicted)
        for avg in ("macro", "weighted"):
            out["precision_" + avg] = metrics.precision_score(actual, predicted, average=avg)
            out["recall_" + avg] = metrics.recall_score(actual, predicted, average=avg)
            out["f1_" + avg] = metrics.f1_score(actual, predicted, average=avg)
        if len(labels) == 2:
            out["precision"] = metrics.precision_score(actual, predicted, pos_label=1)
            out["recall"] = metrics.recall_score(actual, predicted, pos_label=1)
            out["f1"] = metrics.f1_score(actual, predicted, pos_label=1)
            out["roc_auc"] = metrics.roc_auc_score(actual, proba[:, 1])
        else:
            out["roc_auc"] = metrics.roc_auc_score(actual, proba, multi_class="ovr", average="macro")
        out["log_loss"] = metrics.log_loss(actual, proba, labels=list(range(len(labels))))
    confusion = metrics.confusion_matrix(actual, predicted, labels=list(range(len(labels))))
    return {
        "task": "binary" if len(labels) == 2 else "multiclass",
        "classes": labels,
        "actual": [int(a) for a in actual],
        "probabilities": proba.tolist(),
        "expected": out,
        "confusion": confusion.tolist(),
    }


def binary():
    n = 600
    actual = (rng.random(n) < 0.35).astype(int)
    # a weak signal, rounded to two decimals so that many scores tie (ties must count half, as in sklearn)
    score = np.clip(0.35 + 0.25 * (actual - 0.35) + rng.normal(0, 0.2, n), 0, 1)
    p1 = np.round(score, 2)
    p1[:5] = [0.0, 1.0, 0.5, 0.5, 1.0]  # extremes exercise log-loss clipping; 0.5 ties go to the first class
    proba = np.column_stack([1 - p1, p1])
    return classification_case(actual, proba, ["no", "yes"])


def multiclass():
    n = 480
    k = 4
    actual = rng.choice(k, size=n, p=[0.4, 0.3, 0.2, 0.1])
    rows = []
    for a in actual:
        # twenty units of probability: values are multiples of 0.05, so scores tie often and argmax ties occur;
        # class 3 gets at most one unit, so it is never predicted (its precision is 0/0)
        weights = rng.dirichlet([1.0, 1.0, 1.0])
        if a < 3:
            weights[a] += 0.6
        weights = weights / weights.sum()
        last = int(rng.random() < (0.9 if a == 3 else 0.3))
        units = np.floor(weights * (20 - last)).astype(int)
        units[rng.integers(0, 3)] += 20 - last - units.sum()
        rows.append(np.append(units, last) / 20.0)
    proba = np.array(rows)
    return classification_case(actual, proba, ["setosa", "versicolor", "virginica", "rare"])


def regression():
    n = 400
    actual = rng.normal(50, 12, n)
    predicted = actual + rng.normal(0.5, 4, n)
    return {
        "task": "regression",
        "actual": actual.tolist(),
        "predicted": predicted.tolist(),
        "expected": {
            "rmse": metrics.mean_squared_error(actual, predicted, squared=False),
            "mae": metrics.mean_absolute_error(actual, predicted),
            "r2": metrics.r2_score(actual, predicted),
        },
    }


def constant_regression():
    # a constant truth: sklearn's r2_score gives 0 (imperfect predictions) rather than -inf
    actual = np.full(20, 3.0)
    predicted = actual + rng.normal(0, 1, 20)
    return {
        "task": "regression",
        "actual": actual.tolist(),
        "predicted": predicted.tolist(),
        "expected": {
            "rmse": metrics.mean_squared_error(actual, predicted, squared=False),
            "mae": metrics.mean_absolute_error(actual, predicted),
            "r2": metrics.r2_score(actual, predicted),
        },
    }


fixtures = {
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "binary": binary(),
    "multiclass": multiclass(),
    "regression": regression(),
    "constant_regression": constant_regression(),
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "metric_fixtures.json"), "w") as f:
    json.dump(fixtures, f)
    f.write("\n")
