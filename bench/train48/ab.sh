#!/usr/bin/env bash
# ab.sh MAINJAR NEWJAR ROUNDS T: warm.sh (TrainingWarmupCpu, the launcher's training options) on main's jar and
# this branch's, alternating in fresh JVMs; prints process CPU after steps 1/10/30/100/300 and the C2 totals.
for r in $(seq 1 "$3"); do
  "$(dirname "$0")/warm.sh" "$1" "$4" "main-r$r-t$4"
  "$(dirname "$0")/warm.sh" "$2" "$4" "new-r$r-t$4"
done
