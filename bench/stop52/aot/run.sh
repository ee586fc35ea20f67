#!/usr/bin/env bash
# AOT cache experiment: record a cache from a short training run, then A/B one 19,200-image epoch at T threads.
#   run.sh T ROUNDS OUT
set -uo pipefail
cd /work/main
t=$1; rounds=$2; out=$3
cache=/tmp/aot52/ck-t$t.aot
mkdir -p /tmp/aot52
if [ ! -f "$cache" ]; then
  d=$(mktemp -d)
  /usr/bin/time -f 'record wall %e s' env CONVKIT_JAVA_OPTS="-XX:AOTCacheOutput=$cache" ./convkit train --epochs 1 --limit 1920 --batch 64 --threads "$t" --out "$d" --data /usr/share/datasets/fashion-mnist 2>&1 | tail -3 | tee -a "$out"
  ls -la "$cache" | tee -a "$out"
fi
bash bench/stop51/launcher/run.sh "$t" "-XX:AOTCache=$cache" "$rounds" "$out.ab"
cat "$out.ab" >> "$out"
