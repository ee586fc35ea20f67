#!/bin/bash
# box28: kB a call of every conv pass of bench/box28/shapes.txt on one JDK.
#   bench/box28/sweep.sh fresh JAVA JAR OUT   each shape x pass first in a fresh JVM (two JVMs at a time)
#   bench/box28/sweep.sh mixed JAVA JAR OUT   all in one JVM in the bench's order (OUT.fwd) and in reverse (OUT.rev), both at once
# WARM calls (default 20) and WARM_MS ms (default 1000 mixed, 2000 fresh) of warm-up, then REPS (20) calls measured.
MODE=$1 JAVA=$2 JAR=$3 OUT=$4
cd "$(dirname "$0")/../.." || exit 1
CP=$JAR:bench/box28/classes
mkdir -p bench/box28/classes
[ bench/box28/classes/AllocSweep.class -nt bench/box28/AllocSweep.java ] || \
  /usr/lib/jvm/java-17-openjdk-amd64/bin/javac --release 17 --add-modules jdk.incubator.vector -cp $JAR -d bench/box28/classes bench/box28/AllocSweep.java 2>&1 | grep -v warning
run() { $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g ${EXTRA:-} -cp $CP AllocSweep ${WARM:-20} ${REPS:-20} "$@" 2>&1 | grep -v "^WARNING: Using incubator"; }
export -f run; export JAVA CP
mapfile -t S < bench/box28/shapes.txt
if [ "$MODE" = fresh ]; then
  export WARM_MS=${WARM_MS:-2000}
  for s in "${S[@]}"; do for p in fwd scatter wgrad; do echo "$s/$p"; done; done | xargs -P ${PAR:-2} -I{} bash -c 'run {}' > $OUT.tmp
  while read s; do for p in fwd scatter wgrad; do grep -E "^${s%%:*} +$p " $OUT.tmp; done; done < bench/box28/shapes.txt > $OUT; rm $OUT.tmp
else
  R=(); for ((i=${#S[@]}-1; i>=0; i--)); do for p in wgrad scatter fwd; do R+=("${S[$i]}/$p"); done; done
  run "${S[@]}" > $OUT.fwd &
  run "${R[@]}" > $OUT.rev &
  wait
fi
