"""ratios.py SPLIT TORCH T: convkit's fastest input and weight gradient (split2t.sh's T-thread lines; at 2t the wall
column, and the summed CPU / busiest thread) against torch_pass_cpu.py's passes; ratio = PyTorch / convkit."""
import re, sys
split, torch, t = sys.argv[1], sys.argv[2], sys.argv[3]
ck = {}
for line in open(split):
    m = re.match(rf'{t}t (\S+) +(scatter|wgrad) +([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?', line)
    if m:
        ck.setdefault(m.group(1), {})[m.group(2)] = tuple(float(x) for x in m.group(3, 4, 5) if x)
pt = {}
for line in open(torch):
    m = re.match(r'torch \dt (\S+) +fwd +([\d.]+) +scatter +([\d.]+) +wgrad +([\d.]+) +bwd +([\d.]+)', line)
    if m:
        pt[m.group(1)] = [float(x) for x in m.group(3, 4, 5)]
print(f"| shape | input gradient convkit / torch | weight gradient convkit / torch | backward convkit (sum) / torch (one call) |"
      + (" busiest thread / summed CPU, scatter; wgrad |" if t == '2' else ""))
print("|---|---|---|---|" + ("---|" if t == '2' else ""))
for s, v in ck.items():
    if s not in pt or 'scatter' not in v or 'wgrad' not in v:
        continue
    sc, wg = v['scatter'][0], v['wgrad'][0]
    ts, tw, tb = pt[s]
    row = (f"| {s} | {sc:.3f} / {ts:.3f}, {ts / sc:.2f}x | {wg:.3f} / {tw:.3f}, {tw / wg:.2f}x | "
           f"{sc + wg:.3f} / {tb:.3f}, **{tb / (sc + wg):.2f}x** |")
    if t == '2':
        row += (f" {v['scatter'][2]:.3f} / {v['scatter'][1]:.3f} ({v['scatter'][2] / v['scatter'][1]:.0%}); "
                f"{v['wgrad'][2]:.3f} / {v['wgrad'][1]:.3f} ({v['wgrad'][2] / v['wgrad'][1]:.0%}) |")
    print(row)
