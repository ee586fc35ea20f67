#!/bin/bash
# r1x58's first build (expandPlanes + the chunked weight-gradient kernel) against main: hashes at 1 and 2 threads, then
# the shortcut's input and weight gradients alone, alternating JVMs
cd /work/wt/r1x58
M=/work/wt/before-main58/convkit-cli/target/convkit.jar
A=/tmp/r1x58-after1.jar
O=bench/r1x58
SC=h55-1x1-s2-512to1024-14:4:512:14:1024:1:0:2
H="$SC h57-1x1-640to160-9:8:640:9:160:1:0 r1x1-s2-300:2:300:14:64:1:0:2 h55-1x1-s2-192to96-27:8:192:27:96:1:0:2 h54-1x1-s2-28:8:256:28:128:1:0:2 r1x1-s2-7-1img:1:256:14:512:1:0:2 h7-1x1-s2-odd:3:96:13:80:1:0:2 r1x1-512to128:8:512:14:128:1:0"
for T in 1 2; do for J in $M $A; do echo "== $J T=$T"; bash bench/s2b48/hash.sh $J $T $H; done; done > $O/hash-after1.txt 2>&1
{ date -u; uptime; bash bench/dw51/ab.sh $M $A 1 scatter 3 30 $SC; date -u; uptime; } > $O/ab-scatter-1t.txt 2>&1
{ date -u; uptime; bash bench/dw51/ab.sh $M $A 1 wgrad 3 30 $SC h57-1x1-640to160-9:8:640:9:160:1:0; date -u; uptime; } > $O/ab-wgrad-1t.txt 2>&1
{ date -u; uptime; bash bench/dw51/ab.sh $M $A 2 scatter 2 30 $SC; bash bench/dw51/ab.sh $M $A 2 wgrad 2 30 $SC; date -u; uptime; } > $O/ab-bwd-2t.txt 2>&1
echo done
