#!/bin/bash
# alloc-bias.sh JAVA JAR SHAPES...: ALLOC=1 ForwardBiasCpuTime (-Xbatch, 30 warm-up calls, 60 counted) of each shape
# first in a fresh JVM, then of all the shapes in one JVM
J=$1; JAR=$2; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
run() { ALLOC=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -Xbatch -cp "$JAR" \
  "$here/ForwardBiasCpuTime.java" 30 60 "$@" 2>/dev/null | grep -v "^WARN"; }
for s in "$@"; do run "$s" | sed "s/^/fresh /"; done
run "$@" | sed "s/^/onejvm /"
