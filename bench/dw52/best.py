import sys, re, collections
# best.py LOG: fastest per side per shape of an ab.sh log (at 2 threads the busiest thread's CPU, max)
best = collections.defaultdict(dict); allv = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    m = re.match(r'round (\d+) (before|after)\s+\S+ (\S+)\s+(\S+)\s+([\d.]+)(?:\s+\(cpu [\d.]+, max ([\d.]+)\))?', line)
    if not m: continue
    side, shape, v = m.group(2), m.group(3), float(m.group(6) or m.group(5))
    allv[shape][side].append(v)
for shape, d in allv.items():
    b, a = min(d['before']), min(d.get('after', [float('nan')]))
    print(f"{shape:16s} before {', '.join('%.3f'%x for x in d['before'])} | after {', '.join('%.3f'%x for x in d.get('after',[]))} | best {b:.3f} -> {a:.3f} = {b/a:.2f}x")
