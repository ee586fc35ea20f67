#!/usr/bin/env python3
"""gen-turns.py SRC TURN registers|memory: rewrites PanamaMicroKernel's packedRun and rowsRun in SRC (main's source)
so that their k loop turns TURN written-out steps at a time, then the last kc % TURN one a turn. `registers`: the 16
sums stay in registers across the loop (loaded from the carry before it, stored after); `memory`: each turn loads them
from the carry and stores them back, so no vector crosses a back edge. tw50's patches were made with
`registers` 8, `memory` 8 and `memory` 4 (the patches' comments were then edited by hand)."""
import sys

path, turn, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
src = open(path).read()
ACC = [f"c{i}{j}" for i in range(8) for j in range(2)]
IND = " " * 12


def loads(ind):
    return "".join(f"{ind}FloatVector {n} = FloatVector.fromArray(SPECIES, acc, {k} * LANES);\n" for k, n in enumerate(ACC))


def stores(ind):
    return "".join(f"{ind}{n}.intoArray(acc, {k} * LANES);\n" for k, n in enumerate(ACC))


def step(bexpr, aexpr, declare):
    t = "FloatVector " if declare else ""
    s = f"{IND}{t}b0 = FloatVector.fromArray(SPECIES, b, {bexpr(0)});\n{IND}{t}b1 = FloatVector.fromArray(SPECIES, b, {bexpr(1)});\n"
    for i in range(8):
        s += f"{IND}{t if i == 0 else ''}x = FloatVector.broadcast(SPECIES, {aexpr(i)});\n"
        s += f"{IND}c{i}0 = x.fma(b0, c{i}0);\n{IND}c{i}1 = x.fma(b1, c{i}1);\n"
    return s


def b_at(s):
    return lambda v: ("bk" if s == 0 else f"bk + {s} * NR") + (" + LANES" if v else "")


def body(a_at, pointers, turn_step, one_step):
    turns = "".join(step(b_at(s), lambda i, s=s: a_at(s, i), s == 0) for s in range(turn))
    single = step(b_at(0), lambda i: a_at(0, i, True), True)
    head = "" if mode == "memory" else loads("        ")
    each = (loads(IND), stores(IND)) if mode == "memory" else ("", "")
    tail = "" if mode == "memory" else stores("        ")
    return (f"{head}{pointers}        int k = 0;\n"
            f"        for (; k + TURN <= kc; k += TURN, {turn_step}) {{\n{each[0]}{turns}{each[1]}        }}\n"
            f"        for (; k < kc; k++, {one_step}) {{\n{each[0]}{single}{each[1]}        }}\n{tail}")


def packed_a(s, i, single=False):
    base = "ak" if s == 0 else f"ak + {s} * MR"
    return f"a[{base}{' + ' + str(i) if i else ''}]"


def rows_a(s, i, single=False):
    return f"src[a{i} + k{' + ' + str(s) if s else ''}]"


def replace(text, signature, new_body):
    start = text.index(signature)
    open_ = text.index("{\n", start) + 2
    end = text.index("\n    }\n", open_)
    return text[:open_] + new_body.rstrip("\n") + text[end:]


src = replace(src, "private static void packedRun(", body(packed_a, "        int ak = aOff;\n        int bk = bOff;\n",
                                                          "ak += TURN * MR, bk += TURN * NR", "ak += MR, bk += NR"))
rows = "".join(f"        int a{i} = rows[rOff{' + ' + str(i) if i else ''}] + p;\n" for i in range(8)) + "        int bk = bOff;\n"
src = replace(src, "private static void rowsRun(", body(rows_a, rows, "bk += TURN * NR", "bk += NR"))
src = src.replace("    static final int RUN = 48;\n", f"    static final int RUN = 48;\n\n    static final int TURN = {turn};\n")
open(path, "w").write(src)
