#!/bin/bash
# spin.sh JAR ROUNDS REPS SHAPES...: ONLY=wgrad CPU=1 (JDK 25) at T=2, fresh JVMs, Parallel's helpers spinning 100 us
# (the default) against parking at once (-Dconvkit.spinMicros=0), alternating
J=$1; R=$2; N=$3; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
for r in $(seq 1 $R); do
  for S in 100 0; do
    echo "== round $r T=2 spinMicros=$S $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    ONLY=wgrad CPU=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Dconvkit.spinMicros=$S --add-modules jdk.incubator.vector -XX:+UseParallelGC \
      -Xms2g -Xmn1g -cp "$J" "$here/ConvCpuTime.java" 2 "$N" "$@" 2>/dev/null | grep -v '^WARN'
  done
done
