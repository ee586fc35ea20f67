#!/usr/bin/env python3
"""Markdown tables of a bench/quiet/run.sh output folder: the geometric means per file (convkit against PyTorch,
1 thread / 2 threads, with a before folder's in brackets when given), every shape below issue 10's 1.0x (conv) or
issue 16's 1.5x forward / 1.0x backward (pools), and one table per file with both thread counts.

Usage: python3 bench/quiet/tables.py OUTDIR [BEFORE_OUTDIR]
"""
import json
import math
import os
import sys

FILES = ["suite", "convperf-extra", "convsmall-extra", "pools-extra", "pools-bwd-extra"]


def load(folder, name, threads):
    path = os.path.join(folder, f"{name}-{threads}.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def geomean(values):
    values = [v for v in values if v]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def means(run):
    out = {}
    for kind in ("conv", "pool"):
        for direction in ("fwd", "bwd"):
            out[(kind, direction)] = geomean([r.get(direction + "_ratio") for r in run["rows"] if r["kind"] == kind])
    return out


def fmt(v, digits=2, suffix=""):
    return "" if v is None else f"{v:.{digits}f}{suffix}"


def files_in(folder):
    names = [n for n in FILES if load(folder, n, 1) or load(folder, n, 2)]
    extra = sorted({f.rsplit("-", 1)[0] for f in os.listdir(folder) if f.endswith(".json")} - set(names))
    return names + extra


def main():
    if len(sys.argv) not in (2, 3) or not os.path.isdir(sys.argv[1]):
        print("usage: python3 bench/quiet/tables.py OUTDIR [BEFORE_OUTDIR]", file=sys.stderr)
        sys.exit(2)
    folder, before = sys.argv[1], (sys.argv[2] if len(sys.argv) == 3 else None)
    names = files_in(folder)
    print("| file | conv fwd | conv bwd | pool fwd | pool bwd |\n|---|---|---|---|---|")
    for name in names:
        now = [load(folder, name, t) for t in (1, 2)]
        was = [load(before, name, t) if before else None for t in (1, 2)]
        cells = []
        for key in (("conv", "fwd"), ("conv", "bwd"), ("pool", "fwd"), ("pool", "bwd")):
            m = [means(r)[key] if r else None for r in now]
            if m[0] is None and m[1] is None:
                cells.append("")
                continue
            cell = f"{fmt(m[0], suffix='x')} / {fmt(m[1], suffix='x')}"
            b = [means(r)[key] if r else None for r in was]
            if b[0] is not None or b[1] is not None:
                cell += f" ({fmt(b[0])} / {fmt(b[1])})"
            cells.append(cell)
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\nBelow the floors (conv < 1.0x; pool forward < 1.5x, pool backward < 1.0x):\n")
    for name in names:
        for t in (1, 2):
            run = load(folder, name, t)
            for r in (run["rows"] if run else []):
                for direction in ("fwd", "bwd"):
                    ratio = r.get(direction + "_ratio")
                    floor = 1.5 if (r["kind"] == "pool" and direction == "fwd") else 1.0
                    if ratio is not None and ratio < floor:
                        print(f"- {name} {r['id']} {direction} {t}t: {ratio:.2f}x "
                              f"(torch {r['torch_' + direction + '_ms']:.3f} ms, convkit {r['convkit_' + direction + '_ms']:.3f})")
    for name in names:
        runs = [load(folder, name, t) for t in (1, 2)]
        print(f"\n{name}:\n")
        head = "| shape |"
        for t in (1, 2):
            head += f" torch fwd {t}t | convkit fwd {t}t | ratio | torch bwd {t}t | convkit bwd {t}t | ratio |"
        print(head)
        print("|---|" + "---:|" * 12)
        ids = []
        for run in runs:
            for r in (run["rows"] if run else []):
                if r["id"] not in ids:
                    ids.append(r["id"])
        for shape in ids:
            line = f"| {shape} |"
            for run in runs:
                row = next((r for r in (run["rows"] if run else []) if r["id"] == shape), None)
                for direction in ("fwd", "bwd"):
                    if row is None or row.get(direction + "_ratio") is None:
                        line += " | | |"
                    else:
                        line += (f" {row['torch_' + direction + '_ms']:.3f} | {row['convkit_' + direction + '_ms']:.3f} |"
                                 f" {row[direction + '_ratio']:.2f}x |")
            print(line)


if __name__ == "__main__":
    main()
