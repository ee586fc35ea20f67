#!/bin/bash
# ab7.sh OUT ROUNDS TREE...: convkit bench --json --threads 1 on suite7.json (the suite's first seven conv shapes) in each built tree, alternating; python3 j7.py OUT/*.json tabulates
out=$1; rounds=$2; shift 2; mkdir -p $out
for r in $(seq $rounds); do for t in "$@"; do
  n=$(basename $t); echo "$(date +%T) load $(cut -d' ' -f1 /proc/loadavg) r$r $n" >> $out/log
  (cd $t && ./convkit bench --json --threads 1 --suite $(dirname "$(readlink -f "$0")")/suite7.json --ops conv > $out/$n-r$r.json 2>$out/$n-r$r.err)
done; done
echo "$(date +%T) done" >> $out/log
