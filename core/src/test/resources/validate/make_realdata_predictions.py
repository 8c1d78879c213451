"""Predictions of scikit-learn models on the real test tables, as predictions files, with sklearn's metrics.

For breast cancer and German credit: a strong model (one-hot + standardised logistic regression, as
test-resources/datasets/check_training.py) and a weak one (logistic regression on a single weak feature);
for Chicago ridership: ridge regression and the training mean. Each writes <table>-<model>.csv (columns
actual, p_<class>... or actual, predicted; probabilities with 17 significant digits so that they read back
exactly) and realdata_metrics.json holds sklearn.metrics on the same numbers.

Run from this folder:  /usr/bin/python3 make_realdata_predictions.py
"""
import json
import os
import warnings

import numpy as np
import pandas as pd
from sklearn import metrics
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "..", "test-resources", "datasets")


def pipeline(categorical, numeric):
    return make_pipeline(
        ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
                           ("num", StandardScaler(), numeric)]),
        LogisticRegression(solver="lbfgs", max_iter=2000))


def classification(name, target, weak_feature):
    train = pd.read_csv(os.path.join(DATA, f"{name}-train.csv"))
    test = pd.read_csv(os.path.join(DATA, f"{name}-test.csv"))
    features = [c for c in train.columns if c != target]
    categorical = [c for c in features if train[c].dtype == object]
    numeric = [c for c in features if c not in categorical]
    out = {}
    for label, model, used in (("strong", pipeline(categorical, numeric), features),
                               ("weak", pipeline([], [weak_feature]), [weak_feature])):
        model.fit(train[used], train[target])
        classes = list(model.classes_)  # sorted: the second is sklearn's positive class
        proba = model.predict_proba(test[used])
        actual = np.array([classes.index(v) for v in test[target]])
        predicted = np.argmax(proba, axis=1)
        frame = pd.DataFrame({"actual": test[target]})
        for c, cls in enumerate(classes):
            frame["p_" + cls] = proba[:, c]
        frame.to_csv(os.path.join(HERE, f"{name}-{label}.csv"), index=False, float_format="%.17g")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out[label] = {
                "classes": classes,
                "accuracy": metrics.accuracy_score(actual, predicted),
                "precision": metrics.precision_score(actual, predicted),
                "recall": metrics.recall_score(actual, predicted),
                "f1": metrics.f1_score(actual, predicted),
                "f1_macro": metrics.f1_score(actual, predicted, average="macro"),
                "f1_weighted": metrics.f1_score(actual, predicted, average="weighted"),
                "roc_auc": metrics.roc_auc_score(actual, proba[:, 1]),
                "log_loss": metrics.log_loss(actual, proba, labels=[0, 1]),
            }
    return out


def regression():
    train = pd.read_csv(os.path.join(DATA, "chicago-ridership-train.csv"))
    test = pd.read_csv(os.path.join(DATA, "chicago-ridership-test.csv"))
    target = "ridership"
    categorical = ["day_of_week", "month"]
    numeric = [c for c in train.columns if c not in categorical + [target, "date"]]
    ridge = make_pipeline(
        ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
                           ("num", StandardScaler(), numeric)]),
        Ridge(alpha=1.0))
    ridge.fit(train, train[target])
    out = {}
    for label, pred in (("ridge", ridge.predict(test)), ("mean", np.full(len(test), train[target].mean()))):
        pd.DataFrame({"actual": test[target], "predicted": pred}).to_csv(
            os.path.join(HERE, f"chicago-ridership-{label}.csv"), index=False, float_format="%.17g")
        out[label] = {
            "rmse": metrics.mean_squared_error(test[target], pred, squared=False),
            "mae": metrics.mean_absolute_error(test[target], pred),
            "r2": metrics.r2_score(test[target], pred),
        }
    return out


result = {
    "breast-cancer": classification("breast-cancer", "diagnosis", "mean_fractal_dimension"),
    "german-credit": classification("german-credit", "class", "residence_since"),
    "chicago-ridership": regression(),
}
with open(os.path.join(HERE, "realdata_metrics.json"), "w") as f:
    json.dump(result, f, indent=1)
    f.write("\n")
print(json.dumps(result, indent=1))
