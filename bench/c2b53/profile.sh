#!/bin/bash
# profile.sh JAR PASS SHAPE OUT.jfr [REPS]: bench/c2t50/profile.sh with -XX:+DebugNonSafepoints, so that JFR attributes
# a sample in C2's code to the instruction's own method and line, not the nearest safepoint's (c2b53: without it the
# vector loops' samples landed on Objects.checkIndex and ThreadLocalMap.getEntry, and removing those did not pay)
JAR=$1; P=$2; S=$3; OUT=$4; N=${5:-400}
here="$(cd "$(dirname "$0")/.." && pwd)"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
ONLY=$P $J/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -XX:StartFlightRecording=filename=$OUT,settings=profile,jdk.ExecutionSample#period=1ms \
  -cp "$JAR" "$here/ConvCpuTime.java" 1 "$N" "$S" 2>/dev/null | grep -v '^WARN\|Started\|Use jcmd\|jfr'
$J/jfr print --events jdk.ExecutionSample --stack-depth 3 "$OUT" | python3 "$here/c2t50/topframes.py" ${SKIP:-0.5}
