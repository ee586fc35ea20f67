#!/bin/bash
# usage: cfg.sh JAR THREADS REPS "JAVA_OPTS" SHAPES...  (ONLY=fwd CPU=1 thread-CPU forward, JDK 25)
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=$1; T=$2; R=$3; OPTS=$4; shift 4
ONLY=fwd CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g $OPTS -cp $JAR bench/ConvCpuTime.java $T $R "$@" 2>/dev/null | grep fwd
