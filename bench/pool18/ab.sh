#!/usr/bin/env bash
# bench/pool18/ab.sh ROUNDS CALLS THREADS SUITE IDS...: PoolCpuTime (bench/pool8/cpu.sh) of the before jar ($BEFORE, compiled
# into $HB) and the after jar ($AFTER, into $HA), alternating in fresh JVMs, one JVM per id and side; prints each reading
# with the load average. P8OPT passes through (-Dpass=backward for backwards).
rounds=$1; calls=$2; threads=$3; suite=$4; shift 4
cd "$(dirname "$0")/../.."
for r in $(seq "$rounds"); do
  for id in "$@"; do
    for side in before after; do
      if [ $side = before ]; then jar=$BEFORE; h=$HB; else jar=$AFTER; h=$HA; fi
      line=$(P8H=$h bench/pool8/cpu.sh "$jar" "$calls" "$threads" "$suite" "$id")
      echo "r$r $side $line load $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
