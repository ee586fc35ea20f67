#!/usr/bin/env bash
# dw48: each pass of each shape, thread CPU at T threads, in fresh JVMs, JARs alternating, ROUNDS rounds.
# Usage: bench/dw48/passes.sh T REPS ROUNDS "JAR1 JAR2 ..." SHAPE...   (SHAPE as ConvCpuTime's id:N:Cin:HW:Cout:K:pad[:stride[:groups]])
set -u
t=$1 reps=$2 rounds=$3 jars=$4; shift 4
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
for r in $(seq "$rounds"); do
  for jar in $jars; do
    for pass in ${PASSES:-fwd scatter wgrad}; do
      for s in "$@"; do
        ONLY=$pass CPU=1 "$java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar" \
          bench/ConvCpuTime.java "$t" "$reps" "$s" 2>/dev/null | grep -v WARN | sed "s|^|r$r $(basename $(dirname $(dirname $(dirname $jar)))) |"
      done
    done
  done
done
