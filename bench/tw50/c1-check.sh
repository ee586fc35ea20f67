#!/bin/bash
# c1-check.sh JAR LABEL SHAPES...: ALLOC=1 ConvCpuTime with -Xbatch (the launcher's two-thread path: the runs go
# interpreter -> C1 with full profiling -> C2) and -XX:+PrintCompilation: the kB a call of each pass, and every compile
# of the micro-kernel's runs, with C1's bail-outs ("COMPILE SKIPPED": tw50's first variant, 8 steps a turn with the
# sums in registers, was too large for C1's linear scan at tier 3 and then never reached C2).
JAR=$1; label=$2; shift 2
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")/.." && pwd)"
out=${OUT:-/tmp/tw50/c1}; mkdir -p "$out"
ALLOC=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -Xbatch -XX:+PrintCompilation \
  -cp "$JAR" "$here/ConvCpuTime.java" 1 60 "$@" > "$out/$label.txt" 2>/dev/null
echo "== $label $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) java $("$J" -version 2>&1 | head -1)"
grep "kB a call" "$out/$label.txt"
grep -E "PanamaMicroKernel::(packedRun|rowsRun)" "$out/$label.txt" | sed 's/^/  jit: /'
