"""Deterministic stratified train/test split shared by the make_*.py scripts here.

Standard library only, so a split does not change with the numpy or scikit-learn
version: random.Random(seed).shuffle is stable across Python 3 releases for an int seed.
"""
import random


def stratified_split(labels, test_fraction, seed):
    """Returns (train_indices, test_indices), each in ascending (file) order.

    Per class, round(n_class * test_fraction) rows go to test, chosen by a seeded shuffle
    of that class's row indices; classes are visited in sorted order so the result does
    not depend on which class comes first in the file.
    """
    rng = random.Random(seed)
    by_class = {}
    for i, label in enumerate(labels):
        by_class.setdefault(label, []).append(i)
    test = []
    for label in sorted(by_class):
        idx = list(by_class[label])
        rng.shuffle(idx)
        test.extend(idx[:round(len(idx) * test_fraction)])
    test_set = set(test)
    train = [i for i in range(len(labels)) if i not in test_set]
    return train, sorted(test)
