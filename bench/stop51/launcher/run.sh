#!/usr/bin/env bash
# Idle A/B of launcher options for `train` (one 19,200-image epoch, the images/s convkit's log reports, which is what
# bench/compare_training.py reads): the default options against CONVKIT_JAVA_OPTS=$2, alternating, ROUNDS rounds.
#   bench/stop51/launcher/run.sh THREADS "OPTIONS" ROUNDS OUTFILE
set -euo pipefail
cd "$(dirname "$0")/../../.."
t=$1; opts=$2; rounds=$3; out=$4
: > "$out"
run() { # label, options
  local dir; dir=$(mktemp -d)
  local start; start=$(date +%s.%N)
  local line
  line=$(CONVKIT_JAVA_OPTS="$2" ./convkit train --epochs 1 --limit 19200 --batch 64 --threads "$t" --out "$dir" \
         --data /usr/share/datasets/fashion-mnist 2>/dev/null | grep -o '[0-9.]* training images/s' | head -1)
  local end; end=$(date +%s.%N)
  printf '%s %s T=%s load %s: %s; process wall %.2f s; model %s\n' "$(date -u +%H:%M:%S)" "$1" "$t" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$line" "$(echo "$end - $start" | bc)" \
    "$(sha1sum "$dir"/model.safetensors 2>/dev/null | cut -c1-12 | head -1)" | tee -a "$out"
  rm -rf "$dir"
}
for r in $(seq "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then run default ""; run "opts[$opts]" "$opts"; else run "opts[$opts]" "$opts"; run default ""; fi
done
