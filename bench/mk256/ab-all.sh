#!/bin/bash
# mk256: ab.sh (thread CPU, alternating jars) on the brief's seven focus shapes, one pass and thread count per call:
# ab-all.sh MAIN.jar MINE.jar T PASS ROUNDS REPS  (output: one line per shape and side per round)
here="$(cd "$(dirname "$0")/.." && pwd)"
bash "$here/dw51/ab.sh" "$1" "$2" "$3" "$4" "$5" "$6" \
  r1x1-56:8:256:56:64:1:0:1:1 r1x1-512to128:8:512:14:128:1:0:1:1 h62-1x1-384to96-17:8:384:17:96:1:0:1:1 \
  r3x3-28:8:128:28:128:3:1:1:1 r3x3-14:8:256:14:256:3:1:1:1 c5x5-27:8:32:27:64:5:2:1:1 r3x3-s2-57:8:64:57:128:3:1:2:1
