#!/bin/bash
# ab3.sh T PASS ROUNDS REPS JAR[@OPTS] ... -- SHAPES...: bench/sm55/abx.sh with any number of jars a round (fresh JVMs,
# JDK 25, ONLY=PASS CPU=1 ConvCpuTime; OPTS: JVM options of that side, e.g. JAR@-Dx=1), each line tagged with its round
# and jar index (jar0, jar1, ... in the order given); a "# round" line with the time and load
T=$1; P=$2; R=$3; N=$4; shift 4
jars=()
while [ "$1" != "--" ]; do jars+=("$1"); shift; done
shift
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { local jar=${1%%@*} opts=""; [ "$jar" != "$1" ] && opts=${1#*@}
  ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $opts \
  -cp "$jar" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  echo "# round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
  for j in "${!jars[@]}"; do
    one "${jars[$j]}" "$@" | sed "s|^|round $r jar$j |"
  done
done
