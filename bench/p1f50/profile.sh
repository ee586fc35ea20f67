#!/bin/bash
# profile.sh JAR T PASS REPS OUT SHAPE: one pass of one shape (ONLY=PASS ConvCpuTime, JDK 25) under JFR's execution
# sampler (1 ms), then the hottest top frames (inlined methods count as their own frames): where a pass's time goes.
JAR=$1; T=$2; P=$3; N=$4; OUT=$5; shift 5
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
here="$(cd "$(dirname "$0")/.." && pwd)"
ONLY=$P "$J/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  "-XX:StartFlightRecording=filename=$OUT.jfr,settings=profile,jdk.ExecutionSample#period=1ms" \
  -cp "$JAR" "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN\|jfr\|Started'
"$J/jfr" view --width 200 hot-methods "$OUT.jfr"
