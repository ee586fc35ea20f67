#!/bin/bash
# e1.sh N: N bench JVMs of main's jar on bench/d5b61/suite-5x5.json at one thread, logs in bench/d5b61/e1/
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"; mkdir -p bench/d5b61/e1
for i in $(seq 1 $1); do
  echo "== jvm $i $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  bash bench/d5b61/benchjvm.sh /work/wt/before-main61/convkit-cli/target/convkit.jar 1 bench/d5b61/suite-5x5.json bench/d5b61/e1/j$i
done
