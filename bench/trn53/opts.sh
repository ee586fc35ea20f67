#!/usr/bin/env bash
# The launcher's JVM options for `./convkit train` as of stop 52 (no -Xbatch since stop 51, -XX:Tier3DelayOn=100000,
# the Panama kernels' CompileThresholdScaling 0.1), one a line: bench/train48/opts.sh brought up to date.
k=dev.convkit.core.kernels.panama.PanamaVectorOps
printf '%s\n' -XX:+UseParallelGC -XX:CompileCommand=quiet "-XX:CompileCommand=dontinline,$k::sumRow*" \
  "-XX:CompileCommand=dontinline,$k::maxRow*" "-XX:CompileCommand=dontinline,$k::maxIndexRow*" \
  "-XX:CompileCommand=dontinline,$k::maxOfRows*" "-XX:CompileCommand=dontinline,$k::sumOfRows*" -Xms2g -Xmn256m \
  -XX:Tier3DelayOn=100000 "-XX:CompileCommand=CompileThresholdScaling,dev.convkit.core.kernels.panama.*::*,0.1" \
  --add-modules jdk.incubator.vector
