import re,sys
path = sys.argv[1]
src = open(path).read()
TURN = 8
ACC = [f"c{i}{j}" for i in range(8) for j in range(2)]
def loads():
    return "".join(f"        FloatVector {n} = FloatVector.fromArray(SPECIES, acc, {k} * LANES);\n" for k, n in enumerate(ACC))
def stores():
    return "".join(f"        {n}.intoArray(acc, {k} * LANES);\n" for k, n in enumerate(ACC))
def step(ind, bexpr, aexpr, decl):
    t = "FloatVector " if decl else ""
    s = f"{ind}{t}b0 = FloatVector.fromArray(SPECIES, b, {bexpr(0)});\n"
    s += f"{ind}{t}b1 = FloatVector.fromArray(SPECIES, b, {bexpr(1)});\n"
    for i in range(8):
        s += f"{ind}{t if i == 0 else ''}x = FloatVector.broadcast(SPECIES, {aexpr(i)});\n"
        s += f"{ind}c{i}0 = x.fma(b0, c{i}0);\n{ind}c{i}1 = x.fma(b1, c{i}1);\n"
    return s
def off(base, mul, s):
    return base if s == 0 else f"{base} + {s} * {mul}" if mul else f"{base} + {s}"
ind = " " * 12
# packed
turns = ""
for s in range(TURN):
    turns += step(ind, lambda v, s=s: (off("bk", "NR", s) + (" + LANES" if v else "")),
                  lambda i, s=s: f"a[{off('ak', 'MR', s)}{' + ' + str(i) if i else ''}]", s == 0)
single = step(ind, lambda v: "bk" + (" + LANES" if v else ""), lambda i: f"a[ak{' + ' + str(i) if i else ''}]", True)
packed_body = f"""{loads()}        int ak = aOff;
        int bk = bOff;
        int k = 0;
        for (; k + TURN <= kc; k += TURN, ak += TURN * MR, bk += TURN * NR) {{
{turns}        }}
        for (; k < kc; k++, ak += MR, bk += NR) {{
{single}        }}
{stores()}"""
turns = ""
for s in range(TURN):
    turns += step(ind, lambda v, s=s: (off("bk", "NR", s) + (" + LANES" if v else "")),
                  lambda i, s=s: f"src[a{i} + k{' + ' + str(s) if s else ''}]", s == 0)
single = step(ind, lambda v: "bk" + (" + LANES" if v else ""), lambda i: f"src[a{i} + k]", True)
rows_body = loads() + "".join(f"        int a{i} = rows[rOff{' + ' + str(i) if i else ''}] + p;\n" for i in range(8)) + f"""        int bk = bOff;
        int k = 0;
        for (; k + TURN <= kc; k += TURN, bk += TURN * NR) {{
{turns}        }}
        for (; k < kc; k++, bk += NR) {{
{single}        }}
{stores()}"""
def replace(src, sig, body):
    start = src.index(sig)
    open_ = src.index("{\n", start) + 2
    end = src.index("\n    }\n", open_)
    return src[:open_] + body.rstrip("\n") + src[end:]
src = replace(src, "private static void packedRun(", packed_body)
src = replace(src, "private static void rowsRun(", rows_body)
open(path, "w").write(src)
