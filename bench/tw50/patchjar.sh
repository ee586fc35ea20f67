#!/bin/bash
# patchjar.sh BASE.jar SRC.java OUT.jar: BASE.jar with PanamaMicroKernel recompiled from SRC.java (javac --release 17,
# as the pom), so that kernel variants are measured on one otherwise identical jar (the variants' jars, not the final one).
set -e
base=$1; src=$2; out=$3
tmp=$(mktemp -d); mkdir -p "$tmp/src/dev/convkit/core/kernels/panama"
cp "$src" "$tmp/src/dev/convkit/core/kernels/panama/PanamaMicroKernel.java"
javac --release 17 --add-modules jdk.incubator.vector -Xlint:-options -nowarn -cp "$base" -d "$tmp/out" \
  "$tmp/src/dev/convkit/core/kernels/panama/PanamaMicroKernel.java" 2>&1 | grep -v "^warning\|incubat\|^1 warning" || true
cp "$base" "$out"
(cd "$tmp/out" && jar uf "$out" dev/convkit/core/kernels/panama/PanamaMicroKernel*.class)
rm -rf "$tmp"
