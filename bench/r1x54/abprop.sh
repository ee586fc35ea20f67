#!/bin/bash
# abprop.sh JAR PROP T PASS ROUNDS REPS SHAPES...: one jar, -DPROP=false then -DPROP=true alternating (fresh JVMs,
# ONLY=PASS CPU=1 ConvCpuTime, JDK 25): an experiment's switch before it becomes the rule
JAR=$1; PROP=$2; T=$3; P=$4; R=$5; N=$6; shift 6
here="$(cd "$(dirname "$0")/.." && pwd)"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
one() { ONLY=$P CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -D$PROP=$1 \
  -cp "$JAR" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
echo "== $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) abprop $PROP T=$T $P rounds $R reps $N"
for r in $(seq 1 $R); do
  one false "$@" | sed "s/^/round $r off /"
  one true "$@" | sed "s/^/round $r on  /"
done
echo "== $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) end"
