#!/usr/bin/env python3
"""Summarises a bench/train run: per dataset and algorithm, median fit and process times,
holdout accuracy, the ratios ours/peer and whether the goals are met.

Times (medians over successful runs):
  peer fit s      model.fit inside peer_train.py (its JSON)
  peer process s  the whole peer_train.py process (GNU time): start, imports, read_csv of
                  train and test, fit, predict
  ours fit s      the training time the model package records, if it records one (see
                  package_fit_seconds); otherwise train process time minus the median
                  time of an empty JVM run (`--version`), marked "~": that estimate still
                  includes reading the CSV and writing the package
  ours process s  train process + validate process (the peer's process also reads the
                  test set and predicts, so both sides do the same work)
Accuracy: the peer's from its JSON; ours from the validate report (the first number
under a key named "accuracy", searched depth-first).
"""
import argparse
import csv
import glob
import json
import math
import os
import re
import statistics
import sys

# Synthetic-data goals from issue 3 (ours vs the scikit-learn line named here).
GOALS = {
    "logistic": {"peer": "logistic", "max_fit_ratio": 2.0, "max_accuracy_gap": 0.005},
    "gbt": {"peer": "gbt", "max_fit_ratio": 1.2, "max_accuracy_gap": 0.0},
}

# Matched against the dotted key path, so {"training": {"seconds": 1.2}} counts too.
_SECONDS_KEY = re.compile(r"(train|fit)[\w.]*?(seconds|secs|_s|time_s)$", re.I)
_MILLIS_KEY = re.compile(r"(train|fit)[\w.]*?(millis|_ms|ms)$", re.I)
_DURATION_KEY = re.compile(r"(train|fit)[\w.]*?(duration|time)$", re.I)
_ISO = re.compile(r"^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$")


def walk(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield path + (k,), k, v
            yield from walk(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, path + (str(i),))


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def package_fit_seconds(pkg):
    """(seconds, 'file:key.path') for a training time recorded in the package, else None."""
    for path in sorted(glob.glob(os.path.join(pkg, "**", "*.json"), recursive=True)):
        doc = read_json(path)
        for keys, key, value in walk(doc):
            dotted = ".".join(keys)
            where = f"{os.path.relpath(path, pkg)}:{dotted}"
            if isinstance(value, bool):
                continue
            if isinstance(value, (int, float)):
                if _SECONDS_KEY.search(dotted):
                    return float(value), where
                if _MILLIS_KEY.search(dotted):
                    return float(value) / 1000, where
            if isinstance(value, str) and _DURATION_KEY.search(dotted):
                m = _ISO.match(value)
                if m and any(m.groups()):
                    h, mi, s = (float(g) if g else 0.0 for g in m.groups())
                    return h * 3600 + mi * 60 + s, where
    return None


def report_accuracy(path):
    doc = read_json(path)
    for _, key, value in walk(doc):
        if key.lower() == "accuracy" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value) / 100 if value > 1 else float(value)
        if key.lower() == "accuracy" and isinstance(value, dict):
            for inner in ("value", "estimate", "point"):
                if isinstance(value.get(inner), (int, float)):
                    return float(value[inner])
    return None


def median(xs):
    xs = [x for x in xs if x is not None and not math.isnan(x)]
    return statistics.median(xs) if xs else None


