#!/usr/bin/env python3
"""pair_rounds.py A_DIR B_DIR: stop 43's 1-thread table from two bench/stop41/ab.sh runs (one round each): both rounds
of each side, the ratio of each side's fastest against the fastest PyTorch time of the four runs."""
import json, sys
def load(p): return {r["id"]: r for r in json.load(open(p))["rows"]}
a, b = sys.argv[1], sys.argv[2]
am, ai, bm, bi = (load(f"{d}/{s}-t1-r1.json") for d in (a, b) for s in ("main", "int"))
print("| shape | fwd ms main r1 / r2 -> int r1 / r2 | best fwd vs torch main -> int | bwd ms main r1 / r2 -> int r1 / r2 | best bwd vs torch main -> int |")
print("|---|---|---|---|---|")
for k in am:
    v = lambda d, key: d[k][key]
    row = []
    for kind in ("fwd", "bwd"):
        t = min(v(d, f"torch_{kind}_ms") for d in (am, ai, bm, bi))
        m = [v(am, f"convkit_{kind}_ms"), v(bm, f"convkit_{kind}_ms")]
        i = [v(ai, f"convkit_{kind}_ms"), v(bi, f"convkit_{kind}_ms")]
        row += [f"{m[0]:.3f} / {m[1]:.3f} -> {i[0]:.3f} / {i[1]:.3f}", f"{t / min(m):.2f}x -> {t / min(i):.2f}x"]
    print(f"| {k} | " + " | ".join(row) + " |")
