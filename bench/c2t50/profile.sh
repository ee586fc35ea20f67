#!/bin/bash
# profile.sh JAR PASS SHAPE OUT.jfr [REPS]: JFR execution samples (1 ms) of ONLY=PASS ConvCpuTime at one thread (JDK 25),
# then the top frames' counts (bench/c2t50/topframes.py): where a pass's time goes by method.
JAR=$1; P=$2; S=$3; OUT=$4; N=${5:-400}
here="$(cd "$(dirname "$0")/.." && pwd)"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
ONLY=$P $J/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  -XX:StartFlightRecording=filename=$OUT,settings=profile,jdk.ExecutionSample#period=1ms \
  -cp "$JAR" "$here/ConvCpuTime.java" 1 "$N" "$S" 2>/dev/null | grep -v '^WARN\|Started\|Use jcmd\|jfr'
$J/jfr print --events jdk.ExecutionSample --stack-depth 3 "$OUT" | python3 "$here/c2t50/topframes.py" ${SKIP:-0.5}
