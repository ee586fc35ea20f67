#!/usr/bin/env bash
# bench/pool8/probe.sh JAR DIR(fwd|bwd|both) CALLS THREADS WARMUP_S SUITE [ids]: PoolProbe (javac -cp JAR -d /tmp/lp9/h bench/pool8/PoolProbe.java) with the launcher's JVM options on Temurin 25
jar=$1; shift
k=dev.convkit.core.kernels.panama.PanamaVectorOps
exec /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
 "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" \
 $POPT -Xms2g -Xmn1g --add-modules jdk.incubator.vector -cp /tmp/lp9/h:$jar PoolProbe "$@" 2>&1 | grep -v WARNING
