#!/bin/bash
# e4.sh JAR ROUNDS WARM REPS: BackwardModes on the nine dense 5×5 shapes, the passes alternating a call (as Conv.backward
# and a network run them) against each pass in a loop of its own (SEPARATE=1, as ConvCpuTime ONLY=PASS), alternating JVMs
here="$(cd "$(dirname "$0")/../.." && pwd)"
jar=$1; rounds=$2; warm=$3; reps=$4
for r in $(seq 1 $rounds); do
  for mode in alternating separate; do
    echo "== round $r $mode $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    env $([ $mode = separate ] && echo SEPARATE=1) /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector \
      -XX:+UseParallelGC -Xms2g -Xmn1g -cp $jar $here/bench/d5b61/BackwardModes.java $warm $reps \
      $(cat $here/bench/d5b61/shapes.txt) 2>/dev/null | grep --line-buffered -v WARN | sed "s/^/r$r $mode /"
  done
done
