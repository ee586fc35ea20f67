# dws23: fastest per side over the rounds of bench/dws23/ab.sh's log (T = 2: the summed CPU); markdown rows.
import re, sys
best = {}
side = T = None
for line in open(sys.argv[1]):
    m = re.match(r"round \d+ T=(\d) (\w+)", line)
    if m:
        T, side = m.group(1), m.group(2); continue
    m = re.match(r"\dt (\S+)\s+(.*)", line)
    if not m: continue
    shape, rest = m.groups()
    for p in ("fwd", "scatter", "wgrad"):
        v = re.search(p + r"\s+([\d.]+)(?: \(cpu ([\d.]+))?", rest)
        val = float(v.group(2) or v.group(1))
        k = (T, shape, p, side)
        best[k] = min(best.get(k, 9e9), val)
for t in sorted({k[0] for k in best}):
    print(f"\nT = {t}{' (CPU summed over the threads)' if t == '2' else ''}:\n")
    print("| shape | fwd before | fwd after | scatter before | scatter after | wgrad before | wgrad after |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for s in dict.fromkeys(k[1] for k in best if k[0] == t):
        cells = [f"{best.get((t, s, p, sd), float('nan')):.3f}" for p in ("fwd", "scatter", "wgrad") for sd in ("before", "after")]
        print(f"| {s} | " + " | ".join(cells) + " |")
