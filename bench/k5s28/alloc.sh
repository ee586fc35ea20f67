#!/bin/bash
# k5s28: ALLOC=1 (kB the calling thread allocates a call, each pass, ConvCpuTime) on the shapes of FRESH_FILE each
# first in a fresh JVM, then on all shapes of the other files in one JVM in their order and reversed.
# Usage: bench/k5s28/alloc.sh JAVA JAR REPS FRESH_FILE FILE...
J=$1; JAR=$2; R=$3; FRESH="$(tr '\n' ' ' < $4)"; shift 4
ALL="$(cat "$@" | tr '\n' ' ')"
run() { ALLOC=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $JAR bench/ConvCpuTime.java 1 $R "$@" 2>/dev/null | grep -v WARN; }
echo "--- one JVM, in order"; run $ALL | sed 's/^/inorder /'
echo "--- one JVM, reversed"; run $(echo $ALL | tr ' ' '\n' | tac | tr '\n' ' ') | sed 's/^/reversed /'
for s in $FRESH; do echo "fresh $(run $s)"; done
