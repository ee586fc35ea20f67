#!/usr/bin/env bash
# Whole-command CPU of `convkit train` under JVM option variants, alternating, fresh JVMs.
# usage: bench/warm27/rounds.sh ROUNDS LIMIT THREADS LAUNCHER_DIR "label=OPTS" ...
# prints per run: label, user, sys, minor faults, epoch seconds and img/s from the log, the model's sha1.
set -u
rounds=$1 limit=$2 threads=$3 dir=$4; shift 4
for r in $(seq 1 "$rounds"); do
  for variant in "$@"; do
    label="${variant%%=*}" opts="${variant#*=}"
    out=$(mktemp -d /tmp/w27run.XXXXXX)
    load=$(cut -d' ' -f1 /proc/loadavg)
    res=$( { CONVKIT_JAVA_OPTS="$opts" /usr/bin/time -f "TIME %U %S %R %e" "$dir/convkit" train --epochs 1 \
      --limit "$limit" --threads "$threads" --out "$out" >/dev/null; } 2>&1 | tr '\r' '\n' | grep -E '^TIME|^epoch 1:')
    t=$(echo "$res" | grep '^TIME'); e=$(echo "$res" | grep '^epoch 1:' | sed 's/.*| \(.*\) s, \(.*\) img.*/\1 s \2 img\/s/')
    sha=$(sha1sum "$out/model.safetensors" 2>/dev/null | cut -c1-12)
    read -r _ user sys minflt wall <<<"$t"
    echo "round $r $label load $load: user $user sys $sys minflt $minflt wall $wall | epoch $e | sha1 $sha"
    rm -rf "$out"
  done
done
