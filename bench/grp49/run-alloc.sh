#!/bin/bash
# grp49: allocation of the final jar: JDK 17 and 25 after ConvKernelAllocationTest's BENCH_MIX at batch 1 (main's jar too),
# and JDK 25 each moved shape first in a fresh JVM (-Xbatch)
cd /work/wt/grp49
B=/work/wt/before-main49/convkit-cli/target/convkit.jar
F=/tmp/grp49/final.jar
O=bench/grp49
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
while pgrep -f phase2b.sh >/dev/null; do sleep 2; done
S="h43-g2-5x5-17-64:8:64:17:64:5:2:1:2 h45-g4-3x3-17-128:8:128:17:128:3:1:1:4 g2-5x5-17:2:64:17:64:5:2:1:2 h49-g4-5x5-13-96:8:96:13:96:5:2:1:4 h46-g2-3x3-19-64:8:64:19:64:3:1:1:2 g4-3x3-28:8:128:28:128:3:1:1:4"
for jar in $B $F; do echo "== $jar"; bash $O/mix.sh java $jar $S; done > $O/mix-17.txt
for jar in $B $F; do echo "== $jar"; bash $O/mix.sh $J25 $jar $S; done > $O/mix-25.txt
bash bench/stop45/alloc.sh $J25 $F h43-g2-5x5-17-64:8:64:17:64:5:2:1:2 h45-g4-3x3-17-128:8:128:17:128:3:1:1:4 > $O/alloc-25.txt
