#!/bin/bash
# jit.sh JAR PASS REPS OUT SHAPES...: ONLY=PASS CPU=1 ConvCpuTime at 1 thread (JDK 25) with -XX:+PrintCompilation into
# OUT (JVMOPTS: more JVM options), then the timings and the compile lines of the micro-kernel's methods
J=$1; P=$2; N=$3; O=$4; shift 4
here="$(cd "$(dirname "$0")/.." && pwd)"
ONLY=$P CPU=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  -XX:+PrintCompilation $JVMOPTS -cp "$J" "$here/ConvCpuTime.java" 1 "$N" "$@" > "$O" 2>&1
grep -E "^1t |PanamaMicroKernel::(multiply|storeCarry|rowsRun|packedRun|carry)" "$O"
