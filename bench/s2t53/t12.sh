#!/bin/bash
# t12.sh JAR ROUNDS REPS SHAPES...: ONLY=wgrad CPU=1 ConvCpuTime (JDK 25) at T = 1 then T = 2, fresh JVMs, ROUNDS rounds
J=$1; R=$2; N=$3; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
for r in $(seq 1 $R); do
  for T in 1 2; do
    echo "== round $r T=$T $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    ONLY=wgrad CPU=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC \
      -Xms2g -Xmn1g -cp "$J" "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN'
  done
done
