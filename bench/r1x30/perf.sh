#!/bin/bash
# r1x30: perf profile of one pass (ONLY=fwd|scatter|wgrad) of one shape, one thread: perf.sh JAR PASS SHAPE [REPS]
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=$1; P=$2; S=$3; N=${4:-1500}
cd "$(dirname "$0")/../.."
out=/tmp/r1x30/perf-$P-${S%%:*}
mkdir -p /tmp/r1x30
ONLY=$P perf record -q -F 1999 -g -o $out.data $J --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions \
  -XX:+DumpPerfMapAtExit -XX:+UseParallelGC -Xms2g -Xmn1g -cp $JAR bench/ConvCpuTime.java 1 $N $S 2>/dev/null | grep -v WARN
perf report -q -i $out.data --no-children --sort symbol 2>/dev/null | grep -v "^$" | head -25
