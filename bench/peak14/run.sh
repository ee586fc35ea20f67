#!/bin/sh
# gemm14: C's FMA peak (fma.c) and the Vector API's (FmaPeak.java) alternating in the same minute, ROUNDS times.
# Usage: bench/peak14/run.sh [ROUNDS]   (from the repository root; gcc and a JDK with jdk.incubator.vector)
set -e
cd "$(dirname "$0")"
gcc -O2 -mavx512f -mfma -o /tmp/peak14-fma fma.c
for i in $(seq "${1:-3}"); do
  date -u +%T; cat /proc/loadavg
  /tmp/peak14-fma 3
  java --add-modules jdk.incubator.vector FmaPeak.java 3 2>/dev/null
done
