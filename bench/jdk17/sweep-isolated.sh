#!/bin/bash
# jdk17: as sweep.sh, but each shape in a fresh JVM (run twice in a row, the second line kept): no other shape's
# profile or compiles in the way. Two JVMs at a time. usage: bench/jdk17/sweep-isolated.sh JAVA JAR REPS OUT
JAVA=$1 JAR=$2 REPS=${3:-30} OUT=$4
one() { ALLOC=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $JAR bench/ConvCpuTime.java 1 $REPS "$1" "$1" 2>&1 | grep "kB a call" | tail -1; }
export -f one; export JAVA JAR REPS
xargs -P 2 -I{} bash -c 'one {}' < bench/jdk17/shapes.txt > $OUT.tmp
# in the order of shapes.txt
while read s; do grep "^${s%%:*} " $OUT.tmp; done < bench/jdk17/shapes.txt > $OUT; rm $OUT.tmp
