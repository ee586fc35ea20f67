#!/bin/bash
# dw56: abf.sh T PASS ROUNDS REPS SHAPES...: main's kernel (knobs2.jar, -Ddw56.old=true: main's lanePositions and
# 7-a-side rule) against the landed jar, alternating fresh JVMs as dw51/ab.sh
T=$1; P=$2; R=$3; N=$4; shift 4
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
one() { JAVA_TOOL_OPTIONS="$2" ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Xms2g -Xmn1g -cp "$1" "$here/ConvCpuTime.java" "$T" "$N" "${@:3}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  one /tmp/dw56/knobs2.jar "-Ddw56.old=true" "$@" | sed "s/^/round $r before /"
  one /tmp/dw56/final.jar "" "$@" | sed "s/^/round $r after  /"
done
