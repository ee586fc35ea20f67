#!/bin/bash
# grp50: bench/grp50/LaneKernelRate.java on JDK 25 for g4-3x3-28's and h43-g2-5x5-17-64's tasks: JAR
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
run() { "$J" --add-modules jdk.incubator.vector -cp "$1" bench/grp50/LaneKernelRate.java "${@:2}" 2>/dev/null | grep -v '^WARN'; }
JAR=$1
uptime
for m in hot task kcouter; do
  run $JAR 32 28 7 3 32 10 $m   # g4-3x3-28: pairs, 3 tiles a row (9, 9, 10)
  run $JAR 32 28 7 3 32 12 $m   # pairs at the widest tile (12, 12, 4: what 12-position calls cost)
  run $JAR 32 28 7 3 16 14 $m   # slices, 14 + 14
  run $JAR 32 17 8 5 16 17 $m   # h43-g2-5x5-17-64: slices, one tile a row
done
uptime
