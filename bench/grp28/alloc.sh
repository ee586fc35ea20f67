#!/bin/bash
# grp28: ALLOC=1 (kB a call of each pass, bench/ConvCpuTime.java) on JDK 25 and 17, the shapes in one JVM in the given
# order, then reversed. Usage: alloc.sh JAR SHAPES...
JAR=$1; shift
rev=$(printf '%s\n' "$@" | tac | tr '\n' ' ')
for J in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/java-17-openjdk-amd64/bin/java; do
  for order in fwd rev; do
    echo "== $J $order"
    if [ $order = fwd ]; then set -- "$@"; S="$*"; else S="$rev"; fi
    ALLOC=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $JAR bench/ConvCpuTime.java 1 40 $S 2>&1 | grep -v -i "warning\|getId\|^ *\^"
  done
done
