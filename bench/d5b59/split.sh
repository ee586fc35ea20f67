#!/bin/bash
# split.sh JAR T REPS SHAPES...: every pass of each shape (CPU=1 ConvCpuTime, JDK 25), with its path
JAR=$1; T=$2; N=$3; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
echo "# $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg) $JAR"
CPU=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  $OPTS -cp "$JAR" "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN'
