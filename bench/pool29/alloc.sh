#!/bin/bash
# bench/pool29/alloc.sh JAVA JAR CALLS SUITES ID...: AllocMix (compiled into $AH: javac -cp JAR -d $AH bench/pool29/AllocMix.java)
# with -Xbatch and the launcher's dontinline options: each id first in a fresh JVM, then all in one JVM in the order
# given, then all in one JVM reversed.
J=$1; JAR=$2; CALLS=$3; SUITES=$4; shift 4
k=dev.convkit.core.kernels.panama.PanamaVectorOps
run() { "$J" -XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*" \
  "-XX:CompileCommand=dontinline,$k::maxRow*" "-XX:CompileCommand=dontinline,$k::maxIndexRow*" \
  "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" \
  -Xbatch -Xms2g -Xmn1g --add-modules jdk.incubator.vector -cp "$AH:$JAR" AllocMix "$CALLS" "$SUITES" "$@" 2>&1 | grep -v WARNING; }
for s in "$@"; do run "$s" | sed "s/^/fresh  /"; done
run "$@" | sed "s/^/onejvm /"
rev=(); for s in "$@"; do rev=("$s" "${rev[@]}"); done
run "${rev[@]}" | sed "s/^/onerev /"
