#!/bin/bash
# g32-29: thread CPU of several sides in fresh JVMs, alternating, ROUNDS rounds.
# PASS fwd|scatter|wgrad|all. Usage: SIDES="label=JAR[,-Dopt...] ..." ab.sh ROUNDS REPS PASS THREADS SHAPES...
# e.g. SIDES="before=/work/wt/before-main46/convkit-cli/target/convkit.jar after=convkit-cli/target/convkit.jar"
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
R=$1; N=$2; PASS=$3; T=$4; shift 4
for r in $(seq $R); do
  for side in $SIDES; do
    label=${side%%=*}; rest=${side#*=}; jar=${rest%%,*}; opts=""
    [ "$rest" != "$jar" ] && opts=$(echo "${rest#*,}" | tr ',' ' ')
    echo "== round $r $label $PASS T=$T"
    only="ONLY=$PASS"; [ "$PASS" = all ] && only="FULL=1" # all: the three passes and their paths
    env $only CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $opts -cp $jar \
      bench/ConvCpuTime.java $T $N "$@" 2>&1 | grep -v -i "warning\|getId\|^ *\^"
  done
done
