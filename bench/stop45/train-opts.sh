#!/bin/bash
# train-opts.sh LABEL T [JAVA OPTIONS...]: one `./convkit train --epochs 1 --limit 19200 --threads T` with
# CONVKIT_JAVA_OPTS set to the options; prints the wall time and the images/s the command reports for the epoch
# (stop 45's JVM-option measurements of training's warm-up; output in OUT, default bench/stop45/train).
label=$1; T=$2; shift 2
root="$(cd "$(dirname "$0")/../.." && pwd)"
out=${OUT:-$root/bench/stop45/train}
mkdir -p "$out"
t0=$(date +%s.%N)
(cd "$root" && CONVKIT_JAVA_OPTS="$*" ./convkit train --epochs 1 --limit 19200 --threads "$T" --out "/tmp/train-opts-$label") \
  > "$out/$label.txt" 2>&1
t1=$(date +%s.%N)
echo "$label T=$T wall $(echo "$t1 - $t0" | bc) $(grep -o '[0-9.]* training images/s' "$out/$label.txt")" | tee -a "$out/summary.txt"
