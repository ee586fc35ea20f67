#!/bin/bash
# grp27: before/after thread CPU, fresh JVMs alternating. Usage: ab.sh BEFORE_JAR AFTER_JAR ROUNDS REPS PASS THREADS SHAPES...
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
B=$1; A=$2; R=$3; N=$4; PASS=$5; T=$6; shift 6
for r in $(seq $R); do
  for side in before after; do
    jar=$B; [ $side = after ] && jar=$A
    echo "== round $r $side $PASS T=$T"
    ONLY=$PASS CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $jar bench/ConvCpuTime.java $T $N "$@" 2>&1 | grep -v -i "warning\|getId\|^ *\^"
  done
done
