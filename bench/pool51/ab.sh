#!/usr/bin/env bash
# bench/pool48/ab.sh ROUNDS CALLS THREADS SUITE IDS...: PoolCpuTime (bench/pool8/cpu.sh: thread CPU at 1 thread, wall at
# more) of main's jar ($BEFORE) and this branch ($AFTER: a jar, or "CLASSES:JAR" with patched classes first), alternating
# in fresh JVMs, one JVM per id and side, each reading with the load average. HASH=1 adds the result's bits.
rounds=$1; calls=$2; threads=$3; suite=$4; shift 4
cd "$(dirname "$0")/../.."
h=${P48H:-/tmp/pool51/h}
for r in $(seq "$rounds"); do
  for id in "$@"; do
    for side in before after; do
      if [ $side = before ]; then jar=$BEFORE; else jar=$AFTER; fi
      line=$(P8H=$h bench/pool8/cpu.sh "$jar" "$calls" "$threads" "$suite" "$id")
      echo "r$r $side $line load $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
