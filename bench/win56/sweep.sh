#!/bin/bash
# win56: sweep.sh JAR T PASS ROUNDS REPS "CONFIG1" "CONFIG2" ... -- SHAPES...: ONLY=PASS CPU=1 ConvCpuTime (JDK 25) on the
# throwaway knob build (bench/win56/knobs.patch), each CONFIG a string of -D options ("-" for none), the configs
# alternating within each round in fresh JVMs; prints each line tagged with its round and config
J=$1; T=$2; P=$3; R=$4; N=$5; shift 5
cfgs=(); while [ "$1" != "--" ]; do cfgs+=("$1"); shift; done; shift
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
for r in $(seq 1 $R); do
  for c in "${cfgs[@]}"; do
    opts=$c; [ "$opts" = "-" ] && opts=""
    ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $opts -cp "$J" \
      "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN' | sed "s/^/round $r [$c] /"
  done
  echo "# round $r done $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
done
