#!/usr/bin/env bash
# bench/step50/step-ab.sh BEFORE.jar AFTER.jar T ROUNDS [WARMUP STEPS]: bench/train25/StepCpu.java (cnn2 + Adam, batch 64,
# thread CPU per stage, medians) on the two jars alternating in fresh JDK 25 JVMs with the launcher's pool-kernel options
# (maxIndexRow* etc. dontinline), each run headed by its side, round, time and load average.
before=$1; after=$2; T=$3; rounds=$4; warm=${5:-60}; steps=${6:-100}
cd "$(dirname "$0")/../.."
k=dev.convkit.core.kernels.panama.PanamaVectorOps
opts=(-XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*"
  "-XX:CompileCommand=dontinline,$k::maxRow*" "-XX:CompileCommand=dontinline,$k::maxIndexRow*"
  "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*"
  -Xms2g -Xmn1g --add-modules jdk.incubator.vector)
for r in $(seq "$rounds"); do
  for side in before after; do
    if [ $side = before ]; then jar=$before; else jar=$after; fi
    echo "== $side r$r T=$T $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${opts[@]}" -cp "$jar" bench/train25/StepCpu.java "$T" "$warm" "$steps" 2>&1 \
      | grep -v WARNING
  done
done
