#!/usr/bin/env bash
# step.sh JAR T LABEL: `convkit bench --train --threads T` (cnn2, batch 64, Adam; 30 warm-up and 60 timed steps;
# each piece's median wall and thread CPU, the heap a step) with the launcher's options for `bench` (JDK 25).
jar=$1; T=$2; label=$3
k=dev.convkit.core.kernels.panama.PanamaVectorOps
out=${OUT:-/tmp/train49/runs}; mkdir -p "$out"
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseParallelGC -XX:CompileCommand=quiet \
  "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
  "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" \
  "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g --add-modules jdk.incubator.vector \
  -jar "$jar" bench --train --threads "$T" > "$out/$label.txt" 2> "$out/$label.err"
echo "== $label T=$T $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
cat "$out/$label.txt"
