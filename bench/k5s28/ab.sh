#!/bin/bash
# k5s27 (copied for k5s28): fresh JVMs alternating the sides, ROUNDS rounds; ONLY=fwd|scatter|wgrad thread CPU (ConvCpuTime, CPU=1).
# Usage: ONLY=fwd bench/k5s27/ab.sh THREADS REPS SHAPES_FILE 'label=jar [-Dprop...]' ...
T=$1; R=$2; S="$(tr '\n' ' ' < $3)"; shift 3
SIDES=("$@")
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for round in $(seq ${ROUNDS:-3}); do
  for side in "${SIDES[@]}"; do
    label=${side%%=*}; read -r -a args <<< "${side#*=}"; jar=${args[0]}
    ONLY=${ONLY:-fwd} CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g "${args[@]:1}" \
        -cp $jar bench/ConvCpuTime.java $T $R $S 2>/dev/null | grep -v WARN | sed "s/^/$round $label /"
  done
done
