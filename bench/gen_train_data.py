#!/usr/bin/env python3
"""Writes train.csv and test.csv for the training benchmark.

scikit-learn's make_classification: TRAIN + TEST rows drawn together (so both come from
the same population), 20 features of which 10 informative, the rest as the generator
defaults make them (2 redundant linear combinations, 8 noise; 2 clusters per class, 1%
of labels flipped). The first TRAIN rows go to train.csv, the rest to test.csv (the
generator shuffles rows, so this is a random split).

Columns f00..f19 (6 significant digits) and y with the labels "neg"/"pos": text labels
so that no tool can mistake the binary target for a number to regress on.

Fixed seed: the same arguments give byte-identical files. Skips the work when the files
exist with a matching data.json.

Usage: gen_train_data.py --train N --test M --seed S --out DIR
"""
import argparse
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_classification

N_FEATURES = 20
N_INFORMATIVE = 10


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", type=int, required=True)
    ap.add_argument("--test", type=int, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    if a.train < 2 or a.test < 2:
        ap.error("--train and --test need at least 2 rows each")

    meta = {"generator": "sklearn.datasets.make_classification", "sklearn": sklearn.__version__,
            "numpy": np.__version__, "train_rows": a.train, "test_rows": a.test, "seed": a.seed,
            "n_features": N_FEATURES, "n_informative": N_INFORMATIVE, "target": "y",
            "classes": ["neg", "pos"]}
    os.makedirs(a.out, exist_ok=True)
    meta_path = os.path.join(a.out, "data.json")
    train_path = os.path.join(a.out, "train.csv")
    test_path = os.path.join(a.out, "test.csv")
    if os.path.exists(train_path) and os.path.exists(test_path) and os.path.exists(meta_path):
        with open(meta_path) as f:
            if json.load(f) == meta:
                print(f"   reusing {train_path} and {test_path}")
                return 0

    x, y = make_classification(n_samples=a.train + a.test, n_features=N_FEATURES,
                               n_informative=N_INFORMATIVE, random_state=a.seed)
    header = ",".join(f"f{i:02d}" for i in range(N_FEATURES)) + ",y"
    labels = np.array(["neg", "pos"])[y]
    for path, rows in ((train_path, slice(0, a.train)), (test_path, slice(a.train, None))):
        with open(path, "w") as f:
            f.write(header + "\n")
            for values, label in zip(x[rows], labels[rows]):
                f.write(",".join(f"{v:.6g}" for v in values) + "," + label + "\n")
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=2)
    print(f"   wrote {train_path} ({a.train} rows) and {test_path} ({a.test} rows), "
          f"{os.path.getsize(train_path) / 1e6:.1f} + {os.path.getsize(test_path) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
