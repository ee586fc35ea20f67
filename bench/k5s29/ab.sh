#!/bin/bash
# k5s29 (from k5s28's): fresh JVMs alternating the sides, ROUNDS rounds; ONLY=fwd|scatter|wgrad thread CPU (ConvCpuTime, CPU=1).
# Usage: ONLY=wgrad bench/k5s29/ab.sh THREADS REPS SHAPES_FILE 'label=jar [-Dprop...]' ...   (JAVA= to pick the JDK)
T=$1; R=$2; S="$(tr '\n' ' ' < $3)"; shift 3
SIDES=("$@")
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
for round in $(seq ${ROUNDS:-3}); do
  for side in "${SIDES[@]}"; do
    label=${side%%=*}; read -r -a args <<< "${side#*=}"; jar=${args[0]}
    ONLY=${ONLY:-wgrad} CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g "${args[@]:1}" \
        -cp $jar bench/ConvCpuTime.java $T $R $S 2>/dev/null | grep -v WARN | sed "s/^/$round $label /"
  done
done
