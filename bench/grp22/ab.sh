#!/bin/bash
# grp22: before / after in alternating fresh JVMs, thread CPU (CPU=1: at 2 threads also the summed and the busiest
# thread's CPU). usage: BEFORE=jar AFTER=jar bench/grp22/ab.sh ROUNDS REPS SHAPE...   (run from the repository root)
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
rounds=$1; reps=$2; shift 2
mkdir -p /tmp/grp22cls
javac -nowarn --add-modules jdk.incubator.vector -cp "$BEFORE" -d /tmp/grp22cls bench/ConvCpuTime.java 2>/dev/null
for r in $(seq "$rounds"); do
  for t in 1 2; do
    for side in before after; do
      jar=$BEFORE; [ $side = after ] && jar=$AFTER
      echo "# round $r $side $(uptime | sed 's/.*load/load/')"
      CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar:/tmp/grp22cls" ConvCpuTime "$t" "$reps" "$@" 2>&1 | grep -v WARN | sed "s/^/$side /"
    done
  done
done
