#!/bin/bash
# train.sh BEFORE.jar AFTER.jar T ROUNDS: `bench --train --threads T` (JDK 25) with the launcher's options for bench,
# fresh JVMs alternating before / after; prints the conv2d(32,64) layer rows and the whole step of each run
# (ROWS=REGEX picks other layer rows, e.g. '^[0-9] ' for all; JAVA=... another JDK).
B=$1; A=$2; T=$3; R=$4
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
k=dev.convkit.core.kernels.panama.PanamaVectorOps
one() { "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:CompileCommand=quiet \
  "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
  "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" \
  "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g -jar "$1" bench --train --threads "$T" 2>/dev/null \
  | grep -E "${ROWS:-conv2d\(32}|whole step|thread CPU per step"; }
for r in $(seq 1 $R); do
  echo "# round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
  one "$B" | sed "s/^/round $r before /"
  one "$A" | sed "s/^/round $r after  /"
done
