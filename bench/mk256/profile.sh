#!/bin/bash
# mk256: JFR execution samples of one pass at T threads (JDK 25), top frames and top PanamaMicroKernel methods:
# profile.sh JAR T PASS REPS SHAPE
JAR=$1; T=$2; P=$3; N=$4; S=$5
here="$(cd "$(dirname "$0")/.." && pwd)"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
out=/tmp/mk256-prof-$P-$T-${S%%:*}.jfr
ONLY=$P $J/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  -XX:StartFlightRecording=filename=$out,settings=profile -cp "$JAR" "$here/ConvCpuTime.java" "$T" "$N" "$S" 2>/dev/null | grep -v '^WARN'
$J/jfr print --events jdk.ExecutionSample --stack-depth 1 $out | grep -A1 "stackTrace = \[" | grep -v "stackTrace\|^--" \
  | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -8
