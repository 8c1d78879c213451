#!/usr/bin/env python3
"""Writes breast-cancer.csv and its train/test split from scikit-learn's bundled copy.

Source: sklearn/datasets/data/breast_cancer.csv of Debian python3-sklearn (see NOTICE).
That file's first line is "569,30,malignant,benign" (rows, features, class names) and
its last column is the class index. Here it becomes a plain CSV: a header with
load_breast_cancer()'s feature names (spaces replaced by underscores, so the names work
unquoted on a command line) and a `diagnosis` column holding the class name.

Feature values are copied as the strings in the source file, not re-formatted, so no
digit is gained or lost. Run from this folder with Debian's python:
    /usr/bin/python3 make_breast_cancer.py
"""
import csv
import os

import sklearn
from sklearn.datasets import load_breast_cancer

from split_rows import stratified_split

SEED = 20260102
TEST_FRACTION = 0.25

source = os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data", "breast_cancer.csv")
bunch = load_breast_cancer()
features = [name.replace(" ", "_") for name in bunch.feature_names]

with open(source, newline="") as f:
    reader = csv.reader(f)
    first = next(reader)
    n_rows, n_features = int(first[0]), int(first[1])
    class_names = first[2:]
    rows = list(reader)

if n_features != len(features) or len(rows) != n_rows:
    raise SystemExit(f"{source}: header says {n_rows} x {n_features}, "
                     f"found {len(rows)} rows and sklearn lists {len(features)} features")
if list(class_names) != list(bunch.target_names):
    raise SystemExit(f"{source}: class names {class_names} differ from {list(bunch.target_names)}")

table = []
for line_no, row in enumerate(rows, start=2):
    if len(row) != n_features + 1:
        raise SystemExit(f"{source}:{line_no}: {len(row)} fields, expected {n_features + 1}")
    values = row[:n_features]
    # Same numbers as sklearn's own loader reads, row for row.
    if [float(v) for v in values] != list(bunch.data[line_no - 2]):
        raise SystemExit(f"{source}:{line_no}: values differ from load_breast_cancer()")
    table.append(values + [class_names[int(row[n_features])]])

header = features + ["diagnosis"]


def write(name, selected):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(selected)
    counts = {c: sum(1 for r in selected if r[-1] == c) for c in class_names}
    print(f"{name}: {len(selected)} rows, {counts}")


write("breast-cancer.csv", table)
train, test = stratified_split([r[-1] for r in table], TEST_FRACTION, SEED)
write("breast-cancer-train.csv", [table[i] for i in train])
write("breast-cancer-test.csv", [table[i] for i in test])
