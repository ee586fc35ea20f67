#!/bin/bash
# s2f28: kB allocated a forward call (ONLY=fwd ALLOC=1) on JDK 25 and 17: each shape first in a fresh JVM, then all
# shapes in one JVM in the given order and reversed. usage: [JDKS="java ..."] bench/s2f28/alloc.sh JAR SHAPE...
# (FRESH=N: only the first N shapes get a fresh JVM of their own; all go into the two shared ones)
JAR=$1; shift
HERE=$(cd "$(dirname "$0")/../.." && pwd)
for JAVA in ${JDKS:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/java-17-openjdk-amd64/bin/java}; do
  jdk=$($JAVA -version 2>&1 | head -1 | sed 's/.*version "\([0-9]*\).*/\1/')
  run() { ONLY=fwd ALLOC=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $JAR \
      $HERE/bench/ConvCpuTime.java 1 ${REPS:-30} "$@" 2>/dev/null; }
  i=0; for s in "$@"; do i=$((i+1)); [ $i -gt ${FRESH:-999} ] && break; run "$s" | sed "s/^/jdk$jdk fresh /"; done
  run "$@" | sed "s/^/jdk$jdk all-fwd /"
  rev=(); for s in "$@"; do rev=("$s" "${rev[@]}"); done
  run "${rev[@]}" | sed "s/^/jdk$jdk all-rev /"
done
