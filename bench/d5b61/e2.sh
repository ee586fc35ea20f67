#!/bin/bash
# e2.sh JAR N WARM REPS OUTDIR: N fresh JDK 25 JVMs of BackwardModes on the bench subset's order (launcher's JIT options)
here="$(cd "$(dirname "$0")/../.." && pwd)"
jar=$1; n=$2; warm=$3; reps=$4; out=$5; mkdir -p $out
k=dev.convkit.core.kernels.panama.PanamaVectorOps
S="h54-g2-5x5-13:8:64:13:64:5:2:1:2 h55-c3-10:24:48:10:80:3:1 h55-5x5-19:8:32:19:64:5:2 c5x5-27:8:32:27:64:5:2 h56-5x5-15:8:48:15:64:5:2 h57-5x5-21:8:40:21:48:5:2 h57-5x5-11:16:32:11:64:5:2 h58-c3-12:24:40:12:80:3:1 h58-5x5-13:8:40:13:64:5:2 h58-5x5-17:12:24:17:48:5:2 h59-5x5-14:8:40:14:80:5:2 h60-5x5-12:16:48:12:48:5:2"
for i in $(seq 1 $n); do
  echo "== jvm $i $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseParallelGC -XX:CompileCommand=quiet \
    "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
    "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" \
    "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g --add-modules jdk.incubator.vector \
    -XX:+UnlockDiagnosticVMOptions -XX:+PrintCompilation -XX:+LogVMOutput -XX:-DisplayVMOutput -XX:LogFile=$out/j$i.comp \
    ${JVM_OPTS:-} -cp $jar $here/bench/d5b61/BackwardModes.java $warm $reps $S 2>/dev/null | grep -v WARN
done
