#!/bin/bash
# grp49 measurement window, phase 1: the measurement jar (main's jar with FastConv recompiled), per pass vs PyTorch, A/B fwd
set -x
cd /work/wt/grp49
B=/work/wt/before-main49/convkit-cli/target/convkit.jar
A=/tmp/grp49/after.jar
O=bench/grp49
rm -rf /tmp/grp49/classes && mkdir -p /tmp/grp49/classes
javac --release 17 -nowarn -implicit:none -cp $B -d /tmp/grp49/classes convkit-core/src/main/java/dev/convkit/core/conv/FastConv.java || exit 1
cp $B $A && (cd /tmp/grp49/classes && jar uf $A dev/convkit/core/conv/FastConv*.class) || exit 1
date -u; uptime
S="$(cat $O/shapes.txt $O/heldout.txt)"
for r in 1 2; do
  uptime | sed "s/^/round $r /" >> $O/load.txt
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 $O/torch_passes.py 1 30 $S >> $O/torch-1t.txt
  SIDES="main=$B" bash $O/ab.sh 1 all 1 30 $S | sed "s/^round 1/round $r/" >> $O/main-passes-1t.txt
done
date -u; uptime
S2="$S $(cat $O/others.txt)"
SIDES="main=$B fewer=$A fewer+kc=$A,-Dconvkit.groupLaneKcOuter=true pairs+kc=$A,-Dconvkit.groupLaneBlocks=pairs,-Dconvkit.groupLaneKcOuter=true" bash $O/ab.sh 1 fwd 3 30 $S2 > $O/ab-fwd-1t.txt
date -u; uptime
