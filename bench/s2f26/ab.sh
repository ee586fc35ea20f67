#!/bin/bash
# s2f26: fresh JVM per variant, alternating, ROUNDS rounds; each JVM runs the shapes' forwards alone (ONLY=fwd), thread CPU.
# usage: bench/s2f26/ab.sh THREADS ROUNDS "name=JAR[,-Dprop=val] ..." SHAPE...
T=$1; R=$2; VARIANTS=$3; shift 3
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for r in $(seq 1 $R); do
  for v in $VARIANTS; do
    name=${v%%=*}; rest=${v#*=}; jar=${rest%%,*}; props=""; [ "$rest" != "$jar" ] && props=${rest#*,}
    ONLY=fwd CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $props -cp $jar \
      bench/ConvCpuTime.java $T 60 "$@" 2>/dev/null | sed "s/^/r$r $name /"
  done
done
