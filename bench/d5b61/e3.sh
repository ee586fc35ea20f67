#!/bin/bash
# e3.sh JAR ROUNDS WARM REPS OUTDIR: BackwardModes on the nine dense 5×5 shapes (bench/d5b61/shapes.txt) alone, then after
# the focus suite's two grouped 5×5 shapes that take the Winograd 5×5 forward and input gradient first (h50-g2-5x5-25-128,
# h53-g2-5x5-21), alternating, fresh JDK 25 JVMs with the launcher's JIT options and a compile log each
here="$(cd "$(dirname "$0")/../.." && pwd)"
jar=$1; rounds=$2; warm=$3; reps=$4; out=$5; mkdir -p $out
k=dev.convkit.core.kernels.panama.PanamaVectorOps
D=$(cat $here/bench/d5b61/shapes.txt)
G="h50-g2-5x5-25-128:4:128:25:128:5:2:1:2 h53-g2-5x5-21:4:96:21:96:5:2:1:2"
one() {
  /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseParallelGC -XX:CompileCommand=quiet \
    "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
    "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" \
    "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g --add-modules jdk.incubator.vector \
    -XX:+UnlockDiagnosticVMOptions -XX:+PrintCompilation -XX:+LogVMOutput -XX:-DisplayVMOutput -XX:LogFile=$1 \
    -cp $jar $here/bench/d5b61/BackwardModes.java $warm $reps "${@:2}" 2>/dev/null | grep --line-buffered -v WARN
}
for r in $(seq 1 $rounds); do
  echo "== round $r alone $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"; one $out/alone-r$r.comp $D | sed "s/^/r$r alone   /"
  echo "== round $r grouped $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"; one $out/grouped-r$r.comp $G $D | sed "s/^/r$r grouped /"
done
