#!/bin/bash
# usage: ab.sh T ROUNDS REPS AFTERJAR SHAPES...  alternates before/after JVMs
cd /work/wt/r1x24
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; B=/work/wt/before-main41/convkit-cli/target/convkit.jar
T=$1; R=$2; N=$3; A=$4; shift 4
for r in $(seq $R); do
  for side in before after; do jar=$B; [ $side = after ] && jar=$A
    echo "## round $r $side load $(cut -d' ' -f1 /proc/loadavg)"
    CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $jar bench/ConvCpuTime.java $T $N "$@" 2>/dev/null
  done
done
