#!/bin/bash
# grp28: one jar with Winograd on and off (WINOGRAD_OFF=1: the exact GEMM / lanes path), fresh JVMs alternating,
# thread CPU. Usage: wino.sh JAR ROUNDS REPS PASS THREADS SHAPES...
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=$1; R=$2; N=$3; PASS=$4; T=$5; shift 5
for r in $(seq $R); do
  for side in on off; do
    echo "== round $r winograd $side $PASS T=$T"
    if [ $side = off ]; then export WINOGRAD_OFF=1; else unset WINOGRAD_OFF; fi
    ONLY=$PASS CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $JAR bench/ConvCpuTime.java $T $N "$@" 2>&1 | grep -v -i "warning\|getId\|^ *\^"
  done
done
