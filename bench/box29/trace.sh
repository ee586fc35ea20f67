#!/bin/bash
# box29: one JVM of box28's AllocSweep over ITEMS: its lines into OUT.log, PrintCompilation (and PrintInlining with
# INL=1) into OUT.vm, a JFR recording OUT.jfr (allocation samples) with JFR=1.
# usage: JAVA=... JAR=... OUT=prefix bench/box29/trace.sh ITEMS...
cd "$(dirname "$0")/../.." || exit 1
CLS=${CLS:-/tmp/box29-classes}
mkdir -p $CLS
[ $CLS/AllocSweep.class -nt bench/box28/AllocSweep.java ] || \
  /usr/lib/jvm/java-17-openjdk-amd64/bin/javac --release 17 --add-modules jdk.incubator.vector -cp $JAR -d $CLS bench/box28/AllocSweep.java 2>&1 | grep -v warning
$JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
  ${JFR:+-XX:StartFlightRecording=filename=$OUT.jfr,settings=profile} \
  -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -XX:+LogVMOutput -XX:LogFile=$OUT.vm -XX:+PrintCompilation ${INL:+-XX:+PrintInlining} ${EXTRA:-} \
  -cp $JAR:$CLS AllocSweep ${WARM:-20} ${REPS:-20} "$@" > $OUT.log 2>&1
grep -E "^\S+ +(fwd|scatter|wgrad) +mean" $OUT.log
