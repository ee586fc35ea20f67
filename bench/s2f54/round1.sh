#!/bin/bash
# round1.sh ROUNDS REPS OUT: the forced paths on main's jar (row-chunk strided Winograd) and on the flat-tiles jar,
# PyTorch's passes, and main's two-thread forward with CPU=1 (the s2w53 lead), alternating, shapes from shapes.txt
R=$1; N=$2; OUT=$3
here="$(cd "$(dirname "$0")" && pwd)"
S=$(cat "$here/shapes.txt")
for r in $(seq 1 $R); do
  bash "$here/paths.sh" /tmp/s2f54/main.jar "$N" "$OUT" $S
  bash "$here/paths.sh" /tmp/s2f54/flat.jar "$N" "$OUT" $S
  bash "$here/../s2o50/torch.sh" 1 "$N" "$OUT" $S
done
echo done >> "$OUT"
