#!/bin/bash
# hashx.sh JAR T OPTS SHAPES...: bench/s2b48/hash.sh with JVM options
JAR=$1; T=$2; O=$3; shift 3
HASH=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $O \
  -cp "$JAR" "$(dirname "$0")/../ConvCpuTime.java" "$T" 1 "$@" 2>/dev/null | grep -v '^WARN'
