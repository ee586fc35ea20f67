#!/usr/bin/env bash
# bench/pool49/parts.sh JAR KIND SIZE THREADS CALLS: PoolParts (compiled into $P49H, default /tmp/pool49/h:
# javac --add-modules jdk.incubator.vector -cp JAR -d DIR bench/pool49/PoolParts.java) on Temurin 25 with the launcher's
# dontinline options (as bench/pool8/cpu.sh), the load average appended.
jar=$1; shift
k=dev.convkit.core.kernels.panama.PanamaVectorOps
line=$(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*" \
 "-XX:CompileCommand=dontinline,$k::maxRow*" "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" \
 "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g --add-modules jdk.incubator.vector -cp ${P49H:-/tmp/pool49/h}:$jar \
 PoolParts "$@" 2>&1 | grep -v WARNING)
echo "$line load $(cut -d' ' -f1 /proc/loadavg)"
