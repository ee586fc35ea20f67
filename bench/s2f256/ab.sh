#!/bin/bash
# ab.sh BEFORE.jar AFTER.jar T PASS ROUNDS REPS SHAPES...: bench/dw51/ab.sh with JVM options per side
# (OB=... before, OA=... after, e.g. OA=-Ds2f256.cb=true) and ENV_B / ENV_A (e.g. ENV_A=WINOGRAD_OFF=1)
B=$1; A=$2; T=$3; P=$4; R=$5; N=$6; shift 6
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { local jar=$1 opts=$2 envs=$3; shift 3
  env ONLY=$P CPU=1 $envs $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC $opts \
  -Xms2g -Xmn1g -cp "$jar" "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  one "$B" "$OB" "$ENV_B" "$@" | sed "s/^/round $r before /"
  one "$A" "$OA" "$ENV_A" "$@" | sed "s/^/round $r after  /"
done
