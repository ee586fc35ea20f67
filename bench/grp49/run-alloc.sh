#!/bin/bash
# grp49: allocation of the committed rule's jar after ConvKernelAllocationTest's BENCH_MIX at batch 1, JDK 17 and 25 at once
cd /work/wt/grp49
F=/tmp/grp49/final.jar
O=bench/grp49
S="h43-g2-5x5-17-64:8:64:17:64:5:2:1:2 h45-g4-3x3-17-128:8:128:17:128:3:1:1:4 g2-5x5-17:2:64:17:64:5:2:1:2 h49-g4-5x5-13-96:8:96:13:96:5:2:1:4"
(echo "== $F"; bash $O/mix.sh java $F $S) > $O/mix-17.txt &
(echo "== $F"; bash $O/mix.sh /usr/lib/jvm/temurin-25-jdk-amd64/bin/java $F $S) > $O/mix-25.txt &
wait
