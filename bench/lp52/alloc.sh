#!/usr/bin/env bash
# bench/lp52/alloc.sh JAVA CLASSPATH CALLS SUITE IDS...: bench/stop45/alloc.sh for pools. PoolCpuTime's caller-thread
# bytes a call (the fewest of CALLS calls) with the launcher's dontinline options and -Xbatch (no measured call in C1
# code): each id first in a fresh JVM, then all ids in one JVM, then all in the reverse order in one JVM.
# P8OPT passes e.g. -Dpass=forward. PoolCpuTime compiled into $P8H (default /tmp/p8/h).
J=$1; cp=$2; calls=$3; suite=$4; shift 4
cd "$(dirname "$0")/../.."
k=dev.convkit.core.kernels.panama.PanamaVectorOps
run() { "$J" -XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
 "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" \
 -Xbatch $P8OPT -Xms2g -Xmn1g --add-modules jdk.incubator.vector -cp ${P8H:-/tmp/p8/h}:$cp PoolCpuTime "$calls" 1 "$suite" "$@" 2>&1 | grep -v WARNING; }
for id in "$@"; do run "$id" | sed "s/^/fresh /"; done
run "$@" | sed "s/^/onejvm /"
rev=(); for id in "$@"; do rev=("$id" "${rev[@]}"); done
run "${rev[@]}" | sed "s/^/reversed /"
