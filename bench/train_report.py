#!/usr/bin/env python3
"""Summarises a bench/train run: per dataset and algorithm, median fit and process times,
holdout accuracy, the ratios ours/peer and whether the goals are met.

Times (medians over successful runs):
  peer fit s      model.fit inside peer_train.py (its JSON)
  peer train s    read_csv of the training file + model.fit: training in-process
  peer process s  the whole peer_train.py process (GNU time): start, imports, read_csv of
                  train and test, fit, predict
  ours fit s      a fit time our package or train summary records under a key naming the
                  fit (see ours_fit_seconds); if there is none, marked "≈": the train
                  summary's "seconds" minus the same for a training with a one-iteration
                  fit (-p maxIterations=1 / rounds=1), which does all the rest (read,
                  profile, encode, measure on the training rows, write); without that, the
                  summary's whole in-process time, marked "<=" (an upper bound); without a
                  summary, train process time minus an empty JVM run, marked "~"
  fit cpu         CPU time of the fit (user + sys, all threads). Peer: time.process_time
                  around model.fit. Ours, marked "≈": CPU time of the train process minus
                  that of the one-iteration base process (GNU time). On a busy machine CPU
                  time moves much less than wall time.
  ours train s    the train summary's "seconds": read and profile the file, encode, fit,
                  measure, write the package, in-process
  ours process s  train process + validate process (the peer's process also reads the
                  test set and predicts, so both sides do the same work)
  process cpu s   the same processes' CPU time, user + sys of every thread and waited-for
                  child (GNU time %U + %S), measured in the same run as the wall time
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

# Goals (ours vs the scikit-learn line named here): logistic from issue 3, gbt from issue 16. Fit and whole-process
# time are judged on the synthetic data; accuracy on every dataset listed in "accuracy_on".
GOALS = {
    "logistic": {"peer": "logistic", "max_fit_ratio": 2.0, "max_accuracy_gap": 0.005,
                 "accuracy_on": ("synthetic",)},
    "gbt": {"peer": "gbt", "max_fit_ratio": 1.0, "max_process_ratio": 1.5, "max_accuracy_gap": 0.0,
            "accuracy_on": ("synthetic", "german-credit")},
}

# Keys that record a time, by their last component (case and underscores ignored).
_SECONDS = {"fitseconds", "fits", "fittimes", "trainingseconds", "trainseconds", "seconds", "secs"}
_MILLIS = {"fitmillis", "fitms", "trainingmillis", "trainingms", "trainms", "millis", "ms", "durationms"}
_DURATIONS = {"fitduration", "trainingduration", "trainduration", "duration"}
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


def recorded_times(doc, label):
    """[(rank, seconds, where)] for every time a JSON document records: rank 0 for a key
    that names the fit, 1 for the whole training, 2 for a bare time key."""
    found = []
    for keys, key, value in walk(doc):
        last = key.replace("_", "").lower()
        dotted = ".".join(keys)
        where = f"{label}:{dotted}"
        if isinstance(value, bool):
            continue
        seconds = None
        if isinstance(value, (int, float)) and last in _SECONDS:
            seconds = float(value)
        elif isinstance(value, (int, float)) and last in _MILLIS:
            seconds = float(value) / 1000
        elif isinstance(value, str) and last in _DURATIONS:
            m = _ISO.match(value)
            if m and any(m.groups()):
                h, mi, sec = (float(g) if g else 0.0 for g in m.groups())
                seconds = h * 3600 + mi * 60 + sec
        if seconds is None:
            continue
        path = dotted.lower()
        rank = 0 if "fit" in path else 1 if "train" in path else 2
        found.append((rank, seconds, where))
    return found


def ours_fit_seconds(pkg):
    """Our fit time and how it was obtained, best source first:
    'fit'      a key naming the fit, in the package's JSON files or the train summary;
    'train'    the train summary's total ("seconds": read, profile, encode, fit, measure,
               write the package, all in-process): an upper bound of the fit, shown with <=
    None       nothing recorded."""
    candidates = []
    for path in sorted(glob.glob(os.path.join(pkg, "**", "*.json"), recursive=True)):
        candidates += [c for c in recorded_times(read_json(path), os.path.relpath(path, pkg)) if c[0] < 2]
    summary = read_json(pkg + ".train.json")
    for rank, seconds, where in recorded_times(summary, "train --json"):
        # The summary's top-level "seconds" is the whole in-process training.
        candidates.append((0 if rank == 0 else 1, seconds, where))
    if not candidates:
        return None
    rank, seconds, where = min(candidates, key=lambda c: c[0])
    return seconds, ("fit" if rank == 0 else "train"), where


def summary_seconds(pkg):
    """The train summary's top-level "seconds" (whole in-process training), or None."""
    summary = read_json(pkg + ".train.json")
    value = summary.get("seconds") if isinstance(summary, dict) else None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


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
                "fit_cpu": median([x.get("fit_cpu_s") for x in docs]),
                "train": median([x["read_train_s"] + x["fit_s"] for x in docs if "read_train_s" in x]),
                "process": median([float(r["wall_s"]) for r in runs]),
                "process_cpu": median([float(r.get("cpu_s") or "nan") for r in runs]),
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
            bases = {r["run"]: r for r in ok if r["dataset"] == d and r["tool"] == "ours"
                     and r["algorithm"] == alg and r["step"] == "base"}
            fits, kinds, where = [], set(), None
            for run in both:
                recorded = ours_fit_seconds(trains[run]["output"])
                full = summary_seconds(trains[run]["output"])
                base = summary_seconds(bases[run]["output"]) if run in bases else None
                if recorded and recorded[1] == "fit":
                    fits.append(recorded[0])
                    kinds.add("fit")
                    where = recorded[2]
                elif full is not None and base is not None:
                    fits.append(full - base)
                    kinds.add("difference")
                elif recorded:
                    fits.append(recorded[0])
                    kinds.add("train")
                    where = recorded[2]
                elif jvm_empty is not None:
                    fits.append(float(trains[run]["wall_s"]) - jvm_empty)
                    kinds.add("process")
            # CPU time of the fit: train process minus base process (GNU time, user + sys).
            fit_cpu = median([float(trains[r].get("cpu_s") or "nan") - float(bases[r].get("cpu_s") or "nan")
                              for r in both if r in bases])
            note = ("" if kinds == {"fit"} else "≈" if kinds == {"difference"}
                    else "<=" if kinds == {"train"} else "~")
            cpus = [float(trains[r].get("cpu_s") or "nan") - float(bases[r].get("cpu_s") or "nan")
                    for r in both if r in bases]
            spread = f"per run {min(fits):.3f} to {max(fits):.3f}" if fits else ""
            fit_value = median(fits)
            if note == "≈" and (fit_value is None or min(fits) <= 0):
                # A run whose full training took no longer than the one-iteration one: the
                # fit is smaller than the run-to-run noise, and a ratio would mean nothing.
                fit_value = None
                note = "?"
            if cpus and min(cpus) <= 0:
                fit_cpu = None
            lines[(d, "ours", alg)] = {
                "fit": fit_value, "fit_note": note, "fit_cpu": fit_cpu,
                "train": median([summary_seconds(trains[r]["output"]) for r in both]),
                "process": median([float(trains[r]["wall_s"]) + float(vals[r]["wall_s"]) for r in both]),
                "process_cpu": median([float(trains[r].get("cpu_s") or "nan") + float(vals[r].get("cpu_s") or "nan")
                                       for r in both]),
                "mb": max(int(trains[r]["peak_kb"]) for r in both) / 1024,
                "accuracy": report_accuracy(vals[both[-1]]["output"]), "runs": len(both),
                "detail": (f"fit time from {where}" if note == "" else
                           f"≈ : in-process training minus the same with a 1-iteration fit; {spread}"
                           if note == "≈" else
                           f"? : fit below the noise of that difference ({spread}); "
                           f"needs a fit time reported by the CLI" if note == "?" else
                           f"<= : whole in-process training ({where})" if note == "<=" else
                           f"~ : train process - empty JVM ({fmt(jvm_empty, '.2f')} s)"),
            }

    data = read_json(a.data) or {}
    print(f"Synthetic: make_classification, {data.get('train_rows')} train + {data.get('test_rows')} test "
          f"rows, 20 features, seed {data.get('seed')}; scikit-learn {data.get('sklearn')}, "
          f"{os.cpu_count()} CPUs, threads: {a.threads}")
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Load average (1, 5, 15 min) before: {a.load_before}; after: {load_after}. "
          f"Above the CPU count, other processes competed for the CPUs and times are noisy.")
    print()
    print(f"{'dataset':14} {'tool':5} {'algorithm':12} {'fit s':>8} {'fit cpu':>8} {'train s':>8} "
          f"{'process s':>10} {'proc cpu':>9} {'accuracy':>9} {'peak MB':>8} {'runs':>4}  notes")
    for (d, tool, alg), v in lines.items():
        print(f"{d:14} {tool:5} {alg:12} {(v['fit_note'] + fmt(v['fit'])) if v['fit'] is not None else v['fit_note'] or '-':>8} "
              f"{('≈' if tool == 'ours' and v['fit_cpu'] is not None else '') + fmt(v['fit_cpu'], missing='?' if tool == 'ours' else '-'):>8} "
              f"{fmt(v['train']):>8} "
              f"{fmt(v['process'], '.2f'):>10} "
              f"{fmt(v['process_cpu'], '.2f'):>9} "
              f"{fmt(v['accuracy'], '.4f'):>9} {v['mb']:8.0f} {v['runs']:>4}  {v['detail']}")
    if jvm_empty is not None:
        print(f"(empty JVM run, `--version`: {jvm_empty:.2f} s)")

    print()
    print("Ratios ours / peer (time: lower is better; accuracy: ours minus peer, in points):")
    print(f"{'dataset':14} {'ours':9} {'vs peer':12} {'fit x':>7} {'cpu x':>7} {'train x':>8} "
          f"{'process x':>10} {'proc cpu x':>10} {'acc diff':>9}  goal")
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
                proc_cpu_x = (ours["process_cpu"] / peer["process_cpu"]
                              if ours["process_cpu"] is not None and peer["process_cpu"] else None)
                cpu_x = (ours["fit_cpu"] / peer["fit_cpu"]
                         if ours["fit_cpu"] is not None and peer["fit_cpu"] else None)
                train_x = (ours["train"] / peer["train"]
                           if ours["train"] is not None and peer["train"] else None)
                diff = (ours["accuracy"] - peer["accuracy"]
                        if ours["accuracy"] is not None and peer["accuracy"] is not None else None)
                verdict = ""
                goal = GOALS.get(alg)
                if d != "synthetic" and goal and goal["peer"] == peer_alg and d in goal["accuracy_on"]:
                    met_acc = diff is not None and diff >= -goal["max_accuracy_gap"]
                    all_met &= met_acc
                    verdict = f"accuracy >= peer: {'MET' if met_acc else 'NOT MET'}"
                if d == "synthetic" and goal and goal["peer"] == peer_alg:
                    any_goal = True
                    if fit_x is None and cpu_x is None:
                        verdict = "not judged: our fit time is not resolved (see notes)"
                        print(f"{d:14} {alg:9} {peer_alg:12} {'-':>7} {'-':>7} {fmt(train_x, '.2f'):>8} "
                              f"{fmt(proc_x, '.2f'):>10} {fmt(proc_cpu_x, '.2f'):>10} "
                              f"{fmt(None if diff is None else diff * 100, '+.2f'):>9}  {verdict}")
                        continue
                    met_time = fit_x is not None and fit_x <= goal["max_fit_ratio"]
                    met_cpu = cpu_x is not None and cpu_x <= goal["max_fit_ratio"]
                    if alg == "gbt":
                        met_acc = diff is not None and diff >= -goal["max_accuracy_gap"]
                        want = f"fit <= {goal['max_fit_ratio']}x, accuracy >= peer"
                    else:
                        met_acc = diff is not None and abs(diff) <= goal["max_accuracy_gap"]
                        want = f"fit <= {goal['max_fit_ratio']}x, |acc diff| <= 0.5 points"
                    met_process = met_process_cpu = True
                    if "max_process_ratio" in goal:
                        met_process = proc_x is not None and proc_x <= goal["max_process_ratio"]
                        met_process_cpu = proc_cpu_x is not None and proc_cpu_x <= goal["max_process_ratio"]
                        want += f", process <= {goal['max_process_ratio']}x"
                    met = met_time and met_acc and met_process
                    all_met &= met
                    verdict = (f"{'MET' if met else 'NOT MET' if fit_x is not None else 'not judged'} "
                               f"({want}); on CPU time "
                               f"{'MET' if met_cpu and met_acc and met_process_cpu else 'NOT MET' if cpu_x is not None else 'not judged'}")
                    if ours["fit_note"] in ("<=", "~") and not met_time:
                        verdict += "; our fit figure is an upper bound"
                print(f"{d:14} {alg:9} {peer_alg:12} {fmt(fit_x, '.2f'):>7} {fmt(cpu_x, '.2f'):>7} "
                      f"{fmt(train_x, '.2f'):>8} "
                      f"{fmt(proc_x, '.2f'):>10} {fmt(proc_cpu_x, '.2f'):>10} "
                      f"{fmt(None if diff is None else diff * 100, '+.2f'):>9}  {verdict}")
    if not any_goal:
        print("(no ours line on the synthetic data: goals not evaluated)")
    if failed:
        print(f"\n{failed} run(s) failed; see the logs next to {a.times}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
