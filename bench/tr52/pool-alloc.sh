#!/usr/bin/env bash
# bench/tr52/pool-alloc.sh JAVA JAR SUITE IDS...: PoolCpuTime's training forward (-Dpass=forward; MB/call(caller) is the
# caller's heap allocation a call) with -Xbatch and the launcher's dontinline options, each id first in a fresh JVM, then
# all of the suite in one JVM. PoolCpuTime compiled into $P8H (javac -cp JAR -d DIR bench/pool8/PoolCpuTime.java).
J=$1; jar=$2; suite=$3; shift 3
cd "$(dirname "$0")/../.."
k=dev.convkit.core.kernels.panama.PanamaVectorOps
run() { "$J" -XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
 "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" \
 -Dpass=forward -Xbatch -Xms2g -Xmn1g --add-modules jdk.incubator.vector -cp ${P8H:-/tmp/p8/h}:$jar PoolCpuTime 60 1 "$suite" "$@" 2>&1 | grep -v WARNING; }
echo "== $("$J" -version 2>&1 | head -1) $jar $(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
for id in "$@"; do run "$id" | sed 's/^/fresh  /'; done
run | sed 's/^/onejvm /'
