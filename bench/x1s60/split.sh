#!/bin/bash
# split.sh JAR T REPS SHAPES...: each pass alone (ONLY=fwd|scatter|wgrad CPU=1 ConvCpuTime, JDK 25), one JVM a pass
J=$1; T=$2; N=$3; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
for P in fwd scatter wgrad; do
  ONLY=$P CPU=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
    -cp "$J" "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN'
done
