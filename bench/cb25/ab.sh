#!/bin/bash
# cb25: usage: bench/cb25/ab.sh T ROUNDS "SPEC..." SHAPE...   SPEC = label=jar[,prop,prop]; fresh JVM per spec per shape, alternating
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
T=$1; R=$2; SPECS=$3; shift 3
cd /work/wt/cb25
for r in $(seq $R); do for s in "$@"; do for spec in $SPECS; do
  label=${spec%%=*}; rest=${spec#*=}; jar=${rest%%,*}; props=""
  [ "$rest" != "$jar" ] && props=$(echo ${rest#*,} | tr ',' ' ')
  out=$(FWD_ONLY=1 CPU=1 $J $props --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $jar bench/ConvCpuTime.java $T 30 warm:8:32:29:48:7:3:2 $s 2>/dev/null | grep -v ' warm ' | tr '\n' ' ')
  echo "r$r $label $out"
done; done; done
