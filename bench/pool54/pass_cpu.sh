#!/usr/bin/env bash
# bench/pool54/pass_cpu.sh ROUNDS CALLS THREADS PASS SUITE IDS...: PoolCpuTime (bench/pool8/cpu.sh; thread CPU at one
# thread, wall at more) of $BEFORE and $AFTER alternating in fresh JVMs, one JVM per id and side, PASS = infer | forward |
# backward, each line with the load average. HASH=1 and STATS=1 pass through. PoolCpuTime compiled into $P54H.
rounds=$1; calls=$2; threads=$3; pass=$4; suite=$5; shift 5
cd "$(dirname "$0")/../.."
h=${P54H:-/tmp/pool54/h}
for r in $(seq "$rounds"); do
  for id in "$@"; do
    for side in before after; do
      if [ $side = before ]; then jar=$BEFORE; else jar=$AFTER; fi
      line=$(P8OPT="-Dpass=$pass $P8OPT" P8H=$h bench/pool8/cpu.sh "$jar" "$calls" "$threads" "$suite" "$id")
      echo "r$r $side T=$threads $pass $line load $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
