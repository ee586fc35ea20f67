#!/bin/bash
# grp61: bench/grp55/ab.sh with several JVM options a side: ab.sh T PASS ROUNDS REPS SHAPES... with
# SIDES="label=JAR=OPT,OPT ..." (options comma-separated): ONLY=PASS CPU=1 ConvCpuTime (JDK 25), fresh JVMs,
# the sides alternating for ROUNDS rounds, each line tagged "round R label".
T=$1; P=$2; R=$3; N=$4; shift 4
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
for r in $(seq 1 $R); do
  echo "round $r load $(cut -d' ' -f1 /proc/loadavg) $(date -u +%H:%M:%S)"
  for side in $SIDES; do
    IFS== read -r label jar opt <<< "$side"
    ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g ${opt//,/ } -cp "$jar" \
      "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN' | sed "s/^/round $r $label /"
  done
done
