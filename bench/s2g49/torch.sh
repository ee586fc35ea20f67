#!/bin/bash
cd /work/wt/s2g49
S=$(cat bench/s2g49/shapes.txt)
for T in 1 2; do echo "== torch T=$T load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%H:%M:%S)"; env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 /usr/bin/python3 bench/s2conv10/torch_s2_cpu.py $T 20 $S; done > bench/s2g49/torch.txt 2>&1
