#!/bin/bash
# abx.sh ROUNDS REPS T "TAG=JAR[|JVM options]"... -- SHAPES...: ONLY=${ONLY:-fwd} CPU=1 ConvCpuTime on JDK 25 (JAVA to
# override), fresh JVMs, the configurations alternating in each round; lines tagged "round R TAG"
R=$1; N=$2; T=$3; shift 3
confs=(); while [ "$1" != "--" ]; do confs+=("$1"); shift; done; shift
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
for r in $(seq 1 $R); do
  for c in "${confs[@]}"; do
    tag=${c%%=*}; rest=${c#*=}; jar=${rest%%|*}; opts=""; [ "$jar" != "$rest" ] && opts=${rest#*|}
    echo "# round $r $tag $(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
    ONLY=${ONLY:-fwd} CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $opts \
      -cp "$jar" "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN' | sed "s/^/round $r $tag /"
  done
done
