#!/bin/bash
# post-ci.sh OUTDIR: stop 50's idle training readings after the CI, alternating main's tree and the merged one:
# `./convkit bench --train --threads T` (steady step, per layer) twice per side at T = 1 and 2, then tw50's candidate
# option against the plain launcher at T = 1 (compare_training, the merged tree, two pairs).
out=$1; main=/work/wt/before-main50; merged=/work/wt/int50; mkdir -p "$out"
for r in 1 2; do
  for t in 1 2; do
    for side in main merged; do
      tree=$main; [ $side = merged ] && tree=$merged
      echo "$(date +%T) load $(cut -d' ' -f1 /proc/loadavg) bench --train T=$t round $r $side" >> "$out/log"
      (cd "$tree" && ./convkit bench --train --threads $t) > "$out/train-$side-t$t-r$r.txt" 2>&1
    done
  done
done
for r in 1 2; do
  for opt in plain tier3delay; do
    echo "$(date +%T) load $(cut -d' ' -f1 /proc/loadavg) compare_training T=1 round $r $opt" >> "$out/log"
    if [ $opt = plain ]; then
      (cd $merged && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/compare_training.py --threads 1)
    else
      (cd $merged && CONVKIT_JAVA_OPTS=-XX:Tier3DelayOn=100000 env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
        /usr/bin/python3 bench/compare_training.py --threads 1)
    fi > "$out/compare-t1-$opt-r$r.txt" 2>&1
  done
done
echo "$(date +%T) done" >> "$out/log"
