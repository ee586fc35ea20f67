#!/bin/bash
# ab-fwd-bias.sh BEFORE.jar AFTER.jar ROUNDS WARM REPS SHAPES...: bench/c2x52/ForwardBiasCpuTime.java on JDK 25 (JAVA to
# change), all shapes in one fresh JVM a side, alternating before / after; each line tagged with round, side and load
B=$1; A=$2; R=$3; W=$4; N=$5; shift 5
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")" && pwd)"
for r in $(seq 1 $R); do
  for side in before after; do
    jar=$B; [ $side = after ] && jar=$A
    load=$(cut -d' ' -f1 /proc/loadavg)
    "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar" "$here/ForwardBiasCpuTime.java" \
      "$W" "$N" "$@" 2>/dev/null | grep -v '^WARN' | sed "s/^/round $r $side load $load /"
  done
done
