#!/bin/bash
# s2b26: the 3x3 stride-2 scatter on the strided Winograd (default dispatch) against the phase split (WINOGRAD_OFF=1),
# ONLY=scatter, thread CPU at 1 thread, ROUNDS alternating rounds in fresh JVMs. Usage: wino_vs_phase.sh JAR ROUNDS SHAPES...
JAR=$1; ROUNDS=$2; shift 2
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for r in $(seq 1 $ROUNDS); do
  for WO in "" 1; do
    env ${WO:+WINOGRAD_OFF=1} ONLY=scatter $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
        -cp $JAR bench/ConvCpuTime.java ${T:-1} ${REPS:-30} "$@" 2>&1 | grep "^[0-9]t" | sed "s/^/$([ -n "$WO" ] && echo phase || echo wino) /"
  done
done
