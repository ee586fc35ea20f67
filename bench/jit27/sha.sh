#!/usr/bin/env bash
# The 1-epoch model's sha1 with a jar ($1), threads ($2), out dir ($3): the launcher's JVM options
# (-Xbatch at 2 threads), the same train command as compare_training.
jar=$1; t=$2; out=$3
k=dev.convkit.core.kernels.panama.PanamaVectorOps
opts=(-XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*"
  "-XX:CompileCommand=dontinline,$k::maxRow*" "-XX:CompileCommand=dontinline,$k::maxIndexRow*"
  "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g
  --add-modules jdk.incubator.vector)
[ "$t" -ge 2 ] && opts+=(-Xbatch)
rm -rf "$out"; mkdir -p "$out"
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${opts[@]}" -jar "$jar" train --epochs 1 --limit 19200 --threads "$t" --out "$out" > "$out.log" 2>&1
sha1sum "$out"/model.safetensors
