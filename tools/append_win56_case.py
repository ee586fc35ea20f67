#!/usr/bin/python3
"""Appends win56's conformance-large case (id 1072, tools/gen_cases.py small_plane_four_by_four_winograd_large_cases) to
conv_large.json without regenerating the other cases: it is drawn from its own generator, so the output equals what
`gen_cases.py OUT --large` writes for it.

    /usr/bin/python3 tools/append_win56_case.py convkit-cli/src/test/resources/conformance-large/conv_large.json
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_cases  # noqa: E402

path = sys.argv[1]
log = []
cases = gen_cases.small_plane_four_by_four_winograd_large_cases(7, log)
with open(path) as f:
    text = f.read()
ids = {c["id"] for c in json.loads(text)["cases"]}
new = [c for c in cases if c["id"] not in ids]
tail = "\n]}\n"
assert text.endswith(tail), "unexpected end of " + path
text = text[:-len(tail)] + "".join(",\n" + json.dumps(c, allow_nan=True) for c in new) + tail
with open(path + ".tmp", "w") as f:
    f.write(text)
os.replace(path + ".tmp", path)
print(f"{path}: appended {[c['id'] for c in new]}")
gen_cases.print_conv_paths(log)
