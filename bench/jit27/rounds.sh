#!/usr/bin/env bash
# main's jar ($1) and this branch's ($2) alternating, 3 rounds: bench/train9/TrainingWarmupCpu (300 steps of
# cnn2 at 2 threads) with the launcher's options, -Xbatch and -XX:+CITime. Compile the harness first:
# javac --add-modules jdk.incubator.vector -cp $1 -d /tmp/jit27/warm bench/train9/TrainingWarmupCpu.java
k=dev.convkit.core.kernels.panama.PanamaVectorOps
opts=(-XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*"
  "-XX:CompileCommand=dontinline,$k::maxRow*" "-XX:CompileCommand=dontinline,$k::maxIndexRow*"
  "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g
  --add-modules jdk.incubator.vector -Xbatch -XX:+CITime)
for round in 1 2 3; do
  for side in main:$1 new:$2; do
    echo "== round $round ${side%%:*} $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${opts[@]}" -cp "${side#*:}:/tmp/jit27/warm" TrainingWarmupCpu 2 2>&1 \
      | grep -E '^after step|^  C2 \{'
  done
done