def fmt(x, spec=".3f", missing="-"):
    return missing if x is None else format(x, spec)


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--times", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--threads", default="all")
    ap.add_argument("--load-before", default="unknown")
    a = ap.parse_args(argv)

    with open(a.times, newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t")]
    ok = [r for r in rows if r["ok"] == "1"]
    failed = len(rows) - len(ok)

    jvm_empty = median([float(r["wall_s"]) for r in ok if r["dataset"] == "jvm"])
    datasets = []
    for r in rows:
        if r["dataset"] != "jvm" and r["dataset"] not in datasets:
            datasets.append(r["dataset"])

    lines = {}  # (dataset, tool, algorithm) -> dict
    for d in datasets:
        for alg in ("logistic", "gbt", "gbt-matched"):
            runs = [r for r in ok if r["dataset"] == d and r["tool"] == "peer" and r["algorithm"] == alg]
            if not runs:
                continue
            docs = [read_json(r["output"]) for r in runs]
            docs = [x for x in docs if x]
            last = docs[-1] if docs else {}
            lines[(d, "peer", alg)] = {
                "fit": median([x["fit_s"] for x in docs]), "fit_note": "",
                "process": median([float(r["wall_s"]) for r in runs]),
                "mb": max(int(r["peak_kb"]) for r in runs) / 1024,
                "accuracy": last.get("accuracy"), "runs": len(runs),
                "detail": (f"{last.get('iterations')} iterations" if alg == "logistic"
                           else f"{last.get('trees')} trees, early stopping "
                                f"{'on' if last.get('early_stopping') else 'off'}"),
            }
        for alg in ("logistic", "gbt"):
            trains = {r["run"]: r for r in ok if r["dataset"] == d and r["tool"] == "ours"
                      and r["algorithm"] == alg and r["step"] == "train"}
            vals = {r["run"]: r for r in ok if r["dataset"] == d and r["tool"] == "ours"
                    and r["algorithm"] == alg and r["step"] == "validate"}
            both = sorted(set(trains) & set(vals))
            if not both:
                continue
            fits, notes, where = [], set(), None
            for run in both:
                recorded = package_fit_seconds(trains[run]["output"])
                if recorded:
                    fits.append(recorded[0])
                    where = recorded[1]
                elif jvm_empty is not None:
                    fits.append(float(trains[run]["wall_s"]) - jvm_empty)
                    notes.add("~")
            lines[(d, "ours", alg)] = {
                "fit": median(fits), "fit_note": "~" if notes else "",
                "process": median([float(trains[r]["wall_s"]) + float(vals[r]["wall_s"]) for r in both]),
                "mb": max(int(trains[r]["peak_kb"]) for r in both) / 1024,
                "accuracy": report_accuracy(vals[both[-1]]["output"]), "runs": len(both),
                "detail": f"fit time from {where}" if where else
                          (f"fit ~ train process - empty JVM ({fmt(jvm_empty, '.2f')} s)" if notes else ""),
            }

    data = read_json(a.data) or {}
    print(f"Synthetic: make_classification, {data.get('train_rows')} train + {data.get('test_rows')} test "
          f"rows, 20 features, seed {data.get('seed')}; scikit-learn {data.get('sklearn')}, "
          f"{os.cpu_count()} CPUs, threads: {a.threads}")
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Load average (1, 5, 15 min) before: {a.load_before}; after: {load_after}. "
          f"Above the CPU count, other processes competed for the CPUs and times are noisy.")
    print()
    print(f"{'dataset':14} {'tool':5} {'algorithm':12} {'fit s':>8} {'process s':>10} {'accuracy':>9} "
          f"{'peak MB':>8} {'runs':>4}  notes")
    for (d, tool, alg), v in lines.items():
        print(f"{d:14} {tool:5} {alg:12} {v['fit_note'] + fmt(v['fit']):>8} {fmt(v['process'], '.2f'):>10} "
              f"{fmt(v['accuracy'], '.4f'):>9} {v['mb']:8.0f} {v['runs']:>4}  {v['detail']}")
    if jvm_empty is not None:
        print(f"(empty JVM run, `--version`: {jvm_empty:.2f} s)")

    print()
    print("Ratios ours / peer (time: lower is better; accuracy: ours minus peer, in points):")
    print(f"{'dataset':14} {'ours':9} {'vs peer':12} {'fit x':>7} {'process x':>10} {'acc diff':>9}  goal")
    all_met = True
    any_goal = False
    for d in datasets:
        for alg in ("logistic", "gbt"):
            ours = lines.get((d, "ours", alg))
            if not ours:
                continue
            for peer_alg in ((alg,) if alg == "logistic" else ("gbt", "gbt-matched")):
                peer = lines.get((d, "peer", peer_alg))
                if not peer:
                    continue
                fit_x = ours["fit"] / peer["fit"] if ours["fit"] is not None and peer["fit"] else None
                proc_x = ours["process"] / peer["process"] if peer["process"] else None
                diff = (ours["accuracy"] - peer["accuracy"]
                        if ours["accuracy"] is not None and peer["accuracy"] is not None else None)
                verdict = ""
                goal = GOALS.get(alg)
                if d == "synthetic" and goal and goal["peer"] == peer_alg:
                    any_goal = True
                    met_time = fit_x is not None and fit_x <= goal["max_fit_ratio"]
                    if alg == "gbt":
                        met_acc = diff is not None and diff >= -goal["max_accuracy_gap"]
                        want = f"fit <= {goal['max_fit_ratio']}x, accuracy >= peer"
                    else:
                        met_acc = diff is not None and abs(diff) <= goal["max_accuracy_gap"]
                        want = f"fit <= {goal['max_fit_ratio']}x, |acc diff| <= 0.5 points"
                    met = met_time and met_acc
                    all_met &= met
                    verdict = f"{'MET' if met else 'NOT MET'} ({want})"
                print(f"{d:14} {alg:9} {peer_alg:12} {fmt(fit_x, '.2f'):>7} {fmt(proc_x, '.2f'):>10} "
                      f"{fmt(None if diff is None else diff * 100, '+.2f'):>9}  {verdict}")
    if not any_goal:
        print("(no ours line on the synthetic data: goals not evaluated)")
    if failed:
        print(f"\n{failed} run(s) failed; see the logs next to {a.times}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
