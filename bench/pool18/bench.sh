#!/usr/bin/env bash
# bench/pool18/bench.sh JAR THREADS SUITE [more bench options]: `convkit bench --json --ops pool` run from JAR with the
# launcher's JVM options (./convkit's, Temurin 25), so a before and an after jar can alternate in fresh JVMs.
jar=$1; threads=$2; suite=$3; shift 3
k=dev.convkit.core.kernels.panama.PanamaVectorOps
exec /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:+UseParallelGC -XX:CompileCommand=quiet \
 "-XX:CompileCommand=dontinline,$k::sumRow*" "-XX:CompileCommand=dontinline,$k::maxRow*" \
 "-XX:CompileCommand=dontinline,$k::maxIndexRow*" "-XX:CompileCommand=dontinline,$k::maxOfRows*" \
 "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn1g --add-modules jdk.incubator.vector \
 -jar "$jar" bench --json --threads "$threads" --ops pool --suite "$suite" "$@" 2>/dev/null
