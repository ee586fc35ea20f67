#!/usr/bin/env bash
# bench/pool24/ab.sh BEFORE_JAR AFTER_JAR CALLS ROUNDS THREADS [ids]: PoolCpuTime (bench/pool8/cpu.sh) on bench/pool24/shapes.json,
# before and after alternating in fresh JVMs; HASH=1 adds the result bits. Compile first: javac -cp JAR -d ${P8H:-/tmp/p8/h} bench/pool8/PoolCpuTime.java
before=$1; after=$2; calls=$3; rounds=$4; threads=$5; shift 5
dir=$(dirname "$0")
for r in $(seq 1 "$rounds"); do
  for side in before after; do
    jar=$before; [ $side = after ] && jar=$after
    "$dir"/../pool8/cpu.sh "$jar" "$calls" "$threads" "$dir"/shapes.json "$@" | sed "s/^/$side r$r T$threads /"
  done
done
