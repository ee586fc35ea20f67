#!/bin/bash
# train-cpu.sh LABEL T [JAVA OPTIONS...]: as train-opts.sh, with the process's CPU time (user + sys) by /usr/bin/time,
# the reading used under load (stop 45).
label=$1; T=$2; shift 2
root="$(cd "$(dirname "$0")/../.." && pwd)"
out=${OUT:-$root/bench/stop45/train}
mkdir -p "$out"
/usr/bin/time -f "%U %S %e" -o "/tmp/train-cpu-$label.t" env CONVKIT_JAVA_OPTS="$*" "$root/convkit" train --epochs 1 \
  --limit 19200 --threads "$T" --out "/tmp/train-cpu-$label" > "$out/$label.txt" 2>&1
read -r u s e < "/tmp/train-cpu-$label.t"
echo "$label T=$T cpu $(echo "$u + $s" | bc) wall $e $(grep -o '[0-9.]* training images/s' "$out/$label.txt") load $(cut -d' ' -f1 /proc/loadavg)" \
  | tee -a "$out/cpu-summary.txt"
