out=${1:-/tmp/glob}; mkdir -p $out
for r in 1 2 3; do for t in /work/wt/before-main49 /work/wt/int49; do n=$(basename $t)
 (cd $t && ./convkit bench --json --threads 1 --suite bench/stop49/global/globals.json --ops pool > $out/$n-r$r.json 2>/dev/null); done; done
