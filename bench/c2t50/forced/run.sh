#!/bin/bash
# run.sh JAR REPS TILE SHAPES...: ForcedTile (JDK 25) compiled against JAR into /tmp, then run; SCATTER=1 for the
# input gradient's flipped correlation.
JAR=$1; shift
here="$(cd "$(dirname "$0")" && pwd)"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
out=$(mktemp -d)
$J/javac --add-modules jdk.incubator.vector -cp "$JAR" -d "$out" "$here/ForcedTile.java" 2>&1 | grep -v warning
$J/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$JAR:$out" \
  dev.convkit.core.conv.ForcedTile "$@" 2>/dev/null | grep -v '^WARN'
rm -rf "$out"
