#!/bin/bash
# grp26: one-thread thread-CPU A/B of short-group forwards, before jar then after jar, fresh JVMs, ROUNDS rounds.
# usage: bench/grp26/ab.sh BEFORE_JAR AFTER_JAR ROUNDS REPS [SHAPES...]
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
B=$1; A=$2; R=$3; N=$4; shift 4
S=${*:-"g8-3x3-13:8:128:13:128:3:1:1:8 g6-3x3-14-96:8:96:14:96:3:1:1:6 h42-g8-3x3-15-64:8:64:15:64:3:1:1:8"}
for r in $(seq "$R"); do
  for jar in "$B" "$A"; do
    echo "round $r $jar"
    ONLY=${ONLY:-fwd} CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar" \
      bench/ConvCpuTime.java 1 "$N" $S 2>&1 | grep '^1t'
  done
done
