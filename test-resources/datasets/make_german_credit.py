#!/usr/bin/env python3
"""Writes german-credit.csv and its train/test split from Weka's credit-g.arff.

Source: examples/credit-g.arff of the Debian package weka 3.6.14-3 (see NOTICE). Get it
without installing weka:
    apt-get download weka && dpkg -x weka_*.deb /tmp/weka
    /usr/bin/python3 make_german_credit.py /tmp/weka/usr/share/doc/weka/examples/credit-g.arff
(default path: /usr/share/doc/weka/examples/credit-g.arff[.gz], where an installed weka
puts it). Run from this folder. Standard library only.

The ARFF reader below handles what ARFF allows in this kind of file: % comments,
@relation, @attribute NAME numeric|real|integer|{nominal set} with optionally quoted
names and values, and comma-separated @data rows with '...' or "..." quoting and ? for
missing. Every value is checked against its declared type; a bad one stops the script
with the line number. Numbers are copied as written; nominal values lose their quotes.
"""
import csv
import gzip
import os
import sys

from split_rows import stratified_split

SEED = 20260103
TEST_FRACTION = 0.25
DEFAULT_SOURCES = ("/usr/share/doc/weka/examples/credit-g.arff",
                   "/usr/share/doc/weka/examples/credit-g.arff.gz")


def split_fields(text, where):
    """Splits on commas outside quotes; returns (value, was_quoted) pairs.

    Whitespace around a value is dropped; inside quotes it is kept, and a backslash
    escapes the next character. Text between a closing quote and the comma is an error.
    """
    fields, cur, quote, quoted, closed = [], [], None, False, False
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and i + 1 < len(text):
                cur.append(text[i + 1])
                i += 1
            elif c == quote:
                quote, closed = None, True
            else:
                cur.append(c)
        elif c == ",":
            value = "".join(cur)
            fields.append((value if quoted else value.strip(), quoted))
            cur, quoted, closed = [], False, False
        elif closed:
            if not c.isspace():
                raise SystemExit(f"{where}: text after a closing quote: '{text}'")
        elif c in "'\"":
            if "".join(cur).strip():
                raise SystemExit(f"{where}: quote inside an unquoted value: '{text}'")
            cur, quote, quoted = [], c, True
        else:
            cur.append(c)
        i += 1
    if quote:
        raise SystemExit(f"{where}: unclosed quote: '{text}'")
    value = "".join(cur)
    fields.append((value if quoted else value.strip(), quoted))
    return fields


def parse_attribute(rest, where):
    rest = rest.strip()
    if rest[0] in "'\"":
        end = rest.index(rest[0], 1)
        name, kind = rest[1:end], rest[end + 1:].strip()
    else:
        name, _, kind = rest.partition(" ")
        kind = kind.strip()
    if kind.startswith("{"):
        if not kind.endswith("}"):
            raise SystemExit(f"{where}: nominal set of '{name}' does not end with '}}'")
        return name, [v for v, _ in split_fields(kind[1:-1], where)]
    if kind.lower() in ("numeric", "real", "integer"):
        return name, None
    raise SystemExit(f"{where}: attribute '{name}' has unsupported type '{kind}'")


def read_arff(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    attributes, rows, in_data = [], [], False
    for line_no, raw in enumerate(lines, start=1):
        line = raw.strip()
        where = f"{path}:{line_no}"
        if not line or line.startswith("%"):
            continue
        if not in_data:
            keyword, _, rest = line.partition(" ")
            keyword = keyword.lower()
            if keyword == "@attribute":
                attributes.append(parse_attribute(rest, where))
            elif keyword == "@data":
                in_data = True
            elif keyword != "@relation":
                raise SystemExit(f"{where}: unexpected header line '{line}'")
            continue
        if line.startswith("{"):
            raise SystemExit(f"{where}: sparse ARFF rows are not supported")
        fields = split_fields(line, where)
        if len(fields) != len(attributes):
            raise SystemExit(f"{where}: {len(fields)} values, expected {len(attributes)}")
        row = []
        for (value, quoted), (name, nominal) in zip(fields, attributes):
            if value == "?" and not quoted:
                row.append("")
            elif nominal is None:
                try:
                    float(value)
                except ValueError:
                    raise SystemExit(f"{where}: '{value}' in numeric attribute '{name}'") from None
                row.append(value)
            elif value not in nominal:
                raise SystemExit(f"{where}: '{value}' is not one of {nominal} ('{name}')")
            else:
                row.append(value)
        rows.append(row)
    return [name for name, _ in attributes], rows


def main():
    if len(sys.argv) > 1:
        source = sys.argv[1]
    else:
        source = next((p for p in DEFAULT_SOURCES if os.path.exists(p)), None)
        if source is None:
            raise SystemExit("credit-g.arff not found; pass its path (see the docstring)")
    header, rows = read_arff(source)
    if header[-1] != "class":
        raise SystemExit(f"{source}: last attribute is '{header[-1]}', expected 'class'")

    def write(name, selected):
        with open(name, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(selected)
        counts = {}
        for r in selected:
            counts[r[-1]] = counts.get(r[-1], 0) + 1
        print(f"{name}: {len(selected)} rows, {counts}")

    write("german-credit.csv", rows)
    train, test = stratified_split([r[-1] for r in rows], TEST_FRACTION, SEED)
    write("german-credit-train.csv", [rows[i] for i in train])
    write("german-credit-test.csv", [rows[i] for i in test])


if __name__ == "__main__":
    main()
