#!/bin/bash
# s2b56: abenv.sh JAR T PASS ROUNDS REPS "ENV_A" "ENV_B" SHAPES...: bench/dw51/ab.sh on one jar whose experiment
# switches (S2B56_*) are environment variables: ONLY=PASS CPU=1 ConvCpuTime (JDK 25), fresh JVMs, all shapes in one
# JVM a side, alternating A / B for ROUNDS rounds; each side's lines tagged, the load printed a round
J=$1; T=$2; P=$3; R=$4; N=$5; EA=$6; EB=$7; shift 7
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { env $1 ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Xms2g -Xmn1g -cp "$J" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  echo "# round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
  one "$EA" "$@" | sed "s/^/round $r A[$EA] /"
  one "$EB" "$@" | sed "s/^/round $r B[$EB] /"
done
