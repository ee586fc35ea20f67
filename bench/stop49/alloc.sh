#!/bin/bash
# alloc.sh JAR OUTDIR [SHAPES_FILE]: stop 45's allocation check (bench/stop45/alloc.sh: each shape first in a fresh JVM, then all in
# one JVM) on alloc-shapes.txt (or SHAPES_FILE), plus all in one JVM in the reversed order, on JDK 25 then JDK 17 (stop 49's merged tree).
JAR=$1; out=$2; here="$(cd "$(dirname "$0")" && pwd)"; mkdir -p "$out"
shapes=$(cat "${3:-$here/alloc-shapes.txt}"); reversed=$(echo $shapes | tr ' ' '\n' | tac | tr '\n' ' ')
for j in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java java; do
  tag=$([ "$j" = java ] && echo 17 || echo 25)
  bash "$here/../stop45/alloc.sh" "$j" "$JAR" $shapes > "$out/alloc49-$tag.txt" 2>&1
  ALLOC=1 "$j" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -Xbatch -cp "$JAR" \
    "$here/../ConvCpuTime.java" 1 60 $reversed 2>/dev/null | grep -v '^WARN' | sed 's/^/reversed /' >> "$out/alloc49-$tag.txt"
done
