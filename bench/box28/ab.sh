#!/bin/bash
# box28: thread CPU of one pass, main's jar against this branch's, fresh JVMs alternating, ROUNDS rounds.
# usage: bench/box28/ab.sh JAVA BEFORE_JAR AFTER_JAR ROUNDS PASS SHAPE...
JAVA=$1 B=$2 A=$3 R=$4 P=$5; shift 5
for ((i=1; i<=R; i++)); do for J in $B $A; do
  echo "round $i $J"; ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $J bench/ConvCpuTime.java 1 60 "$@" 2>&1 | grep -v -i warning
done; done
