#!/bin/bash
# grp49: the bits of every pass, main's jar against the committed rule's, T = 1 and 2, on small shapes that take the
# changed blocks (slices: 17-wide 3×3 and 5×5 at 32 a group, 13-wide 5×5 at 24 a group) and one that keeps the pairs
cd /work/wt/grp49
B=/work/wt/before-main49/convkit-cli/target/convkit.jar
F=/tmp/grp49/final.jar
O=bench/grp49
S="g2-5x5-17:2:64:17:64:5:2:1:2 h49-g4-3x3-17-128x1:1:128:17:128:3:1:1:4 h49-g4-5x5-13-96x1:1:96:13:96:5:2:1:4 h49-g2-3x3-9-128:1:128:9:128:3:1:1:2"
for t in 1 2; do
  for side in main grp49; do
    jar=$B; [ $side = grp49 ] && jar=$F
    bash bench/s2b48/hash.sh $jar $t $S | sed "s/^/$side ${t}t /" >> $O/hash.txt
  done
done
