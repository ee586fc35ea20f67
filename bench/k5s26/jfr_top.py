"""k5s26: JFR execution samples by their innermost convkit frame. Usage: jfr print --events jdk.ExecutionSample F.jfr > F.txt; python3 bench/k5s26/jfr_top.py F.txt [N]"""
import re,collections,sys
txt=open(sys.argv[1]).read()
c=collections.Counter(); n=0
for ev in txt.split('jdk.ExecutionSample')[1:]:
    fr=re.findall(r'^\s+([\w.$]+)\(.*?line: (\d+)',ev,re.M)
    own=[f"{f.split('.')[-2]}.{f.split('.')[-1]}:{l}" for f,l in fr if 'convkit' in f]
    c[own[0] if own else fr[0][0] if fr else '?']+=1; n+=1
for k,v in c.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 20): print(v,k)
print('total',n)
