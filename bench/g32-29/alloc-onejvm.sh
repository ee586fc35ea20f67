#!/bin/bash
# g32-29: ALLOC=1 (kB a call, -Xbatch) of SHAPES in one JVM. Usage: alloc-onejvm.sh JAVA JAR SHAPES...
J=$1; JAR=$2; shift 2
ALLOC=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -Xbatch -cp "$JAR" \
  bench/ConvCpuTime.java 1 60 "$@" 2>/dev/null | grep -v "^WARN"
