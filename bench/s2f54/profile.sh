#!/bin/bash
# profile.sh JAR REPS OUT SHAPE: ../s2o50/profile.sh (perf samples of ONLY=fwd ConvCpuTime at one thread past DELAY ms)
# with -XX:+DebugNonSafepoints, so inlined frames are not blamed on the nearest safepoint
JAR=$1; N=$2; OUT=$3; shift 3
here="$(cd "$(dirname "$0")" && pwd)"
DELAY=${DELAY:-20000} EXTRA="-XX:+DebugNonSafepoints" bash "$here/../s2o50/profile.sh" "$JAR" fwd "$N" "$OUT" "$@"
