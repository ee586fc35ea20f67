#!/bin/bash
# ab-layer.sh BEFORE.jar AFTER.jar T ROUNDS SHAPES...: bench/c2i51/BackwardCpuTime.java (Conv.run with a bias, then the
# backward, as the training step calls them; 30 warm-up calls, 60 timed) on JDK 25 (JAVA to change), fresh JVMs,
# alternating before / after; each line tagged with its round, side and the load
B=$1; A=$2; T=$3; R=$4; shift 4
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")/.." && pwd)"
for r in $(seq 1 $R); do
  for s in "$@"; do
    for side in before after; do
      jar=$B; [ $side = after ] && jar=$A
      echo "round $r $side load $(cut -d' ' -f1 /proc/loadavg) $("$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC \
        -Xms2g -Xmn1g -cp "$jar" "$here/c2i51/BackwardCpuTime.java" "$T" 30 60 "$s" 2>/dev/null | grep -v '^WARN')"
    done
  done
done
