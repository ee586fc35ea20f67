#!/bin/bash
# ab.sh T PASS ROUNDS REPS "label=JAR ..." SHAPES...: ONLY=PASS CPU=1 ConvCpuTime, fresh JVMs, all shapes in one JVM a
# side, the sides alternating for ROUNDS rounds (s2b48's ab.sh for any number of jars; JAVA= for another JDK).
T=$1; P=$2; R=$3; N=$4; SIDES=$5; shift 5
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")/.." && pwd)"
one() { ONLY=$P CPU=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Xms2g -Xmn1g -cp "$1" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 "$R"); do
  for side in $SIDES; do
    echo "# round $r $side $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    one "${side#*=}" "$@" | sed "s/^/round $r ${side%%=*} /"
  done
done
