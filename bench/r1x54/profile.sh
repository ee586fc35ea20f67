#!/bin/bash
# profile.sh JAR T PASS REPS OUT SHAPE: p1f50/profile.sh with -XX:+DebugNonSafepoints (samples at their real
# instruction, not the next safepoint), then p1f50/frames.py: each sample in its innermost convkit frame.
JAR=$1; T=$2; P=$3; N=$4; OUT=$5; shift 5
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
here="$(cd "$(dirname "$0")/.." && pwd)"
ONLY=$P "$J/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  "-XX:StartFlightRecording=filename=$OUT.jfr,settings=profile,jdk.ExecutionSample#period=1ms" \
  -cp "$JAR" "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN\|jfr\|Started'
python3 "$here/p1f50/frames.py" "$OUT.jfr"
