#!/usr/bin/env bash
# bench/pool8/cpu.sh JAR CALLS THREADS SUITE [ids]: PoolCpuTime (compiled into $P8H, default /tmp/p8/h: javac -cp JAR -d DIR bench/pool8/PoolCpuTime.java) with the launcher's JVM options on Temurin 25
jar=$1; shift
k=dev.convkit.core.kernels.panama.PanamaVectorOps
exec /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
 "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" \
 $P8OPT -Xms2g -Xmn1g --add-modules jdk.incubator.vector -cp ${P8H:-/tmp/p8/h}:$jar PoolCpuTime "$@" 2>&1 | grep -v WARNING
