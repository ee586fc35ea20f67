#!/bin/bash
# r1x30 A/B: fresh JVMs alternating before / after, T threads (CPU=1), ROUNDS rounds, all three passes (or ONLY=...)
# usage: bench/r1x30/ab.sh T ROUNDS REPS SHAPES...   (BEFORE / AFTER jars from the environment)
cd "$(dirname "$0")/../.."
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
B=${BEFORE:-/work/wt/before-main47/convkit-cli/target/convkit.jar}
A=${AFTER:-/tmp/r1x30/after.jar}
T=$1; R=$2; N=$3; shift 3
for r in $(seq 1 $R); do
  for side in before after; do
    jar=$B; [ $side = after ] && jar=$A
    echo "# round $r $side T=$T $(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
    CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $jar bench/ConvCpuTime.java $T $N "$@" 2>/dev/null | grep -v WARN | sed "s/^/$side /"
  done
done
