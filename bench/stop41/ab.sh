#!/usr/bin/env bash
# ab.sh BEFORE_TREE AFTER_TREE SUITE OUTDIR ROUNDS THREADS...: bench/compare_torch.py in two built checkouts,
# alternating, one JSON and text file per side, thread count and round (stop 41's A/B of docs/PERFORMANCE.md).
before=$1; after=$2; suite=$3; out=$4; rounds=$5; shift 5
mkdir -p "$out"
for t in "$@"; do
  for r in $(seq 1 "$rounds"); do
    for side in main int; do
      tree=$before; [ $side = int ] && tree=$after
      echo "$(date +%T) load $(cut -d' ' -f1 /proc/loadavg) T=$t round $r $side" >> "$out/log"
      (cd "$tree" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/compare_torch.py --threads "$t" \
        --ops "${OPS:-conv,pool}" --suite "$suite" --json "$out/$side-t$t-r$r.json" > "$out/$side-t$t-r$r.txt" 2>&1)
    done
  done
done
echo "$(date +%T) done" >> "$out/log"
