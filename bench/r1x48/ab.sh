#!/bin/bash
# r1x48 A/B: fresh JVMs alternating main's jar and this branch's (CPU=1: thread CPU at 1 thread; ONLY=... one pass)
# usage: bench/r1x48/ab.sh T ROUNDS REPS SHAPES...   (BEFORE / AFTER jars, AFTER_OPTS JVM options of the after side)
cd "$(dirname "$0")/../.."
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
B=${BEFORE:-/work/wt/before-main48/convkit-cli/target/convkit.jar}
A=${AFTER:-/tmp/r1x48/after.jar}
T=$1; R=$2; N=$3; shift 3
for r in $(seq 1 $R); do
  for side in before after; do
    jar=$B; opts=; [ $side = after ] && jar=$A && opts=$AFTER_OPTS
    echo "# round $r $side T=$T $(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
    CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $opts -cp $jar bench/ConvCpuTime.java $T $N "$@" 2>/dev/null | grep -v WARN | sed "s/^/$side /"
  done
done
