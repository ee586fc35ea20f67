#!/bin/bash
# grp57: bench/grp57/LaneKernelRate.java (grp50's harness, fewer reps) on JDK 25 for the focus shapes' task loops: JAR
# (rows outer as main, "task"; reduction blocks outer, "kcouter"; one tile's call again and again, "hot")
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
run() { "$J" --add-modules jdk.incubator.vector -cp "$1" bench/grp57/LaneKernelRate.java "${@:2}" 2>/dev/null | grep -v '^WARN'; }
JAR=$1
uptime
for m in hot task kcouter; do
  run $JAR 48 21 11 5 32 7 $m   # h53-g2-5x5-21: the pair block, 3 tiles of 7 a row
  run $JAR 32 13 13 5 16 13 $m  # h54-g2-5x5-13: slices, one tile of 13 a row
  run $JAR 16 15 15 5 16 15 $m  # h50-g8-5x5-15-128: one slice, a tile of 15
  run $JAR 32 28 7 3 32 10 $m   # g4-3x3-28: pairs, 3 tiles a row (9, 9, 10)
done
uptime
