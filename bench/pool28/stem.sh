#!/usr/bin/env bash
# bench/pool28/stem.sh JAVA VARIANT N CALLS [H W]: StemKernels (compiled into /tmp/p28/sk) with the launcher's dontinline pattern
java=${1:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}; shift
exec $java -XX:+UseParallelGC -Xms2g -Xmn1g -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,StemKernels::maxRow*" \
  --add-modules jdk.incubator.vector -cp /tmp/p28/sk StemKernels "$@" 2>&1 | grep -v WARNING
