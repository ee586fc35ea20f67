#!/bin/bash
# props.sh JAR T PASS ROUNDS REPS "PROPS_A" "PROPS_B" SHAPES...: one jar, two sets of -D flags (the TEMP switches), alternating
J=$1; T=$2; P=$3; R=$4; N=$5; PA=$6; PB=$7; shift 7
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC $1 \
  -Xms2g -Xmn1g -cp "$J" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  one "$PA" "$@" | sed "s/^/round $r A /"
  one "$PB" "$@" | sed "s/^/round $r B /"
done
