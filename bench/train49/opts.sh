#!/usr/bin/env bash
# The launcher's JVM options after train49 (the micro-kernel's runs unscaled) for `./convkit train --threads T` on this 2-core host (T >= nproc: -Xbatch),
# printed one a line, so that harnesses run the training JVM exactly as `./convkit train` does.
# Usage: mapfile -t OPTS < <(bench/train49/opts.sh T)
T=$1
k=dev.convkit.core.kernels.panama.PanamaVectorOps
printf '%s\n' -XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*" \
  "-XX:CompileCommand=dontinline,$k::maxRow*" "-XX:CompileCommand=dontinline,$k::maxIndexRow*" \
  "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn256m
[ "$T" -ge "$(nproc)" ] && echo -Xbatch
echo "-XX:CompileCommand=CompileThresholdScaling,dev.convkit.core.kernels.panama.*::*,0.1"
echo "-XX:CompileCommand=CompileThresholdScaling,dev.convkit.core.kernels.panama.PanamaMicroKernel::*Run,1.0"
echo --add-modules; echo jdk.incubator.vector
