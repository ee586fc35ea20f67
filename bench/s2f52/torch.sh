#!/bin/bash
# torch.sh T REPS OUT SHAPES...: PyTorch 1.13's passes (bench/r1x49/torch_pass_cpu.py: thread CPU at one thread), the
# load printed first, appended to OUT
T=$1; N=$2; OUT=$3; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) torch T=$T" >> "$OUT"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 \
  /usr/bin/python3 "$here/r1x49/torch_pass_cpu.py" "$T" "$N" "$@" >> "$OUT" 2>&1
