#!/usr/bin/env bash
# main's jar ($1) and this branch's ($2) side by side (both JVMs at once, so both see the same load), $3 pairs:
# bench/train9/TrainingWarmupCpu (300 steps of cnn2 at 2 threads), the launcher's options, -Xbatch, -XX:+CITime.
# javac --add-modules jdk.incubator.vector -cp $1 -d /tmp/jit27/warm bench/train9/TrainingWarmupCpu.java
k=dev.convkit.core.kernels.panama.PanamaVectorOps
opts=(-XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*"
  "-XX:CompileCommand=dontinline,$k::maxRow*" "-XX:CompileCommand=dontinline,$k::maxIndexRow*"
  "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g
  --add-modules jdk.incubator.vector -Xbatch -XX:+CITime)
run() { /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${opts[@]}" -cp "$1:/tmp/jit27/warm" TrainingWarmupCpu 2 2>&1 | grep -E '^after step|^  C2 \{'; }
for pair in $(seq 1 "$3"); do
  echo "== pair $pair $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  run "$1" > /tmp/jit27/pair$pair-main.txt & run "$2" > /tmp/jit27/pair$pair-new.txt; wait
  for s in main new; do echo "-- $s"; cat /tmp/jit27/pair$pair-$s.txt; done
done
