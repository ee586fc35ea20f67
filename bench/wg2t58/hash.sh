#!/bin/bash
# hashes: main, branch (rule), branch forced on, at 1 and 2 threads
cd /work/wt/wg2t58
MAIN=/work/wt/before-main58/convkit-cli/target/convkit.jar
B=/tmp/wg2t58/shared.jar
S="$(cat bench/wg2t58/shapes.txt bench/wg2t58/heldout.txt) h50-odd:3:40:17:33:3:1"
for T in 1 2; do
  bash bench/s2b48/hash.sh $MAIN $T $S | sed "s/^/main ${T}t /"
  bash bench/s2b48/hash.sh $B $T $S | sed "s/^/branch ${T}t /"
  JAVA_TOOL_OPTIONS=-Dwg2t58.sharedParts=on bash bench/s2b48/hash.sh $B $T $S | sed "s/^/forced ${T}t /"
done
