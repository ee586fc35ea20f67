#!/bin/bash
# s2f28 (after s2f27's): fresh JVM per variant and round, alternating; ONLY=fwd thread CPU (CPU=1).
# usage: bench/s2f28/ab.sh THREADS ROUNDS "name=JAR[,JVMFLAG] ..." SHAPE...
T=$1; R=$2; VARS=$3; shift 3
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
HERE=$(cd "$(dirname "$0")/../.." && pwd)
for r in $(seq 1 $R); do
  for v in $VARS; do
    name=${v%%=*}; rest=${v#*=}; jar=${rest%%,*}; flag=""
    [[ $rest == *,* ]] && flag=${rest#*,}
    ONLY=${ONLY:-fwd} CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $flag -cp $jar \
      $HERE/bench/ConvCpuTime.java $T ${REPS:-60} "$@" 2>/dev/null | sed "s/^/r$r $name /"
  done
done
