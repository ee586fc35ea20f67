#!/bin/bash
# warm.sh JAR ROUNDS SHAPE: BackwardCpuTime at 2 threads after 30 warm-up calls (as bench --train warms) and after 300,
# and at 1 thread after 30, fresh JDK 25 JVMs alternating; each line tagged with its round and the load
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")" && pwd)"
for r in $(seq 1 $2); do
  for run in "2 30" "2 300" "1 30"; do
    echo "round $r load $(cut -d' ' -f1 /proc/loadavg) $("$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
      -cp "$1" "$here/BackwardCpuTime.java" $run 60 "$3" 2>/dev/null | grep -v '^WARN')"
  done
done
