import re,sys
rows={};order=[]
for l in open(sys.argv[1]):
    m=re.match(r"round (\d+) ([AB])\[[^\]]*\]\s+(\d)t (\S+)\s+\S+\s+([\d.]+)(?: \(cpu ([\d.]+), max ([\d.]+)\))?(.*)",l)
    if not m: continue
    side,shape=m.group(2),m.group(4)
    v=[float(m.group(5))]+([float(m.group(6)),float(m.group(7))] if m.group(6) else [])
    if shape not in order: order.append(shape)
    rows.setdefault(shape,{}).setdefault(side,[]).append(v)
for s in order:
    a=rows[s].get('A',[]);b=rows[s].get('B',[])
    out=f"{s:18s} A "+",".join(f"{x[0]:.3f}" for x in a)+"  B "+",".join(f"{x[0]:.3f}" for x in b)
    if a and b:
        ba=[min(x[i] for x in a) for i in range(len(a[0]))]; bb=[min(x[i] for x in b) for i in range(len(b[0]))]
        out+=f"  best {ba[0]:.3f} -> {bb[0]:.3f} ({ba[0]/bb[0]:.2f}x)"
        if len(ba)>1: out+=f" cpu {ba[1]:.3f} -> {bb[1]:.3f} ({ba[1]/bb[1]:.2f}x) max {ba[2]:.3f} -> {bb[2]:.3f} ({ba[2]/bb[2]:.2f}x)"
    print(out)
