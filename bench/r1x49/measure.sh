#!/bin/bash
# measure.sh: r1x49's readings in order, most needed first (main's jar $B against this branch's $A), raw outputs into
# bench/r1x49/, each block headed by the time, the load and the command
set -u
cd "$(dirname "$0")"
B=/work/wt/before-main49/convkit-cli/target/convkit.jar
A=/tmp/r1x49/after.jar
J17=java
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
S=$(grep -v '^#' shapes.txt)
stamp() { echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) $*"; }
{ for t in 1 2; do for side in before:$B after:$A; do j=${side#*:}; stamp "bench/s2b48/hash.sh $j $t SHAPES";
  ../s2b48/hash.sh $j $t $S | sed "s/^/T=$t ${side%%:*} /"; done; done; } > hashes.txt 2>&1
{ stamp "bench/r1x49/ab.sh B A 1 wgrad 3 40 SHAPES"; ./ab.sh $B $A 1 wgrad 3 40 $S; } > ab-wgrad-1t.txt 2>&1
{ stamp "bench/r1x49/ab.sh B A 2 wgrad 3 40 SHAPES"; ./ab.sh $B $A 2 wgrad 3 40 $S; } > ab-wgrad-2t.txt 2>&1
{ for side in after:$A before:$B; do j=${side#*:}; stamp "${side%%:*}: bench/r1x49/mix-alloc.sh $J17 $j SHAPES";
  ./mix-alloc.sh $J17 $j $S; done; } > mix17-alloc.txt 2>&1
{ for side in after:$A before:$B; do j=${side#*:}; stamp "${side%%:*}: bench/r1x49/mix-alloc.sh $J25 $j SHAPES";
  ./mix-alloc.sh $J25 $j $S; done; } > mix25-alloc.txt 2>&1
{ for jv in $J25 $J17; do stamp "after: bench/stop45/alloc.sh $jv $A SHAPES"; ../stop45/alloc.sh $jv $A $S; done; } > alloc.txt 2>&1
{ for side in before:$B after:$A; do j=${side#*:}; stamp "${side%%:*}: $J25 -cp $j bench/r1x48/WgradError.java SHAPES";
  $J25 --add-modules jdk.incubator.vector -cp $j ../r1x48/WgradError.java $S 2>/dev/null | grep -v '^WARN'; done; } > error.txt 2>&1
{ for t in 1 2; do stamp "bench/r1x49/torch_pass_cpu.py $t 20 SHAPES";
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 torch_pass_cpu.py $t 20 $S; done; } > torch-passes.txt 2>&1
{ for t in 1 2; do stamp "after: CPU=1 ConvCpuTime $t 40 SHAPES (all passes)"; CPU=1 $J25 --add-modules jdk.incubator.vector \
  -XX:+UseParallelGC -Xms2g -Xmn1g -cp $A ../ConvCpuTime.java $t 40 $S 2>/dev/null | grep -v '^WARN'; done; } > passes-after.txt 2>&1
stamp done
