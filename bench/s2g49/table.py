import re,sys,collections
# table.py FILE: fastest per side of busiest-thread CPU (max) and summed CPU (cpu), 2t lines of ab.sh
d=collections.defaultdict(lambda: collections.defaultdict(list))
for l in open(sys.argv[1]):
    m=re.match(r'round (\d+) (before|after)\s+(\d)t (\S+)\s+(\S+)\s+([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?',l)
    if not m: continue
    r,side,t,shape,p,wall,cpu,mx=m.groups()
    d[shape][side].append((float(mx) if mx else float(wall), float(cpu) if cpu else float(wall)))
print('| shape | main: busiest thread (summed) per round | s2g49 | fastest busiest main -> s2g49 |')
print('|---|---|---|---|')
for s,v in d.items():
    f=lambda xs: ', '.join(f'{a:.3f} ({b:.3f})' for a,b in xs)
    b=min(a for a,_ in v['before']); a=min(a for a,_ in v['after']) if v['after'] else float('nan')
    print(f'| {s} | {f(v["before"])} | {f(v["after"])} | {b:.3f} -> {a:.3f} ({b/a:.2f}x) |')
