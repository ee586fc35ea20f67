#!/usr/bin/env python3
"""grp49: fastest figure per side, shape and pass from ab.sh output files; with a PyTorch file
(bench/stem25/torch_thread_cpu.py's output, --torch FILE) each side's ratio torch / convkit.
Usage: best.py [--torch FILE] AB_OUTPUT..."""
import re, sys
args = sys.argv[1:]
torch = {}
if args and args[0] == "--torch":
    for line in open(args[1]):
        p = line.split()
        if len(p) >= 7 and p[1] == "fwd":  # the fastest of the file's rounds
            o = torch.get(p[0], {})
            torch[p[0]] = {k: min(o.get(k, 9e9), float(p[i])) for k, i in (("fwd", 2), ("scatter", 4), ("wgrad", 6))}
    args = args[2:]
best, sides, shapes, passes = {}, [], [], []
for f in args:
    for line in open(f):
        m = re.match(r"round \d+ (\S+) \d+t (\S+)\s+(.*)", line)
        if not m:
            continue
        side, shape, rest = m.groups()
        for p, v, cpu, most in re.findall(r"\b(fwd|scatter|wgrad)\s+([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?", rest):
            # at 2+ threads (CPU=1) also the summed CPU and the largest one thread's CPU of the fastest call
            for name, x in ((p, v), (p + " cpu", cpu), (p + " max", most)):
                if not x:
                    continue
                k = (side, shape, name)
                best[k] = min(best.get(k, 9e9), float(x))
                for lst, y in ((sides, side), (shapes, shape), (passes, name)):
                    if y not in lst:
                        lst.append(y)
head = "| shape | pass | " + " | ".join(sides) + (" | PyTorch | " + " | ".join(f"{s} vs PyTorch" for s in sides) if torch else "") + " |"
print(head)
print("|" + "---|" * (head.count("|") - 1))
for shape in shapes:
    for p in passes:
        vals = [best.get((s, shape, p)) for s in sides]
        if all(v is None for v in vals):
            continue
        row = f"| {shape} | {p} | " + " | ".join("-" if v is None else f"{v:.3f}" for v in vals)
        if torch:
            t = torch.get(shape, {}).get(p)
            row += f" | {t:.3f} | " + " | ".join("-" if (v is None or t is None) else f"{t / v:.2f}x" for v in vals) if t else " | - | " + " | ".join("-" for _ in vals)
        print(row + " |")
