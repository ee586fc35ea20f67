#!/bin/bash
# (dw256) prop-ab.sh JAR T PASS ROUNDS REPS SHAPES...: ONLY=PASS CPU=1 ConvCpuTime (JDK 25) on one jar, alternating
# fresh JVMs with -Ddw256=0 (main's paths) and -Ddw256=1 (the paired 5×5 strips) for ROUNDS rounds
# (the measured jar had the switch of switch.patch, removed before the commit: put it back to reproduce; else A/B
# against main's jar with bench/dw51/ab.sh)
J=$1; T=$2; P=$3; R=$4; N=$5; shift 5
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { ONLY=$P CPU=1 $JAVA -Ddw256=$1 --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Xms2g -Xmn1g -cp "$J" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  one 0 "$@" | sed "s/^/round $r off /"
  one 1 "$@" | sed "s/^/round $r on  /"
done
