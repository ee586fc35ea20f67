#!/bin/bash
# box28: result hashes of the touched passes on one JDK, main's jar against this branch's (HASH=1 of ConvCpuTime):
# the strided Winograd forwards (3x3 stride 2; r3x3-s2, -57, a held-out odd one) and the lane path's forwards
# (lenet-c2 and a held-out odd size), at 1 and 2 threads. usage: bench/box28/hash.sh JAVA BEFORE_JAR AFTER_JAR
JAVA=$1
S="r3x3-s2:8:64:56:128:3:1:2 r3x3-s2-57:8:64:57:128:3:1:2 hb28-s2-odd:3:40:45:56:3:1:2 lenet-c2:64:6:14:16:5:0 hb28-lane-13:16:6:13:16:5:0 lenet-odd-15:32:6:15:16:5:0"
for T in 1 2; do for J in $2 $3; do echo "== T=$T $J"; HASH=1 $JAVA --add-modules jdk.incubator.vector -cp $J bench/ConvCpuTime.java $T 1 $S 2>&1 | grep hashes; done; done
