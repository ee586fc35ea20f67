#!/bin/bash
# abx.sh BEFORE.jar AFTER.jar T PASS ROUNDS REPS SHAPES...: bench/dw51/ab.sh with JVM options a side (BEFORE_OPTS,
# AFTER_OPTS: e.g. a -D switch of one jar against itself) and a "# round N HH:MM:SS load L" line a round
B=$1; A=$2; T=$3; P=$4; R=$5; N=$6; shift 6
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $2 \
  -cp "$1" "$here/ConvCpuTime.java" "$T" "$N" "${@:3}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  echo "# round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
  one "$B" "$BEFORE_OPTS" "$@" | sed "s/^/round $r before /"
  one "$A" "$AFTER_OPTS" "$@" | sed "s/^/round $r after  /"
done
