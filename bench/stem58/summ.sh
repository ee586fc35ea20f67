#!/bin/bash
# summ.sh FILE: abx.sh lines "round R TAG 1t SHAPE fwd MS ..." -> per shape and tag, the readings in round order
grep -v '^#' "$1" | awk '{k=$5" "$3; a[k]=a[k]" "$7} END{for(k in a) print k, a[k]}' | sort
