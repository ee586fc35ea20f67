#!/bin/bash
# blocks.sh JAR ROUNDS REPS SHAPES...: ONLY=wgrad CPU=1 (JDK 25), fresh JVMs, the gathered-taps weight gradient's column
# blocks forced by -Ds2t53.blocks (experiment jar only): T=1 at 3 and 6 blocks, T=2 at 6 and 2 blocks, alternating
J=$1; R=$2; N=$3; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
for r in $(seq 1 $R); do
  for tb in 1:3 1:6 2:6 2:2; do
    T=${tb%:*}; B=${tb#*:}
    echo "== round $r T=$T blocks=$B $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    ONLY=wgrad CPU=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Ds2t53.blocks=$B --add-modules jdk.incubator.vector -XX:+UseParallelGC \
      -Xms2g -Xmn1g -cp "$J" "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN'
  done
done
