#!/bin/bash
# abn.sh T PASS ROUNDS REPS "JAR|OPTS" ... -- SHAPES...: ONLY=PASS CPU=1 ConvCpuTime (JDK 25), fresh JVMs, one JVM per
# side a round, the sides alternating in order each round (d5b57: several -D switches of one jar against main's)
T=$1; P=$2; R=$3; N=$4; shift 4
sides=(); while [ "$1" != "--" ]; do sides+=("$1"); shift; done; shift
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
for r in $(seq 1 $R); do
  echo "# round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
  for i in "${!sides[@]}"; do
    jar=${sides[$i]%%|*}; opts=${sides[$i]#*|}
    ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $opts \
      -cp "$jar" "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN' | sed "s/^/round $r side$i /"
  done
done
