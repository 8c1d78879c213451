"""Scores an mlstages gbt model package with Python's xgboost, reading only the package's own files.

Usage: python3 xgboost_predict.py PACKAGE_DIR DATA.csv OUT.json [contribs]

It encodes each row as model.json describes (numbers as they are, missing as NaN; one 0/1 input per
category, all NaN when missing, all 0 when the category is unseen), loads xgboost-model.json, and writes
the predictions as a JSON list of rows. The Java test compares them with the engine's own scoring. With
`contribs`, it writes each row's tree SHAP contributions instead (`pred_contribs`): per class for multiclass,
one value per input and the bias last, flattened per row.

xgboost >= 3.0 (what the engine trains with) loads the file as it is. Older versions (Debian 12 ships
1.7.4) read `base_score` only as one number, while 3.x writes a list (the intercept, one per class for
multiclass): for them the list is moved out of the file and given as each row's base margin instead,
which is the same sum.
"""
import csv
import json
import math
import sys

import numpy as np
import xgboost as xgb

MISSING = {"NA", "N/A", "NaN", "nan", "null", "NULL", "None", ""}


def encode(features, row):
    inputs = []
    for feature in features:
        cell = row[feature["name"]].strip()
        if feature["type"] == "numeric":
            inputs.append(math.nan if cell in MISSING else float(cell))
        else:
            categories = feature["categories"]
            if cell in MISSING:
                inputs.extend([math.nan] * len(categories))
            else:
                inputs.extend(1.0 if cell == category else 0.0 for category in categories)
    return inputs


def main(package, data, out, mode="predict"):
    with open(f"{package}/model.json", encoding="utf-8") as f:
        meta = json.load(f)
    with open(data, newline="", encoding="utf-8") as f:
        rows = [encode(meta["features"], row) for row in csv.DictReader(f) if row[meta["target"]].strip() not in MISSING]
    with open(f"{package}/{meta['modelFile']}", encoding="utf-8") as f:
        model = json.load(f)
    matrix = xgb.DMatrix(np.array(rows, dtype=np.float32), missing=np.nan)
    if int(xgb.__version__.split(".")[0]) < 3:
        param = model["learner"]["learner_model_param"]
        intercept = [float(v) for v in param["base_score"].strip("[]").split(",")]
        if meta["task"] == "multiclass":
            # softmax intercepts are margins: pass them per row, and leave 0 in the model
            param["base_score"] = "0"
            matrix.set_base_margin(np.tile(np.array(intercept, dtype=np.float32), (len(rows), 1)))
        else:
            param["base_score"] = repr(intercept[0])
        booster = xgb.Booster(model_file=bytearray(json.dumps(model).encode("utf-8")))
    else:
        booster = xgb.Booster(model_file=f"{package}/{meta['modelFile']}")
    if mode == "contribs":
        contributions = booster.predict(matrix, pred_contribs=True)
        predictions = contributions.reshape(len(rows), -1)
    else:
        predictions = booster.predict(matrix)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(predictions.tolist(), f)


if __name__ == "__main__":
    main(*sys.argv[1:5])
