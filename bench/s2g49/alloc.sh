#!/bin/bash
cd /work/wt/s2g49
S="h48-s2-1img-65:1:64:65:128:3:1:2 h49-1img-77:1:64:77:96:3:1:2 $(tr ' ' '\n' < bench/stop48/alloc-shapes.txt | grep -E '^(c7x7-s2-29|c5x5-s2-27-48):' | tr '\n' ' ')"
for J in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java java; do
  echo "== $J after.jar load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%H:%M:%S)"
  bash bench/stop45/alloc.sh $J /tmp/s2g49/after.jar $S
done > bench/s2g49/alloc.txt 2>&1
