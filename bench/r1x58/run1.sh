#!/bin/bash
# r1x58's first readings on main's jar: each pass alone at 1 and 2 threads, PyTorch's passes, then JFR profiles
cd /work/wt/r1x58
M=/work/wt/before-main58/convkit-cli/target/convkit.jar
O=bench/r1x58
S="$(cat $O/shapes.txt)"
{ date -u; uptime; bash $O/split.sh $M 1 30 $S; date -u; uptime; } > $O/main-split-1t.txt 2>&1
{ date -u; uptime; env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/r1x49/torch_pass_cpu.py 1 20 $S; date -u; uptime; } > $O/torch-1t.txt 2>&1
SC=h55-1x1-s2-512to1024-14:4:512:14:1024:1:0:2
bash bench/r1x54/profile.sh $M 1 scatter 300 /tmp/r1x58-prof-scatter $SC > $O/prof-main-scatter-1t.txt 2>&1
bash bench/r1x54/profile.sh $M 1 wgrad 300 /tmp/r1x58-prof-wgrad $SC > $O/prof-main-wgrad-1t.txt 2>&1
bash bench/r1x54/profile.sh $M 1 fwd 300 /tmp/r1x58-prof-fwd-h57 h57-1x1-640to160-9:8:640:9:160:1:0 > $O/prof-main-fwd-h57-1t.txt 2>&1
bash bench/r1x54/profile.sh $M 1 fwd 300 /tmp/r1x58-prof-fwd-h55 h55-1x1-320to80-19:8:320:19:80:1:0 > $O/prof-main-fwd-h55-1t.txt 2>&1
{ date -u; uptime; bash $O/split.sh $M 2 30 $S; date -u; uptime; } > $O/main-split-2t.txt 2>&1
echo done
