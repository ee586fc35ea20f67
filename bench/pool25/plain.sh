#!/usr/bin/env bash
# bench/pool25/plain.sh JAR CALLS THREADS SUITE [ids]: PoolCpuTime as a plain dependency runs it: Temurin 25 with only
# --add-modules (none of the launcher's -XX:CompileCommand flags), to see whether the JIT boxes vectors without them.
# Compile first: javac -cp JAR -d ${P8H:-/tmp/p8/h} bench/pool8/PoolCpuTime.java
jar=$1; shift
exec /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseParallelGC $P8OPT -Xms2g -Xmn1g --add-modules jdk.incubator.vector \
 -cp ${P8H:-/tmp/p8/h}:$jar PoolCpuTime "$@" 2>&1 | grep -v WARNING
