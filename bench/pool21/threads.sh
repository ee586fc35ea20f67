#!/usr/bin/env bash
# bench/pool21/threads.sh JAR PASS CALLS THREADS SUITE [ids]: PoolThreads (javac -cp JAR -d ${P21H:-/tmp/p21/t} bench/pool21/PoolThreads.java)
# with the launcher's JVM options on Temurin 25; P21OPT adds JVM options.
jar=$1; shift
k=dev.convkit.core.kernels.panama.PanamaVectorOps
exec /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
 "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" \
 $P21OPT -Xms2g -Xmn1g --add-modules jdk.incubator.vector -cp ${P21H:-/tmp/p21/t}:$jar PoolThreads "$@" 2>&1 | grep -v WARNING
