#!/bin/bash
cd /work/wt/grp49
B=/work/wt/before-main49/convkit-cli/target/convkit.jar
A=/tmp/grp49/after.jar
O=bench/grp49
while pgrep -f 'bench/grp49/ab.sh 1 fwd 3 30' >/dev/null; do sleep 2; done
uptime | sed 's/^/ab-fwd-1t-recheck start /' >> $O/load.txt
SIDES="main=$B fewer=$A" bash $O/ab.sh 1 fwd 3 30 h45-g4-3x3-17-128:8:128:17:128:3:1:1:4 h43-g2-5x5-17-64:8:64:17:64:5:2:1:2 g4-3x3-28:8:128:28:128:3:1:1:4 > $O/ab-fwd-1t-recheck.txt
uptime | sed 's/^/ab-fwd-1t-recheck end /' >> $O/load.txt
