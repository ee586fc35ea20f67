#!/bin/bash
# ab-train.sh BEFORE_ROOT AFTER_ROOT T ROUNDS: `ROOT/convkit bench --train --threads T` alternating main's tree and this
# branch's, fresh JVMs; the conv2d(32,64) layer's line, the whole step and its thread CPU, tagged with round, side, load
B=$1; A=$2; T=$3; R=$4
for r in $(seq 1 $R); do
  for side in before after; do
    root=$B; [ $side = after ] && root=$A
    load=$(cut -d' ' -f1 /proc/loadavg)
    "$root/convkit" bench --train --threads "$T" 2>/dev/null | grep -E '^3 conv2d|whole step|thread CPU per step' \
      | sed "s/^/round $r $side load $load /"
  done
done
