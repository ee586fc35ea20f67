#!/usr/bin/env bash
# bench/pool49/split.sh ROUNDS CALLS THREADS SUITE "LABEL=OPTS" ... -- IDS...: PoolCpuTime (bench/pool8/cpu.sh: thread CPU at
# 1 thread, wall at more; STATS=1 adds the caller's median thread CPU and the wall min / median) of main's jar ($BEFORE,
# label "main", no options) and of $PROBE (patched classes ahead of main's jar) under each LABEL's JVM options (P8OPT),
# alternating in fresh JVMs, one JVM per id and side, each line with the load average.
rounds=$1; calls=$2; threads=$3; suite=$4; shift 4
variants=("main=")
while [ "$1" != "--" ]; do variants+=("$1"); shift; done
shift
cd "$(dirname "$0")/../.."
for r in $(seq "$rounds"); do
  for id in "$@"; do
    for v in "${variants[@]}"; do
      label=${v%%=*}; opts=${v#*=}
      if [ "$label" = main ]; then jar=$BEFORE; else jar=$PROBE; fi
      line=$(STATS=1 P8H=${P49H:-/tmp/pool49/h} P8OPT="$opts" bench/pool8/cpu.sh "$jar" "$calls" "$threads" "$suite" "$id")
      echo "r$r $label $line load $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
