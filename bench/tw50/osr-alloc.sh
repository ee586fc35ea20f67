#!/bin/bash
# osr-alloc.sh JAR LABEL SHAPES...: the on-stack compile made certain. Without tiered compilation HotSpot compiles a
# loop on stack after ~14,000 back edges (OnStackReplacePercentage) and a method after 10,000 calls, so a run of 48
# loop turns a call is compiled on stack first, as train49 saw under load with tiered compilation. ALLOC=1 then
# reads the kB a call of each pass, and the compile log says which of the micro-kernel's runs went on stack.
JAR=$1; label=$2; shift 2
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")/.." && pwd)"
out=${OUT:-/tmp/tw50/osr}; mkdir -p "$out"
ALLOC=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -XX:-TieredCompilation \
  -XX:+PrintCompilation -cp "$JAR" "$here/ConvCpuTime.java" 1 60 "$@" > "$out/$label.txt" 2>/dev/null
echo "== $label $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
grep "kB a call" "$out/$label.txt"
grep -E "PanamaMicroKernel::(packedRun|rowsRun)" "$out/$label.txt" | sed 's/^/  jit: /'
