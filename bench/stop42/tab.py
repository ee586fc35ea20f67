#!/usr/bin/env python3
"""tab.py OUTDIR: fastest per side of ab.sh's runs; PyTorch fastest over all its readings."""
import glob, json, os, sys, collections
out = sys.argv[1]
runs = collections.defaultdict(list)
for f in glob.glob(os.path.join(out, "*-t*-r*.json")):
    side, t = os.path.basename(f).split("-")[:2]
    runs[(side, int(t[1:]))].append(json.load(open(f)))
def best(vals):
    vals = [v for v in vals if v]
    return min(vals) if vals else None
print("| shape | T | fwd ms main / int | fwd vs torch main -> int | bwd ms main / int | bwd vs torch main -> int |")
print("|---|---:|---|---|---|---|")
for t in sorted({k[1] for k in runs}):
    ids = [r["id"] for r in runs[("main", t)][0]["rows"]]
    for i in ids:
        rows = {s: [next(r for r in run["rows"] if r["id"] == i) for run in runs[(s, t)]] for s in ("main", "int")}
        allr = rows["main"] + rows["int"]
        tf, tb = best(r["torch_fwd_ms"] for r in allr), best(r["torch_bwd_ms"] for r in allr)
        mf, nf = best(r["convkit_fwd_ms"] for r in rows["main"]), best(r["convkit_fwd_ms"] for r in rows["int"])
        mb, nb = best(r["convkit_bwd_ms"] for r in rows["main"]), best(r["convkit_bwd_ms"] for r in rows["int"])
        q = lambda a, b: f"{a/b:.2f}x" if a and b else "-"
        f3 = lambda v: f"{v:.3f}" if v else "-"
        print(f"| {i} | {t} | {f3(mf)} / {f3(nf)} | {q(tf,mf)} -> {q(tf,nf)} | {f3(mb)} / {f3(nb)} | {q(tb,mb)} -> {q(tb,nb)} |")
