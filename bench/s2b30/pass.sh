#!/bin/bash
# pass.sh JAR T PASS SHAPES...: one backward pass (ONLY=scatter|wgrad) of each shape, thread CPU (CPU=1: at T > 1
# the summed CPU and the busiest thread too), JDK 25, 60 timed calls after 80 warm-ups, all shapes in one JVM
JAR=$1; T=$2; P=$3; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
ONLY=$P CPU=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  -cp "$JAR" "$here/ConvCpuTime.java" "$T" ${REPS:-60} "$@" 2>/dev/null | grep -v '^WARN'
