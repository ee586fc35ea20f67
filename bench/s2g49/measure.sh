#!/bin/bash
# the readings, in order, into bench/s2g49/*.txt
cd /work/wt/s2g49
B=/work/wt/before-main49/convkit-cli/target/convkit.jar
A=/tmp/s2g49/after.jar
S=$(cat bench/s2g49/shapes.txt)
{ for T in 1 2; do for j in $B $A; do echo "== $j T=$T load $(cut -d' ' -f1-3 /proc/loadavg)"; bash bench/s2g49/hash.sh $j $T $S; done; done; } > bench/s2g49/hashes.txt 2>&1
bash bench/s2g49/ab.sh $B $A 2 scatter 3 40 $S > bench/s2g49/ab-scatter-2t.txt 2>&1
bash bench/s2g49/ab.sh $B $A 2 wgrad 3 40 $S > bench/s2g49/ab-wgrad-2t.txt 2>&1
echo done-2t > /tmp/s2g49/stage
bash bench/s2g49/ab.sh $B $A 1 scatter 2 40 $S > bench/s2g49/ab-scatter-1t.txt 2>&1
bash bench/s2g49/ab.sh $B $A 1 wgrad 2 40 $S > bench/s2g49/ab-wgrad-1t.txt 2>&1
echo done-1t > /tmp/s2g49/stage
