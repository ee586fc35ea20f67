#!/bin/bash
# train.sh BEFORE.jar AFTER.jar T ROUNDS: bench/c2t50/train.sh printing every layer row, not only conv2d(32,64)'s.
ROWS='^[0-9] ' exec bash "$(dirname "$0")/../c2t50/train.sh" "$@"
