#!/bin/bash
# box28: one JVM of AllocSweep over the items given, with a JFR recording (allocation samples) when JFR=file.jfr,
# and PrintInlining/PrintCompilation into LOG when LOG=file. usage: JAVA=... JAR=... bench/box28/one.sh ITEMS...
cd "$(dirname "$0")/../.." || exit 1
opts=()
[ -n "${JFR:-}" ] && opts+=("-XX:StartFlightRecording=filename=$JFR,settings=profile")
[ -n "${LOG:-}" ] && opts+=(-XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining -XX:+PrintCompilation -XX:+PrintIntrinsics)
if [ -n "${LOG:-}" ]; then
  $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g "${opts[@]}" ${EXTRA:-} -cp $JAR:bench/box28/classes AllocSweep ${WARM:-20} ${REPS:-20} "$@" > $LOG 2>&1
  grep -E "^\S+ +(fwd|scatter|wgrad) +mean" $LOG
else
  $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g "${opts[@]}" ${EXTRA:-} -cp $JAR:bench/box28/classes AllocSweep ${WARM:-20} ${REPS:-20} "$@" 2>&1 | grep -v "^WARNING: Using incubator"
fi
