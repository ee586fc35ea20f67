#!/bin/bash
# survey.sh JAR ROUNDS REPS OUT SHAPES...: per round, the dispatch's forward (ONLY=fwd ConvCpuTime, 1 thread), the same
# with WINOGRAD_OFF=1 (the phase split where the strided Winograd takes a shape), every candidate path forced
# (paths.sh), and PyTorch's passes (../s2o50/torch.sh), one after another; the load printed before each
JAR=$1; R=$2; N=$3; OUT=$4; shift 4
here="$(cd "$(dirname "$0")" && pwd)"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fwd() { echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) $1" >> "$OUT"
  env $2 ONLY=fwd $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$JAR" \
    "$here/../ConvCpuTime.java" 1 "$N" "${@:3}" 2>/dev/null | grep -v '^WARN' >> "$OUT"; }
for r in $(seq 1 $R); do
  fwd "round $r dispatch" "X=1" "$@"
  fwd "round $r WINOGRAD_OFF" "WINOGRAD_OFF=1" "$@"
  bash "$here/paths.sh" "$JAR" "$N" "$OUT" "$@"
  bash "$here/../s2o50/torch.sh" 1 "$N" "$OUT" "$@"
done
echo done >> "$OUT"
