#!/usr/bin/env bash
# bench/tr52/train-ab.sh BEFORE.jar AFTER.jar T ROUNDS: `convkit bench --train --threads T` (per-layer thread CPU, medians
# of 60 steps) on the two jars alternating in fresh JDK 25 JVMs with the launcher's options, each headed by side, round,
# time and load average.
before=$1; after=$2; T=$3; rounds=$4
k=dev.convkit.core.kernels.panama.PanamaVectorOps
opts=(-XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*"
  "-XX:CompileCommand=dontinline,$k::maxRow*" "-XX:CompileCommand=dontinline,$k::maxIndexRow*"
  "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*"
  -Xms2g -Xmn1g --add-modules jdk.incubator.vector)
for r in $(seq "$rounds"); do
  for side in before after; do
    if [ $side = before ]; then jar=$before; else jar=$after; fi
    echo "== $side r$r T=$T $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) $jar"
    /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${opts[@]}" -jar "$jar" bench --train --threads "$T" 2>&1 | grep -v WARNING
  done
done
