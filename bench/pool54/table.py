# bench/pool54/table.py LOG [TORCH_LOG]: the A/B log of pass_cpu.sh as a markdown table: each side's readings (ms),
# the fastest before -> after and its ratio, the hashes' agreement; with TORCH_LOG (torch_pools.py's output) PyTorch's
# fastest forward at the same thread count and both sides' ratios against it.
import re, sys
rows = {}
order = []
threads = None
for line in open(sys.argv[1]):
    m = re.match(r"r\d+ (before|after) T=(\d+) \w+ (\S+)\s+([\d.]+) ms.*?bits (\w+)", line)
    if not m:
        continue
    side, t, id_, ms, bits = m.groups()
    threads = t
    if id_ not in rows:
        rows[id_] = {"before": [], "after": [], "bits": set()}
        order.append(id_)
    rows[id_][side].append(float(ms))
    rows[id_]["bits"].add((side, bits))
torch = {}
if len(sys.argv) > 2:
    for line in open(sys.argv[2]):
        m = re.match(r"T=(\d+) (\S+)\s+fwd ([\d.]+)", line)
        if m and m.group(1) == threads:
            torch[m.group(2)] = float(m.group(3))
print("| shape | before (main) | after | fastest before -> after | same bits | PyTorch | vs PyTorch before -> after |")
print("|---|---|---|---|---|---|---|")
for id_ in order:
    r = rows[id_]
    b, a = min(r["before"]), min(r["after"])
    same = len({bits for _, bits in r["bits"]}) == 1
    tp = torch.get(id_)
    vs = f"{tp / b:.2f}x -> {tp / a:.2f}x" if tp else ""
    print(f"| {id_} | {', '.join(f'{v:.4f}' for v in r['before'])} | {', '.join(f'{v:.4f}' for v in r['after'])} | "
          f"{b:.4f} -> {a:.4f} ({b / a:.2f}x) | {'yes' if same else 'NO'} | {tp if tp else ''} | {vs} |")
