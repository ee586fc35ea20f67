#!/bin/bash
# prof.sh JAR PASS T REPS OUT OPTS SHAPE: JFR of ConvCpuTime ONLY=PASS, hot methods (top frames) summed
JAR=$1; P=$2; T=$3; N=$4; OUT=$5; O=$6; shift 6
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
ONLY=$P $J/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -XX:StartFlightRecording=filename=$OUT.jfr,settings=profile $O -cp "$JAR" "$(dirname "$0")/../ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN'
$J/jfr print --events jdk.ExecutionSample --stack-depth 3 $OUT.jfr > $OUT.samples.txt
python3 - $OUT.samples.txt <<'PY'
import sys,re,collections
top=collections.Counter(); n=0; second=collections.Counter()
lines=open(sys.argv[1]).read().split('jdk.ExecutionSample')
for ev in lines:
    fr=re.findall(r'^\s+([\w.$<>]+)\(',ev,re.M)
    fr=[f for f in fr if f not in ('startTime','sampledThread','state')]
    if not fr: continue
    n+=1; top[fr[0]]+=1
    if len(fr)>1: second[fr[0].split('.')[-1]+' <- '+fr[1].split('.')[-1]]+=1
print('samples',n)
for k,v in top.most_common(25): print('%5.1f%% %s'%(100*v/n,k))
print('--- with caller')
for k,v in second.most_common(25): print('%5.1f%% %s'%(100*v/n,k))
PY
