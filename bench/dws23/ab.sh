#!/bin/sh
# dws23: ROUNDS alternating rounds of before and after jars in fresh JVMs, T = 1 and 2 (CPU=1: summed thread CPU),
# on bench/dws23's shapes. Usage: sh bench/dws23/ab.sh ROUNDS BEFORE.jar AFTER.jar [REPS] [T...]
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
SH="dw3x3-s2-19-144:8:144:19:144:3:1:2:144 dw3x3-s2-21:8:96:21:96:3:1:2:96 dw3x3-27-odd:8:64:27:64:3:1:1:64
dw3x3-19-48:8:48:19:48:3:1:1:48 h-dw3x3-s2-17-160:8:160:17:160:3:1:2:160 h-dw3x3-23-72:8:72:23:72:3:1:1:72
h-dw5x5-s2-15-96:8:96:15:96:5:2:2:96"
R=$1; B=$2; A=$3; REPS=${4:-300}; shift 3; [ $# -gt 0 ] && shift; TS=${*:-1 2}
for r in $(seq 1 "$R"); do
  for T in $TS; do
    for side in before after; do
      jar=$B; [ $side = after ] && jar=$A
      echo "round $r T=$T $side $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
      CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar" bench/ConvCpuTime.java $T $REPS $SH 2>/dev/null | grep "t "
    done
  done
done
