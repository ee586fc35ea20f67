#!/bin/bash
# grp30: before / after in thread CPU, alternating fresh JVMs: ab.sh THREADS REPS ROUNDS SHAPES_FILE... (ONLY=fwd etc. passed on)
T=$1; R=$2; ROUNDS=$3; shift 3
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
BEFORE=${BEFORE:-/work/wt/before-main47/convkit-cli/target/convkit.jar}
AFTER=${AFTER:-/work/wt/grp30/convkit-cli/target/convkit.jar}
SHAPES=$(cat "$@")
for r in $(seq 1 $ROUNDS); do
  for side in before after; do
    JAR=$BEFORE; [ $side = after ] && JAR=$AFTER
    echo "== $side round $r"
    CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $JAR \
      $(dirname $0)/../ConvCpuTime.java $T $R $SHAPES 2>/dev/null
  done
done
