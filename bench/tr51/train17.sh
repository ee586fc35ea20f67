#!/bin/bash
# train17.sh JAR T [JVM options]: one `bench --train --threads T` on JDK 17 (`java`) with the launcher's bench options
# plus any given; prints the layer rows (MB columns: heap allocated per call) and the whole step.
jar=$1; T=$2; shift 2
k=dev.convkit.core.kernels.panama.PanamaVectorOps
echo "# $(basename "$jar") T=$T $* $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
java --add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*" \
  "-XX:CompileCommand=dontinline,$k::maxRow*" "-XX:CompileCommand=dontinline,$k::maxIndexRow*" \
  "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g "$@" \
  -jar "$jar" bench --train --threads "$T" 2>/dev/null | grep -E "^[0-9] |whole step|thread CPU per step"
