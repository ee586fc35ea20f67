#!/bin/bash
# wgpath.sh JAR ROUNDS REPS SHAPES...: PhaseSplitWeightGradient's tap rows and taps gathered (WgPath, one thread, thread
# CPU, JDK 25 unless JAVA), fresh JVMs alternating, the load printed each round
JAR=$1; R=$2; N=$3; shift 3
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
CLS=/tmp/s2w51/cls
for r in $(seq 1 $R); do
  echo "== round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
  for V in gathered rows; do
    VARIANT=$V "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$JAR:$CLS" \
      dev.convkit.core.conv.WgPath "$N" "$@" 2>/dev/null | grep -v '^WARN'
  done
done
