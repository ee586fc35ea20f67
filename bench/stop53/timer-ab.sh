#!/bin/bash
# timer-ab.sh OLD_TREE NEW_TREE SUITE OUT ROUNDS THREADS: `./convkit bench --json` alone (no PyTorch) in two built
# checkouts, alternating, one JSON per side and round (stop 53: the bench's JIT-quiet warm-up against the old one,
# the kernels identical).
old=$1; new=$2; suite=$3; out=$4; rounds=$5; t=$6
mkdir -p "$out"
for r in $(seq 1 "$rounds"); do
  for side in old new; do
    tree=$old; [ $side = new ] && tree=$new
    echo "$(date +%T) load $(cut -d' ' -f1 /proc/loadavg) T=$t round $r $side" >> "$out/log"
    (cd "$tree" && ./convkit bench --json --threads "$t" --suite "$suite" --ops conv,pool > "$out/$side-t$t-r$r.json" 2> "$out/$side-t$t-r$r.err")
  done
done
echo "$(date +%T) done" >> "$out/log"
