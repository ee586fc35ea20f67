#!/bin/bash
# the landed code's input gradients (packColumnStrip + expandPlanes; /tmp/r1x58-after2.jar, whose weight gradient also
# carried the reverted chunk kernel) against main, one thread, alternating JVMs; then PyTorch's passes in the same sitting
cd /work/wt/r1x58
M=/work/wt/before-main58/convkit-cli/target/convkit.jar
A=/tmp/r1x58-after2.jar
O=bench/r1x58
SC=h55-1x1-s2-512to1024-14:4:512:14:1024:1:0:2
{ date -u; uptime; bash bench/dw51/ab.sh $M $A 1 scatter 3 30 $SC r1x1-512to128:8:512:14:128:1:0 h57-1x1-640to160-9:8:640:9:160:1:0 h55-1x1-s2-192to96-27:8:192:27:96:1:0:2; date -u; uptime; } > $O/ab2-scatter-1t.txt 2>&1
{ date -u; uptime; env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/r1x49/torch_pass_cpu.py 1 20 $SC r1x1-512to128:8:512:14:128:1:0 h57-1x1-640to160-9:8:640:9:160:1:0; date -u; uptime; } > $O/torch2-1t.txt 2>&1
{ date -u; uptime; bash bench/dw51/ab.sh $M $A 2 scatter 2 30 $SC; date -u; uptime; } > $O/ab2-scatter-2t.txt 2>&1
echo done
