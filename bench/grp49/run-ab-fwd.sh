#!/bin/bash
cd /work/wt/grp49
B=/work/wt/before-main49/convkit-cli/target/convkit.jar
A=/tmp/grp49/after.jar
O=bench/grp49
while pgrep -f 'before-main49/convkit-cli/target/convkit.jar /work/wt/grp49/bench/ConvCpuTime.java 1 30' >/dev/null; do sleep 2; done
uptime | sed 's/^/ab-fwd-1t start /' >> $O/load.txt
S2="$(sed -n '1,4p' $O/shapes.txt) $(sed -n '1p;3p' $O/heldout.txt) $(sed -n '1p' $O/others.txt)"
SIDES="main=$B fewer=$A fewer+kc=$A,-Dconvkit.groupLaneKcOuter=true pairs+kc=$A,-Dconvkit.groupLaneBlocks=pairs,-Dconvkit.groupLaneKcOuter=true" bash $O/ab.sh 1 fwd 3 30 $S2 > $O/ab-fwd-1t.txt
uptime | sed 's/^/ab-fwd-1t end /' >> $O/load.txt
