#!/bin/bash
# two25: before/after in fresh JVMs, alternating, the 1×1 shapes with more inputs than outputs (issue 10 and held out).
# Usage: bench/two25/ab.sh BEFORE_JAR AFTER_JAR THREADS ROUNDS REPS
# Prints per round and side the fastest call's wall ms and, past one thread, the summed CPU of caller and pool and
# the busiest thread's CPU (bench/ConvCpuTime.java, CPU=1 FWD_ONLY=1).
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
S="r1x1-512to128:8:512:14:128:1:0 r1x1-768to192-7:8:768:7:192:1:0 r1x1-640to128-9:8:640:9:128:1:0
   r1x1-384to96-12:8:384:12:96:1:0 h1024to256-7:8:1024:7:256:1:0 h512to96-14:8:512:14:96:1:0"
cd "$(dirname "$0")/../.."
for r in $(seq "$4"); do
  for side in before after; do
    jar=$1; [ $side = after ] && jar=$2
    echo "== round $r $side $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
    CPU=1 FWD_ONLY=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -cp "$jar" \
        bench/ConvCpuTime.java "$3" "$5" $S 2>/dev/null
  done
done
