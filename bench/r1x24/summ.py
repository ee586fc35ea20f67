import re,sys,collections
best=collections.defaultdict(lambda: collections.defaultdict(lambda: [9e9,9e9,9e9]))
side=None; loads=[]
for line in open(sys.argv[1]):
    m=re.match(r'## round \d+ (\w+) load (\S+)',line)
    if m: side=m.group(1); loads.append(float(m.group(2))); continue
    m=re.match(r'(\d)t (\S+)\s+(.*)\[',line)
    if not m: continue
    sh=m.group(2)
    for pm in re.finditer(r'(fwd|scatter|wgrad)\s+([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?',m.group(3)):
        p=pm.group(1); v=[float(x) if x else 9e9 for x in pm.groups()[1:]]
        b=best[(sh,p)][side]
        for i in range(3): b[i]=min(b[i],v[i])
print("loads",min(loads),max(loads))
for (sh,p),d in best.items():
    b=d['before'];a=d['after']
    if b[1]<9e8: print(f"{sh:10s} {p:8s} sum {b[1]:.3f} -> {a[1]:.3f}  max {b[2]:.3f} -> {a[2]:.3f}")
    else: print(f"{sh:10s} {p:8s} {b[0]:.3f} -> {a[0]:.3f}")
