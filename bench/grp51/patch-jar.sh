#!/bin/bash
# grp51: a measurement jar: BASE.jar (main's) with this tree's conv classes FastConv, ConvDispatch (and ImageLayout) recompiled in
set -e
B=${1:-/tmp/grp51/before.jar}; A=${2:-/tmp/grp51/after.jar}
rm -rf /tmp/grp51/classes && mkdir -p /tmp/grp51/classes
javac --release 17 -nowarn -implicit:none -cp $B -d /tmp/grp51/classes convkit-core/src/main/java/dev/convkit/core/conv/{FastConv,ConvDispatch,ImageLayout}.java
cp $B $A && (cd /tmp/grp51/classes && jar uf $A dev/convkit/core/conv/*.class)
