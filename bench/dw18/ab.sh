#!/bin/sh
# dw18: main's jar (BEFORE) against this branch's (AFTER) alternating in fresh JVMs, one JVM per shape and thread count,
# 300 calls each (ConvCpuTime: 1 thread = the caller's CPU time; 2 threads with CPU=1 = wall, summed CPU and the
# largest one thread's CPU of the fastest call), then PyTorch's CPU time on the same shapes in the same round.
# Usage: sh bench/dw18/ab.sh ROUNDS BEFORE_JAR AFTER_JAR
J="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java} --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g"
SHAPES="dw3x3-s2-57:8:96:57:96:3:1:2:96 dw5x5-s2-56:8:128:56:128:5:2:2:128 dw3x3-s2-33:8:64:33:64:3:1:2:64
dw5x5-s2-75:4:96:75:96:5:2:2:96 dw3x3-s2-28p0:8:144:28:144:3:0:2:144"
for r in $(seq "$1"); do
  echo "round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
  for s in $SHAPES; do for t in 1 2; do for side in before after; do
    jar=$2; [ $side = after ] && jar=$3
    printf '%-6s ' $side; CPU=1 $J -cp $jar bench/ConvCpuTime.java $t 300 $s 2>/dev/null | grep "^${t}t"
  done; done; done
  for t in 1 2; do
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/torch_depthwise_cpu.py bench/dw18/shapes.json $t 40
  done
done
