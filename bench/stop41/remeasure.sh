#!/usr/bin/env bash
# remeasure.sh BEFORE_JAR AFTER_JAR OUTDIR: stop 41's re-measure of the A/B's noisy rows, fresh JVMs alternating
# before / after, 3 rounds; thread CPU at 1 thread, wall (and summed / busiest CPU) at 2. Read the fastest per side.
before=$1; after=$2; out=$3; mkdir -p "$out"
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
S1="r3x3-s2:8:64:56:128:3:1:2 r3x3-s2-57:8:64:57:128:3:1:2 r3x3-s2-45-96:8:96:45:96:3:1:2 dw5x5-s2-21-96:8:96:21:96:5:2:2:96 r3x3-14:8:256:14:256:3:1:1"
S2="r1x1-768to192-7:8:768:7:192:1:0:1 r1x1-512to128:8:512:14:128:1:0:1 r3x3-9:8:256:9:256:3:1:1 g8-3x3-17-128:8:128:17:128:3:1:1:8 r3x3-6-512:8:512:6:512:3:1:1"
for r in 1 2 3; do for side in main int; do
  jar=$before; [ $side = int ] && jar=$after
  CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar" bench/ConvCpuTime.java 1 60 $S1 > "$out/$side-t1-r$r.txt" 2>&1
  CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar" bench/ConvCpuTime.java 2 60 $S2 > "$out/$side-t2-r$r.txt" 2>&1
done; done
