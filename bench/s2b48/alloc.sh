#!/bin/bash
# alloc.sh JAVA JAR SHAPES...: bench/stop45/alloc.sh for one pass (PASS, default wgrad) by AllocPass.java: each shape
# first in a fresh JVM (-Xbatch), then all in one JVM, then all in the reverse order in one JVM.
J=$1; JAR=$2; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
run() { "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -Xbatch -cp "$JAR" \
  "$here/AllocPass.java" 60 "$@" 2>/dev/null | grep -v "^WARN"; }
for s in "$@"; do run "$s" | sed "s/^/fresh  /"; done
run "$@" | sed "s/^/onejvm /"
rev=(); for s in "$@"; do rev=("$s" "${rev[@]}"); done
run "${rev[@]}" | sed "s/^/revjvm /"
