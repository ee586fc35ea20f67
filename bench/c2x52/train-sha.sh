#!/bin/bash
# train-sha.sh ROOT...: sha1 of model files after `ROOT/convkit train --epochs 1 --limit 1920 --threads T` at T = 1, 2
for root in "$@"; do
  for t in 1 2; do
    out=$(mktemp -d)
    "$root/convkit" train --epochs 1 --limit 1920 --threads $t --out "$out" > "$out.log" 2>&1
    echo "$root T=$t $(cd "$out" && sha1sum * | tr '\n' ' ')"
  done
done
