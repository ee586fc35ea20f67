#!/bin/bash
# grp50 (grp49's, unchanged): ab.sh T PASS ROUNDS REPS SHAPES...: ONLY=PASS (PASS all: every pass, with its path) CPU=1 bench/ConvCpuTime.java, every shape in one fresh JVM a side,
# the sides of SIDES ("name=JAR[,-Dprop=value...] ...") alternating for ROUNDS rounds; JAVA picks the JDK (default 25).
# Each output line is tagged "round R NAME".
T=$1; P=$2; R=$3; N=$4; shift 4
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")/.." && pwd)"
for r in $(seq 1 "$R"); do
  for side in $SIDES; do
    name=${side%%=*}; spec=${side#*=}; jar=${spec%%,*}; props=""
    [ "$spec" != "$jar" ] && props=$(echo "${spec#*,}" | tr ',' ' ')
    only="ONLY=$P"; [ "$P" = all ] && only=""
    env $only CPU=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $props -cp "$jar" \
      "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN' | sed "s/^/round $r $name /"
  done
done
