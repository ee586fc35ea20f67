#!/bin/bash
# alloc.sh JAVA JAR SHAPES...: kB a call of each pass (ALLOC=1 reports the forward, input gradient and weight gradient
# together; -Xbatch so no measured call runs C1 code) of each shape
# first in a fresh JVM, then of all the shapes in one JVM (stop 45's check of the merged tree's changed paths).
J=$1; JAR=$2; shift 2
here="$(cd "$(dirname "$0")/.." && pwd)"
run() { ALLOC=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -Xbatch -cp "$JAR" \
  "$here/ConvCpuTime.java" 1 60 "$@" 2>/dev/null | grep -v "^WARN"; }
for s in "$@"; do run "$s" | sed "s/^/fresh /"; done
run "$@" | sed "s/^/onejvm /"
