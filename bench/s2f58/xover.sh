#!/bin/bash
# s2f58: xover.sh JAR T ROUNDS REPS SHAPES...: the strided Winograd against the phase split on one jar, fresh JVMs
# alternating Winograd on / WINOGRAD_OFF=1 (for 3x3 stride-2 forwards the switch changes only the strided Winograd
# into the phase split); ONLY=fwd CPU=1 ConvCpuTime on JDK 25, each round's lines tagged with the side and the load.
J=$1; T=$2; R=$3; N=$4; shift 4
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { ONLY=fwd CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Xms2g -Xmn1g -cp "$J" "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  echo "# round $r winograd $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  one "$@" | sed "s/^/round $r win   /"
  echo "# round $r phase $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  WINOGRAD_OFF=1 one "$@" | sed "s/^/round $r phase /"
done
