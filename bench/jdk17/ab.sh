#!/bin/bash
# jdk17: weight-gradient thread CPU (ONLY=wgrad, fastest call) and kB a call of the three depthwise shapes, main's jar
# against this branch's, on JDK 17 and Temurin 25, fresh JVMs alternating, 3 rounds.
BEFORE=/work/wt/before-main44/convkit-cli/target/convkit.jar AFTER=convkit-cli/target/convkit.jar
S="dw3x3-56:8:128:56:128:3:1:1:128 dw3x3-s2-19-144:8:144:19:144:3:1:2:144 dw5x5-s2-21-96:8:96:21:96:5:2:2:96"
for round in 1 2 3; do
  for J in /usr/lib/jvm/java-17-openjdk-amd64/bin/java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; do
    for side in before after; do jar=$BEFORE; [ $side = after ] && jar=$AFTER
      ONLY=wgrad CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $jar bench/ConvCpuTime.java 1 20 $S 2>&1 \
        | grep wgrad | sed "s|^|round $round $(basename $(dirname $(dirname $J))) $side |"
    done
  done
done
