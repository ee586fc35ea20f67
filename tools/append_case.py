#!/usr/bin/python3
"""Appends the conformance-large cases of one tools/gen_cases.py generator to conv_large.json without regenerating
the other cases: each such generator draws from its own seed, so the output equals what `gen_cases.py OUT --large`
writes for it. Cases whose ids are already in the file are skipped.

    /usr/bin/python3 tools/append_case.py GENERATOR convkit-cli/src/test/resources/conformance-large/conv_large.json

GENERATOR is a gen_cases.py function taking (seed, log), e.g. grouped_wide_five_winograd_large_cases (grp54, id 1063)
or small_plane_four_by_four_winograd_large_cases (win56, id 1072).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_cases  # noqa: E402

if len(sys.argv) != 3 or not callable(getattr(gen_cases, sys.argv[1], None)):
    sys.exit("usage: append_case.py GENERATOR CONV_LARGE_JSON (GENERATOR: a function of tools/gen_cases.py)")
generator, path = sys.argv[1], sys.argv[2]
log = []
cases = getattr(gen_cases, generator)(7, log)
with open(path) as f:
    text = f.read()
ids = {c["id"] for c in json.loads(text)["cases"]}
new = [c for c in cases if c["id"] not in ids]
tail = "\n]}\n"
if not text.endswith(tail):
    sys.exit(f"append_case.py: {path} does not end as conv_large.json does ({tail!r})")
text = text[:-len(tail)] + "".join(",\n" + json.dumps(c, allow_nan=True) for c in new) + tail
with open(path + ".tmp", "w") as f:
    f.write(text)
os.replace(path + ".tmp", path)
print(f"{path}: appended {[c['id'] for c in new]}")
gen_cases.print_conv_paths(log)
