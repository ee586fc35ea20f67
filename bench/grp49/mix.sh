#!/bin/bash
# grp49: mix.sh JAVA JAR SHAPES...: ALLOC=1 (no -Xbatch, 5 calls a pass, as r1x48's reproduction of
# ConvKernelAllocationTest) of ConvKernelAllocationTest's BENCH_MIX at batch 1 (benchmix-batch1.txt), then SHAPES, in
# one JVM: whether the changed paths box after the bench's other kernels compiled first (stop 48's r1x48 on JDK 17).
J=$1; JAR=$2; shift 2
here="$(cd "$(dirname "$0")/.." && pwd)"
ALLOC=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$JAR" \
  "$here/ConvCpuTime.java" 1 5 $(cat "$here/grp49/benchmix-batch1.txt") "$@" 2>/dev/null | grep -v "^WARN"
