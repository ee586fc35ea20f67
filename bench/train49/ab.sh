#!/usr/bin/env bash
# ab.sh JAR T ROUNDS: epoch-phases.sh on one jar with main's launcher options (bench/train48/opts.sh) and this
# branch's (bench/train49/opts.sh), alternating in fresh JVMs; the phases of each run (heap and CPU a steady step).
here="$(cd "$(dirname "$0")" && pwd)"
for r in $(seq 1 "$3"); do
  OPTS_OF=train48 "$here/epoch-phases.sh" "$1" "$2" "main-opts-t$2-r$r"
  OPTS_OF=train49 "$here/epoch-phases.sh" "$1" "$2" "train49-opts-t$2-r$r"
done
