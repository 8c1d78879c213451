#!/usr/bin/env python3
"""Reference figures for the training tables here, from scikit-learn.

For each classification table: holdout accuracy (fit on *-train.csv, score on
*-test.csv) and 5-fold stratified cross-validated accuracy on the whole file, for
  - logistic: one-hot categoricals + standardised numerics, LogisticRegression(lbfgs)
  - hgb:      HistGradientBoostingClassifier, defaults, categoricals given natively
plus the majority-class baseline. For Chicago: Ridge (alpha=1) on one-hot
day_of_week/month + standardised numerics, R^2 and RMSE on 2008 after fitting 2005-2007.
Run from this folder: /usr/bin/python3 check_training.py
"""
import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

SEED = 0


def models(categorical, numeric):
    logistic = make_pipeline(
        ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
                           ("num", StandardScaler(), numeric)]),
        LogisticRegression(solver="lbfgs", max_iter=2000))
    # Native categorical support needs integer codes; the ordinal encoder puts the
    # categorical columns first, so their mask is the first len(categorical) positions.
    mask = [True] * len(categorical) + [False] * len(numeric)
    hgb = make_pipeline(
        ColumnTransformer([("cat", OrdinalEncoder(handle_unknown="use_encoded_value",
                                                  unknown_value=np.nan), categorical),
                           ("num", "passthrough", numeric)]),
        HistGradientBoostingClassifier(categorical_features=mask if categorical else None,
                                       random_state=SEED))
    return {"logistic": logistic, "hgb": hgb}


def classification(name, target):
    full = pd.read_csv(f"{name}.csv")
    train = pd.read_csv(f"{name}-train.csv")
    test = pd.read_csv(f"{name}-test.csv")
    features = [c for c in full.columns if c != target]
    categorical = [c for c in features if full[c].dtype == object]
    numeric = [c for c in features if c not in categorical]
    majority = test[target].value_counts().iloc[0] / len(test)
    print(f"\n{name}: {len(full)} rows ({len(train)} train / {len(test)} test), "
          f"{len(numeric)} numeric + {len(categorical)} categorical features, "
          f"target '{target}' {full[target].value_counts().to_dict()}")
    print(f"  majority-class baseline on test: {majority:.3f}")
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    for label, model in models(categorical, numeric).items():
        model.fit(train[features], train[target])
        holdout = model.score(test[features], test[target])
        cv = cross_val_score(model, full[features], full[target], cv=folds)
        print(f"  {label:9s} holdout accuracy {holdout:.3f}   5-fold CV {cv.mean():.3f} +- {cv.std():.3f}")


def regression():
    train = pd.read_csv("chicago-ridership-train.csv")
    test = pd.read_csv("chicago-ridership-test.csv")
    target = "ridership"
    categorical = ["day_of_week", "month"]
    numeric = [c for c in train.columns if c not in categorical + [target, "date"]]
    print(f"\nchicago-ridership: {len(train)} train (2005-2007) / {len(test)} test (2008), "
          f"{len(numeric)} numeric + {len(categorical)} categorical features, target '{target}'")
    print(f"  test ridership mean {test[target].mean():.2f}, sd {test[target].std(ddof=0):.2f}")
    ridge = make_pipeline(
        ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
                           ("num", StandardScaler(), numeric)]),
        Ridge(alpha=1.0))
    hgb = make_pipeline(
        ColumnTransformer([("cat", OrdinalEncoder(), categorical), ("num", "passthrough", numeric)]),
        HistGradientBoostingRegressor(categorical_features=[True, True] + [False] * len(numeric),
                                      random_state=SEED))
    # Predicting the training mean: R^2 slightly below 0 on another year.
    for label, model in (("ridge", ridge), ("hgb", hgb)):
        model.fit(train, train[target])
        pred = model.predict(test)
        rmse = mean_squared_error(test[target], pred) ** 0.5
        print(f"  {label:9s} test R^2 {r2_score(test[target], pred):.3f}   RMSE {rmse:.3f}")
    mean_pred = np.full(len(test), train[target].mean())
    print(f"  train-mean baseline R^2 {r2_score(test[target], mean_pred):.3f}")


print(f"scikit-learn {sklearn.__version__}, pandas {pd.__version__}, numpy {np.__version__}")
classification("breast-cancer", "diagnosis")
classification("german-credit", "class")
regression()
