#!/bin/bash
# ab.sh ROUNDS: StageWarmup alternating main / warm1 jars
for r in $(seq 1 $1); do
  /tmp/t16p56/sw.sh /tmp/t16p56/main.jar "main r$r"
  /tmp/t16p56/sw.sh /tmp/t16p56/warm1.jar "t16p56 r$r"
done
