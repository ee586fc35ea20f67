#!/usr/bin/env bash
# kernels.sh MAINJAR NEWJAR ROUNDS: thread CPU of the passes that run the changed micro-kernels (one thread,
# bench/ConvCpuTime.java, fastest of 60 calls), main's jar and this branch's alternating in fresh JVMs:
# cnn2's second conv weight gradient (Winograd, multiplyAdd), a 1x1 forward with 512 channels (GEMM, two KC blocks,
# multiplyAdd), a 3x3 stride-2 weight gradient (phase split, multiplyARowsInPlace).
J="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g"
root="$(cd "$(dirname "$0")/../.." && pwd)"
for r in $(seq 1 "$3"); do
  for side in main:$1 new:$2; do
    echo "== $r ${side%%:*} $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    CPU=1 $J -cp "${side#*:}" "$root/bench/ConvCpuTime.java" 1 60 cnn2-c2:64:32:14:64:3:1 r1x1-512:8:512:14:128:1:0 \
      r3x3-s2-56:8:64:56:128:3:1:2 2>&1 | grep -v '^WARNING'
  done
done
