#!/bin/sh
# dws2b21: main's jar (BEFORE) against this branch's (AFTER) alternating in fresh JVMs, one JVM per shape and thread
# count, 300 calls after 20 warm-ups (ConvCpuTime: 1 thread = the caller's CPU time; 2 threads with CPU=1 = wall, then
# the fastest call's CPU summed over the threads and its busiest thread's), then PyTorch's on the same shapes in the
# same round (NO_TORCH=1: not). Usage: sh bench/dws2b21/ab.sh ROUNDS BEFORE_JAR AFTER_JAR
# (SHAPES=... to override the list; TS="1 2" the thread counts; REPS the calls)
J="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java} --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g"
SHAPES="${SHAPES:-dw3x3-s2-21:8:96:21:96:3:1:2:96 dw3x3-s2-19-144:8:144:19:144:3:1:2:144 dw3x3-s2-28:8:64:28:64:3:1:2:64
dw3x3-s2-28p0:8:64:28:64:3:0:2:64 h-dw5x5-s2-27:8:40:27:40:5:2:2:40 h-dw3x3-s2-15:8:72:15:72:3:1:2:72
h-dw3x3-s2-23p0:4:128:23:128:3:0:2:128 dw3x3-s2-57:8:96:57:96:3:1:2:96}"
for r in $(seq "$1"); do
  echo "round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
  for s in $SHAPES; do for t in ${TS:-1 2}; do for side in before after; do
    jar=$2; [ $side = after ] && jar=$3
    printf '%-6s ' $side; CPU=1 $J -cp $jar bench/ConvCpuTime.java $t ${REPS:-300} $s 2>/dev/null | grep "^${t}t"
  done; done; done
  [ -n "$NO_TORCH" ] || for t in ${TS:-1 2}; do
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/torch_depthwise_cpu.py bench/dws2b21/shapes.json $t 40
  done
done
