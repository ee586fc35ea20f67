# callers.py JFR.txt: samples (second half of the recording) by the first convkit frame of each stack, from
# `jfr print --events jdk.ExecutionSample --stack-depth 4 OUT.jfr > JFR.txt` (d5b57)
import re,collections,sys
txt=open(sys.argv[1]).read()
ev=txt.split('jdk.ExecutionSample')
c=collections.Counter()
n=len(ev)
for e in ev[n//2:]:
    fr=re.findall(r'^\s+([\w.$]+\.\w+)\(.*?line: (\d+)',e,re.M)
    if not fr: continue
    caller=next((f"{f[0].split('.')[-2]}.{f[0].split('.')[-1]}" for f in fr if 'convkit' in f[0]),'?')
    c[caller]+=1
tot=sum(c.values())
for k,v in c.most_common(15): print(f"{100*v/tot:5.1f} {v} {k}")
