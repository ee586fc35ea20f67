#!/bin/bash
# jdk17: kB allocated per call of every conv pass of bench/jdk17/shapes.txt on one JDK, each shape run twice in
# a row in one JVM (the second line is after 2x(20+REPS) calls, C2 warm); two JVMs over the two halves.
# usage: bench/jdk17/sweep.sh JAVA JAR REPS OUT
JAVA=$1 JAR=$2 REPS=${3:-40} OUT=$4
mapfile -t S < bench/jdk17/shapes.txt
half=$(( (${#S[@]} + 1) / 2 ))
run() { local args=(); for s in "$@"; do args+=("$s" "$s"); done
  ALLOC=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $JAR bench/ConvCpuTime.java 1 $REPS "${args[@]}" 2>&1 | grep -v WARNING; }
run "${S[@]:0:$half}" > $OUT.a &
run "${S[@]:$half}" > $OUT.b &
wait
cat $OUT.a $OUT.b | awk '{k=$1} seen[k]++ {print}' > $OUT
rm $OUT.a $OUT.b
