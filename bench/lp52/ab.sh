#!/usr/bin/env bash
# bench/lp52/ab.sh ROUNDS CALLS THREADS SUITE IDS...: bench/pool48/ab.sh with all ids in one fresh JVM per side and round
# (a JVM per id took a minute each at load 25): PoolCpuTime through bench/pool8/cpu.sh (thread CPU at 1 thread),
# main's jar ($BEFORE) then this branch ($AFTER: a jar, or "CLASSES:JAR"), alternating; the load average after each JVM.
rounds=$1; calls=$2; threads=$3; suite=$4; shift 4
cd "$(dirname "$0")/../.."
h=${P48H:-/tmp/p48/h}
for r in $(seq "$rounds"); do
  for side in before after; do
    if [ $side = before ]; then jar=$BEFORE; else jar=$AFTER; fi
    P8H=$h bench/pool8/cpu.sh "$jar" "$calls" "$threads" "$suite" "$@" | sed "s/^/r$r $side /"
    echo "r$r $side load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
