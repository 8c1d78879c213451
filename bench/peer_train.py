#!/usr/bin/env python3
"""The scikit-learn baseline for the training benchmark.

Reads train and test CSV with pandas.read_csv (defaults), fits one model on train,
scores accuracy on test, and writes a JSON line with the times of each step:
  read_s     both read_csv calls (read_train_s: the training file alone)
  fit_s      model.fit only (for logistic this includes the scaler and the one-hot
             encoder, which are part of fitting a usable model; both are cheap)
  predict_s  model.predict on test
  fit_cpu_s  CPU time of model.fit, all threads of this process (time.process_time):
             on a shared machine it moves much less than wall time
The whole-process time (interpreter start, imports, all of the above) is measured by
bench/train around this script.

Algorithms:
  logistic      StandardScaler on numeric columns, one-hot on text columns, then
                LogisticRegression(solver="lbfgs", max_iter=--max-iter); C=1, L2,
                tol 1e-4 (scikit-learn defaults).
  gbt           HistGradientBoostingClassifier with scikit-learn's defaults: 100
                iterations at most, learning_rate 0.1, max_leaf_nodes 31, no depth
                limit, min_samples_leaf 20, l2 0, 255 bins, and early_stopping
                "auto", which is ON above 10,000 rows (10% of train held out,
                stops after 10 rounds without improvement).
  gbt-matched   the same estimator with early stopping off and the tree count,
                learning rate and depth given by --trees, --learning-rate, --max-depth
                (max_leaf_nodes None when a depth is given, so trees grow level by level
                up to that depth), to compare like with like with a depth-wise booster.
Text columns are one-hot encoded for logistic and given to HistGradientBoosting as
native categoricals (ordinal codes). Labels may be text; accuracy is computed on them.

Usage: peer_train.py --algorithm A --train TRAIN.csv --test TEST.csv --target Y --json OUT
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler


def build(algorithm, categorical, numeric, a):
    if algorithm == "logistic":
        steps = [("num", StandardScaler(), numeric)]
        if categorical:
            steps.insert(0, ("cat", OneHotEncoder(handle_unknown="ignore"), categorical))
        return make_pipeline(ColumnTransformer(steps),
                             LogisticRegression(solver="lbfgs", max_iter=a.max_iter))
    if algorithm == "gbt":
        params = {}
    else:
        params = {"early_stopping": False, "max_iter": a.trees, "learning_rate": a.learning_rate}
        if a.max_depth > 0:
            params.update(max_depth=a.max_depth, max_leaf_nodes=None)
    if not categorical:
        return HistGradientBoostingClassifier(random_state=a.seed, **params)
    # Ordinal codes first, so the categorical mask is the first len(categorical) columns.
    return make_pipeline(
        ColumnTransformer([("cat", OrdinalEncoder(handle_unknown="use_encoded_value",
                                                  unknown_value=np.nan), categorical),
                           ("num", "passthrough", numeric)]),
        HistGradientBoostingClassifier(categorical_features=[True] * len(categorical)
                                       + [False] * len(numeric), random_state=a.seed, **params))


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--algorithm", choices=["logistic", "gbt", "gbt-matched"], required=True)
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--exclude", action="append", default=[], help="column not used as a feature")
    ap.add_argument("--max-iter", type=int, default=1000, help="lbfgs iterations at most")
    ap.add_argument("--trees", type=int, default=100)
    ap.add_argument("--learning-rate", type=float, default=0.1)
    ap.add_argument("--max-depth", type=int, default=6, help="0: no depth limit (31 leaves)")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)

    t0 = time.perf_counter()
    train = pd.read_csv(a.train)
    t_train_read = time.perf_counter()
    test = pd.read_csv(a.test)
    t1 = time.perf_counter()
    for name, frame in (("train", train), ("test", test)):
        missing = [c for c in [a.target] + a.exclude if c not in frame.columns]
        if missing:
            sys.exit(f"peer_train.py: {getattr(a, name)} has no column {missing[0]!r}")
    features = [c for c in train.columns if c != a.target and c not in a.exclude]
    categorical = [c for c in features if train[c].dtype == object]
    numeric = [c for c in features if c not in categorical]
    model = build(a.algorithm, categorical, numeric, a)

    t2, c2 = time.perf_counter(), time.process_time()
    model.fit(train[features], train[a.target])
    t3, c3 = time.perf_counter(), time.process_time()
    predicted = model.predict(test[features])
    t4 = time.perf_counter()
    accuracy = float(np.mean(predicted == test[a.target].to_numpy()))

    estimator = model.steps[-1][1] if hasattr(model, "steps") else model
    detail = {}
    if a.algorithm == "logistic":
        detail["iterations"] = int(estimator.n_iter_[0])
        detail["converged"] = bool(estimator.n_iter_[0] < a.max_iter)
    else:
        detail["trees"] = int(estimator.n_iter_)
        detail["early_stopping"] = bool(estimator.do_early_stopping_)
        detail["params"] = {k: estimator.get_params()[k] for k in
                            ("max_iter", "learning_rate", "max_depth", "max_leaf_nodes",
                             "min_samples_leaf", "l2_regularization", "max_bins")}
    out = {"tool": "scikit-learn", "version": sklearn.__version__, "algorithm": a.algorithm,
           "train_rows": len(train), "test_rows": len(test), "features": len(features),
           "categorical": len(categorical), "read_s": t1 - t0,
           "read_train_s": t_train_read - t0, "fit_s": t3 - t2, "fit_cpu_s": c3 - c2,
           "predict_s": t4 - t3, "accuracy": accuracy, "threads": os.cpu_count(), **detail}
    with open(a.json, "w") as f:
        json.dump(out, f, indent=2)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
