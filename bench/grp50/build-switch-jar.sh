#!/bin/bash
# grp50: the measurement jar (apply bench/grp50/measurement-switches.patch to main first, patch -p1): main's jar with this tree's FastConv (temporary switches -Dconvkit.glBlocks=rule|pairs|slices,
# -Dconvkit.glRows=N, -Dconvkit.glKcOuter=true, -Dconvkit.glWrap=true; bench/grp50/measurement-switches.patch) compiled in
set -e
B=/work/wt/before-main50/convkit-cli/target/convkit.jar
A=${1:-/tmp/grp50/sw.jar}
rm -rf /tmp/grp50/classes && mkdir -p /tmp/grp50/classes
javac --release 17 -nowarn -implicit:none -cp $B -d /tmp/grp50/classes convkit-core/src/main/java/dev/convkit/core/conv/FastConv.java convkit-core/src/main/java/dev/convkit/core/conv/ImageLayout.java
cp $B $A && (cd /tmp/grp50/classes && jar uf $A dev/convkit/core/conv/FastConv*.class dev/convkit/core/conv/ImageLayout*.class)
