#!/bin/bash
# compare.sh BEFORE_TREE AFTER_TREE OUT ROUNDS: bench/compare_training.py in two built checkouts, alternating,
# T = 2 then T = 1 each round (stop 48's end-of-stop training reading).
before=$1; after=$2; out=$3; rounds=$4
mkdir -p "$out"
for r in $(seq ${FIRST:-1} "$rounds"); do
  for t in 2 1; do
    for side in main int; do
      tree=$before; [ $side = int ] && tree=$after
      echo "$(date +%T) load $(cut -d' ' -f1 /proc/loadavg) T=$t round $r $side" >> "$out/log"
      (cd "$tree" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/compare_training.py \
        --threads "$t" > "$out/$side-t$t-r$r.txt" 2>&1)
    done
  done
done
echo "$(date +%T) done" >> "$out/log"
