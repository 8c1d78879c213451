#!/usr/bin/env python3
"""Writes seattle-weather-2012.csv and seattle-weather-2015.csv from seattle-weather.csv.

Plain csv module on purpose: the rows are copied byte for byte (no float reformatting),
so the splits are exactly the upstream lines of those years. Run from this folder.
"""
import csv

YEARS = ("2012", "2015")

with open("seattle-weather.csv", newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)

for year in YEARS:
    out = [r for r in rows if r[0].startswith(year + "-")]
    with open(f"seattle-weather-{year}.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(out)
    print(f"seattle-weather-{year}.csv: {len(out)} rows")
