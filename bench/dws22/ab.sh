#!/bin/sh
# dws22: ROUNDS alternating rounds of before and after jars in fresh JVMs, T = 1 and 2 (CPU=1: summed thread CPU),
# on bench/dws22's shapes. Usage: sh bench/dws22/ab.sh ROUNDS BEFORE.jar AFTER.jar [REPS]
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
SH="dw3x3-s2-21:8:96:21:96:3:1:2:96 dw3x3-s2-19-144:8:144:19:144:3:1:2:144 dw3x3-s2-28:8:64:28:64:3:1:2:64
dw3x3-s2-15-72:8:72:15:72:3:1:2:72 dw3x3-s2-23-p0:4:128:23:128:3:0:2:128 dw3x3-27-odd:8:64:27:64:3:1:1:64
h-dw3x3-s2-17-240:8:240:17:240:3:1:2:240 h-dw3x3-s2-33-32:8:32:33:32:3:1:2:32 h-dw3x3-s2-25-p0:4:192:25:192:3:0:2:192
h-dw5x5-s2-19-120:8:120:19:120:5:2:2:120 h-dw3x3-23-96:8:96:23:96:3:1:1:96 h-dw3x3-13-64:8:64:13:64:3:1:1:64"
for r in $(seq 1 "$1"); do
  for T in 1 2; do
    for side in before after; do
      jar=$2; [ $side = after ] && jar=$3
      echo "round $r T=$T $side $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
      CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar" bench/ConvCpuTime.java $T ${4:-300} $SH 2>/dev/null | grep "t "
    done
  done
done
