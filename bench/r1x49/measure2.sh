#!/bin/bash
# measure2.sh: measure.sh's later steps in the order the time left allowed (mix on JDK 25, error, PyTorch, allocation)
set -u
cd "$(dirname "$0")"
B=/work/wt/before-main49/convkit-cli/target/convkit.jar
A=/tmp/r1x49/after.jar
J17=java
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
S=$(grep -v '^#' shapes.txt)
stamp() { echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) $*"; }
{ stamp "after: bench/r1x49/mix-alloc.sh $J25 $A SHAPES"; ./mix-alloc.sh $J25 $A $S; } > mix25-alloc.txt 2>&1
{ stamp "after: $J25 -cp $A bench/r1x48/WgradError.java SHAPES (>= 512 positions)";
  $J25 --add-modules jdk.incubator.vector -cp $A ../r1x48/WgradError.java r1x1-56:8:256:56:64 h48-r1x1-320to80-33:8:320:33:80 h49-r1x1-384to96-28:8:384:28:96 2>/dev/null | grep -v '^WARN';
  stamp "before: same"; $J25 --add-modules jdk.incubator.vector -cp $B ../r1x48/WgradError.java r1x1-56:8:256:56:64 h48-r1x1-320to80-33:8:320:33:80 h49-r1x1-384to96-28:8:384:28:96 2>/dev/null | grep -v '^WARN'; } > error.txt 2>&1
{ for t in 1 2; do stamp "bench/r1x49/torch_pass_cpu.py $t 20 SHAPES";
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 torch_pass_cpu.py $t 20 $S; done; } > torch-passes.txt 2>&1
{ stamp "before: bench/r1x49/mix-alloc.sh $J25 $B SHAPES"; ./mix-alloc.sh $J25 $B $S; } >> mix25-alloc.txt 2>&1
stamp done
