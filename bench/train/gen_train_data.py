"""Writes the training benchmark's data: train.csv (100,000 rows) and test.csv (25,000 rows), 20 numeric
features f00..f19 and a 0/1 label, from scikit-learn's make_classification with a fixed seed
(10 informative features, 5 redundant, 2 clusters per class, 1 % label noise).

Usage: python3 gen_train_data.py OUT_DIR [TRAIN_ROWS]
"""
import sys

import numpy as np
from sklearn.datasets import make_classification


def main(out, rows=100_000):
    test_rows = rows // 4
    x, y = make_classification(n_samples=rows + test_rows, n_features=20, n_informative=10, n_redundant=5,
                               n_clusters_per_class=2, flip_y=0.01, random_state=20261127)
    header = ",".join([f"f{i:02d}" for i in range(20)] + ["label"])
    for name, part in (("train.csv", slice(0, rows)), ("test.csv", slice(rows, rows + test_rows))):
        table = np.column_stack([np.round(x[part], 5), y[part]])
        np.savetxt(f"{out}/{name}", table, delimiter=",", header=header, comments="",
                   fmt=["%.5f"] * 20 + ["%d"])


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:3]))
