#!/bin/bash
# train.sh BEFORE.jar AFTER.jar T ROUNDS: `bench --train --threads T` (JDK 25) with the launcher's options for bench
# (as bench/c2t50/train.sh), fresh JVMs alternating before / after; prints every layer row and the whole step.
B=$1; A=$2; T=$3; R=$4
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
k=dev.convkit.core.kernels.panama.PanamaVectorOps
one() { "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:CompileCommand=quiet \
  "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
  "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" \
  "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g -jar "$1" bench --train --threads "$T" 2>/dev/null \
  | grep -E "^[0-9] |whole step|thread CPU per step"; }
for r in $(seq 1 $R); do
  echo "# round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
  one "$B" | sed "s/^/round $r before /"
  one "$A" | sed "s/^/round $r after  /"
done
