#!/bin/bash
# stem25 A/B: fresh JVMs alternating before / after, ONLY=scatter, T=1 and T=2 (CPU=1), 3 rounds
cd "$(dirname "$0")/../.."
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
B=${BEFORE:-/work/wt/before-main42/convkit-cli/target/convkit.jar}
A=${AFTER:-convkit-cli/target/convkit.jar}
S="first-c3-5x5-33:8:3:33:32:5:2 stem-97:16:3:97:16:7:3:2 first-c3-7x7-s2-65:8:3:65:32:7:3:2 stem-89:16:3:89:24:7:3:2 h81:16:3:81:24:7:3:2 h45:8:3:45:48:5:2 h28c1:8:1:28:32:3:1 h64:8:3:64:32:3:1 c7:2:4:40:64:7:3"
for r in 1 2 3; do
  for side in before after; do
    jar=$B; [ $side = after ] && jar=$A
    for T in 1 2; do
      echo "# round $r $side T=$T $(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
      ONLY=scatter CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -cp $jar bench/ConvCpuTime.java $T 20 warm:8:3:33:32:5:2 $S 2>/dev/null | sed "s/^/$side /"
    done
  done
done
