#!/bin/bash
# main's passes split, 1t and 2t, then PyTorch's
cd /work/wt/wg2t58
MAIN=/work/wt/before-main58/convkit-cli/target/convkit.jar
S="$(cat bench/wg2t58/shapes.txt)"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for T in 1 2; do for P in wgrad scatter; do
  echo "# main $T $P $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
  ONLY=$P CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $MAIN bench/ConvCpuTime.java $T 30 $S 2>/dev/null | grep -v '^WARN'
done; done
