#!/bin/bash
# dw56: abk.sh JAR "BEFORE_OPTS" "AFTER_OPTS" T PASS ROUNDS REPS SHAPES...: dw51/ab.sh on one jar, the sides told
# apart by JVM options (the experiment's -Ddw56.* switches, through JAVA_TOOL_OPTIONS)
J=$1; BO=$2; AO=$3; T=$4; P=$5; R=$6; N=$7; shift 7
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { JAVA_TOOL_OPTIONS="$1" ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Xms2g -Xmn1g -cp "$J" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  one "$BO" "$@" | sed "s/^/round $r before /"
  one "$AO" "$@" | sed "s/^/round $r after  /"
done
