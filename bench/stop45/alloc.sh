#!/bin/bash
# alloc.sh JAVA JAR PASS SHAPES...: kB a call (ALLOC=1, -Xbatch so no measured call runs C1 code) of each shape
# first in a fresh JVM, then of all the shapes in one JVM (stop 45's check of the merged tree's changed paths).
J=$1; JAR=$2; P=$3; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
run() { ONLY=$P ALLOC=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -Xbatch -cp "$JAR" \
  "$here/ConvCpuTime.java" 1 60 "$@" 2>/dev/null | grep -v "^WARN"; }
for s in "$@"; do run "$s" | sed "s/^/fresh /"; done
run "$@" | sed "s/^/onejvm /"
