#!/bin/bash
# split2t.sh JAR OUT: each dense 5×5 backward pass of bench/d5b61/shapes.txt at two threads, CPU=1 (wall, summed CPU,
# busiest thread), ONLY=PASS ConvCpuTime on JDK 25, one JVM a pass, then the same at one thread
here="$(cd "$(dirname "$0")/../.." && pwd)"
jar=$1; out=$2
for t in 2 1; do for p in scatter wgrad; do
  echo "== T=$t $p $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  ONLY=$p CPU=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
    -cp $jar $here/bench/ConvCpuTime.java $t 60 $(cat $here/bench/d5b61/shapes.txt) 2>/dev/null | grep -v WARN
done; done > $out 2>&1
