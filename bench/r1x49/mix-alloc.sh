#!/bin/bash
# mix-alloc.sh JAVA JAR [SHAPES...]: r1x48's mix check (bench/r1x48/mix17-alloc.txt): ALLOC=1 ConvCpuTime, no -Xbatch,
# 5 calls, ConvKernelAllocationTest's BENCH_MIX at batch 1 in the bench's order, then the 1×1 shapes at their own batch
# and h43-g2-5x5-17-64 / g2-5x5-17 again, all in one JVM: kB a call of each pass (a boxed kernel shows megabytes).
J=$1; JAR=$2; shift 2
here="$(cd "$(dirname "$0")/.." && pwd)"
mix=$(sed -n '/BENCH_MIX = {/,/};/p' "$here/../convkit-core/src/test/java/dev/convkit/core/conv/ConvKernelAllocationTest.java" \
  | grep -o '"[^"]*"' | tr -d '"' | awk -F: 'BEGIN{OFS=":"} {$2=1; print}')
ALLOC=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$JAR" "$here/ConvCpuTime.java" 1 5 \
  $mix "$@" h43-g2-5x5-17-64:8:64:17:64:5:2:1:2 g2-5x5-17:2:64:17:64:5:2:1:2 2>/dev/null | grep -v '^WARN'
