# sm60: ab.sh output -> per shape: wall / summed cpu / busiest, before -> after (min over rounds), ratios before/after
import re,sys,collections
d=collections.defaultdict(lambda: collections.defaultdict(list))
for l in open(sys.argv[1]):
    m=re.match(r'round (\d+) (before|after)\s+(\d)t (\S+)\s+(\S+)\s+([\d.]+) \(cpu ([\d.]+), max ([\d.]+)\)',l)
    if m: d[m.group(4)][m.group(2)].append(tuple(map(float,m.group(6,7,8))))
print('| shape | wall before -> after | summed CPU | busiest thread | busiest ratio range |')
print('|---|---|---|---|---|')
for s,v in d.items():
    b,a=v['before'],v['after']
    f=lambda i:'%.3f -> %.3f (%.2fx)'%(min(x[i] for x in b),min(x[i] for x in a),min(x[i] for x in b)/min(x[i] for x in a))
    rs=[x[2]/y[2] for x,y in zip(b,a)]
    print('| %s | %s | %s | %s | %.2f-%.2fx |'%(s,f(0),f(1),f(2),min(rs),max(rs)))
