#!/bin/bash
# hash.sh JAR T SHAPES...: HASH=1 ConvCpuTime (the bits of every pass) on JDK 25 at T threads
JAR=$1; T=$2; shift 2
here="$(cd "$(dirname "$0")/.." && pwd)"
HASH=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  -cp "$JAR" "$here/ConvCpuTime.java" "$T" 1 "$@" 2>/dev/null | grep -v '^WARN'
