#!/bin/sh
# wino14: thread CPU time of 3x3 stride-1 forward (and backward) calls, this branch's jar against main's, alternating in
# fresh JVMs. Usage: bench/wino14/cpu.sh ROUNDS THREADS SHAPE... (ConvCpuTime's id:N:Cin:HW:Cout:K:padding[:stride[:groups]]);
# BEFORE=jar (default main's prebuilt jar), AFTER=jar (default this tree's); other ConvCpuTime variables (FWD_ONLY, CPU) pass.
rounds=$1; threads=$2; shift 2
before=${BEFORE:-/work/wt/before-main31/convkit-cli/target/convkit.jar}
after=${AFTER:-convkit-cli/target/convkit.jar}
for r in $(seq "$rounds"); do
  for side in before after; do
    eval jar=\$$side
    java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar" bench/ConvCpuTime.java \
        "$threads" 40 "$@" 2>/dev/null | sed "s/^/$side r$r /"
  done
done
