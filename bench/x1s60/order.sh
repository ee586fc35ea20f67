#!/bin/bash
# order.sh JAR REPS OUT [JVMOPTS...]: ONLY=fwd CPU=1 ConvCpuTime at 1 thread on the shortcut, h54, r1x1-512to128 in
# that order (r1x59's losing order) in one JDK 25 JVM, with -XX:+PrintCompilation, output to OUT
J=$1; N=$2; O=$3; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
SC=h55-1x1-s2-512to1024-14:4:512:14:1024:1:0:2
H54=h54-1x1-384to96-17:8:384:17:96:1:0
R5=r1x1-512to128:8:512:14:128:1:0
ONLY=fwd CPU=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  -XX:+PrintCompilation "$@" -cp "$J" "$here/ConvCpuTime.java" 1 "$N" $SC $H54 $R5 > "$O" 2>&1
