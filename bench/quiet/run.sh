#!/usr/bin/env bash
# The quiet-machine comparison behind each landing's tables in docs/PERFORMANCE.md: compare_torch.py on the suite
# and the held-out files, 1 then 2 threads per file, one JSON and one text file per run, a timestamped log.
#   bench/quiet/run.sh OUTDIR [SUITE_FILE ...]      (default: the suite and the four held-out files)
#   python3 bench/quiet/tables.py OUTDIR [BEFORE_OUTDIR]
# Run it with the machine otherwise idle (check `uptime`): it takes ~14 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { echo "usage: bench/quiet/run.sh OUTDIR [SUITE_FILE ...]" >&2; exit 2; }
out=$1; shift
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(bench/suite.json bench/convperf-extra.json bench/convsmall-extra.json \
                                 bench/pools-extra.json bench/pools-bwd-extra.json)
for f in "${files[@]}"; do [ -f "$f" ] || { echo "run.sh: suite file $f does not exist" >&2; exit 2; }; done
mkdir -p "$out"
for f in "${files[@]}"; do
  name=$(basename "$f" .json)
  for t in 1 2; do
    echo "$(date -u +%H:%M:%S) $name $t load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out/log"
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/compare_torch.py --threads "$t" \
        --suite "$f" --json "$out/$name-$t.json" > "$out/$name-$t.txt" 2>&1
  done
done
echo "$(date -u +%H:%M:%S) done" | tee -a "$out/log"
