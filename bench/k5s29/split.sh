#!/bin/bash
# k5s29: each pass alone (ONLY=fwd|scatter|wgrad, thread CPU, fastest of REPS) of the shapes in FILE, one JVM a pass.
# Usage: bench/k5s29/split.sh JAR THREADS REPS FILE   (JAVA= to pick the JDK)
JAR=$1; T=$2; R=$3; S="$(tr '\n' ' ' < $4)"
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
for pass in fwd scatter wgrad; do
  ONLY=$pass CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $JAR bench/ConvCpuTime.java $T $R $S 2>/dev/null | grep -v WARN
done
