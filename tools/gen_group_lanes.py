#!/usr/bin/env python3
"""grp27: generates convkit-core/.../kernels/panama/PanamaGroupLanes.java (run from the repo root).
grp28: the row kernels (rowsNwK), each input value broadcast once for the K taps of a kernel row.
g32-29: the pair row kernels (pairsNwK), two vectors of response channels sharing each broadcast."""
P = 14  # most positions a call (VectorOps.GROUP_LANE_POSITIONS)
# grp30: most positions a one-vector row call, N + K <= 24 (N accumulators, K weight vectors, the broadcasts in flight
# within 32 registers; 21 at K = 5 read slower), so that a row of up to 21 / 19 is one tile (a 17-wide row was 8 + 9)
# (PanamaVectorOps.groupLanePositions)
ROW_P = {3: 21, 5: 19}
ROW_TAPS = (3, 5)  # kernel widths with a row kernel (VectorOps.convGroupLaneRows)
# most positions a pair call: 2 N accumulators + 2 K weight vectors + a broadcast within 32 registers
# (VectorOps.groupLanePositions)
PAIR_POSITIONS = {3: 12, 5: 10}
# stop 56: tiles whose single method C1 cannot compile (19-24 accumulators: "out of virtual registers", then C1's boxed
# vectors in about half the JVMs) run as two smaller tiles, each output the same fma chain; no method of their own.
# GroupLanesTier3CompileTest compiles every generated method at tier 3 and fails on a bailout.
ROW_SPLITS = {3: (11, 10), 5: (10, 9)}  # rowTaps -> the two tiles of the widest row (ROW_P)
PAIR_SPLITS = {3: (6, 6)}  # rowTaps -> the two tiles of the widest pair row (PAIR_POSITIONS)
# grp57: JDK 17's C1 bails out of more (rows of 15-18 positions at 5 taps, 16-20 at 3; pair rows of 8-10 at 5, 9-11 at
# 3): below JDK 25 (COMPACT_TILES) tiles wider than these run as two halves; JDK 25 compiles every generated method
COMPACT_ROW_P = {3: 15, 5: 14}
COMPACT_PAIR_P = {3: 8, 5: 7}


def kernel(n):
    L = []
    L.append(f"    private static void positions{n}(float[] x, int first, int[] taps, int t0, int kc, float[] w, int wo,")
    L.append(f"{' ' * (34 + len(str(n)))}float[] out, int oo, boolean accumulate) {{")
    for p in range(n):
        L.append(f"        FloatVector c{p} = FloatVector.zero(SPECIES);")
    L.append("        for (int k = 0; k < kc; k++) {")
    L += index_step(n)
    L.append("        }")
    L += epilogue(n)
    return "\n".join(L)


def index_step(n):
    """One reduction index k: its weight vector, each position's input value broadcast."""
    L = ["            int a = first + taps[t0 + k];",
         "            FloatVector v = FloatVector.fromArray(SPECIES, w, wo + k * LANES);"]
    for p in range(n):
        index = "a" if p == 0 else f"a + {p}"
        L.append(f"            c{p} = v.fma(FloatVector.broadcast(SPECIES, x[{index}]), c{p});")
    return L


def epilogue(n):
    L = ["        if (accumulate) {"]
    for p in range(n):
        off = "oo" if p == 0 else f"oo + {p} * LANES"
        L.append(f"            c{p} = c{p}.add(FloatVector.fromArray(SPECIES, out, {off}));")
    L.append("        }")
    for p in range(n):
        off = "oo" if p == 0 else f"oo + {p} * LANES"
        L.append(f"        c{p}.intoArray(out, {off});")
    L.append("    }")
    return L


def row_kernel(n, kw, vectors=1):
    """n positions, kernel rows of kw taps at unit spacing: the block's whole rows with each input value broadcast
    once and multiplied by the row's kw weight vectors; the indices before its first whole row and after its last
    one by index_step. Every accumulator still takes its indices in order, so the sums are kernel(n)'s.
    g32-29: vectors=2, two vectors of response channels (w and out [.][2 LANES]: c the first, d the second), each
    broadcast multiplied into both; each vector's sums are those of vectors=1 on its half."""
    L = []
    pair = vectors == 2
    name = f"pairs{n}w{kw}" if pair else f"rows{n}w{kw}"
    step = pair_step if pair else index_step
    stride = "2 * LANES" if pair else "LANES"
    L.append(f"    private static void {name}(float[] x, int first, int[] taps, int t0, int kc, float[] w, int wo,")
    L.append(f"{' ' * (24 + len(name))}float[] out, int oo, boolean accumulate) {{")
    for p in range(n):
        L.append(f"        FloatVector c{p} = FloatVector.zero(SPECIES);")
        if pair:
            L.append(f"        FloatVector d{p} = FloatVector.zero(SPECIES);")
    L.append(f"        int head = Math.min(kc, ({kw} - t0 % {kw}) % {kw});")
    L.append("        int k = 0;")
    L.append("        for (; k < head; k++) {")
    L += step(n)
    L.append("        }")
    L.append(f"        for (; k + {kw} <= kc; k += {kw}) {{")
    L.append("            int a = first + taps[t0 + k];")
    L.append(f"            int wk = wo + k * {stride};")
    for t in range(kw):
        off = "wk" if t == 0 else f"wk + {vectors * t} * LANES"
        L.append(f"            FloatVector w{t} = FloatVector.fromArray(SPECIES, w, {off});")
        if pair:
            L.append(f"            FloatVector u{t} = FloatVector.fromArray(SPECIES, w, wk + {2 * t + 1} * LANES);")
    for j in range(n + kw - 1):
        index = "a" if j == 0 else f"a + {j}"
        L.append(f"            FloatVector b{j} = FloatVector.broadcast(SPECIES, x[{index}]);")
        # input value j is tap t of position j - t; in order of t, so each position takes its taps in order
        for t in range(kw):
            p = j - t
            if 0 <= p < n:
                L.append(f"            c{p} = w{t}.fma(b{j}, c{p});")
                if pair:
                    L.append(f"            d{p} = u{t}.fma(b{j}, d{p});")
    L.append("        }")
    L.append("        for (; k < kc; k++) {")
    L += step(n)
    L.append("        }")
    L += pair_epilogue(n) if pair else epilogue(n)
    return "\n".join(L)


def pair_step(n):
    """One reduction index k for two vectors of channels (w packed [k][2 LANES]): one broadcast a position."""
    L = ["            int a = first + taps[t0 + k];",
         "            FloatVector v = FloatVector.fromArray(SPECIES, w, wo + k * 2 * LANES);",
         "            FloatVector u = FloatVector.fromArray(SPECIES, w, wo + k * 2 * LANES + LANES);"]
    for p in range(n):
        index = "a" if p == 0 else f"a + {p}"
        L.append(f"            FloatVector x{p} = FloatVector.broadcast(SPECIES, x[{index}]);")
        L.append(f"            c{p} = v.fma(x{p}, c{p});")
        L.append(f"            d{p} = u.fma(x{p}, d{p});")
    return L


def pair_epilogue(n):
    L = ["        if (accumulate) {"]
    for p in range(n):
        L.append(f"            c{p} = c{p}.add(FloatVector.fromArray(SPECIES, out, oo + {2 * p} * LANES));")
        L.append(f"            d{p} = d{p}.add(FloatVector.fromArray(SPECIES, out, oo + {2 * p + 1} * LANES));")
    L.append("        }")
    for p in range(n):
        L.append(f"        c{p}.intoArray(out, oo + {2 * p} * LANES);")
        L.append(f"        d{p}.intoArray(out, oo + {2 * p + 1} * LANES);")
    L.append("    }")
    return L


def split(n, kw, splits, widest):
    """Whether n positions of kw taps run as splits[kw]'s two tiles (no method of their own)."""
    assert kw not in splits or sum(splits[kw]) == widest[kw], "a split row must be the widest one, which case() splits"
    return kw in splits and n == widest[kw]


def case(label, prefix, n, kw, splits, vectors, article, compact):
    """A dispatch case: the method of n positions (below JDK 25 two halves where n is past compact[kw]), or the split
    row's two tiles one after the other."""
    args = "taps, t0, kc, w, wo, out, "
    if kw not in splits or n != sum(splits[kw]):
        call = f"{prefix}{n}w{kw}(x, first, {args}oo, accumulate);"
        if n <= compact[kw]:
            return f"            case {label} -> {call}"
        a, b = (n + 1) // 2, n // 2
        return "\n".join([f"            case {label} -> {{",
                          "                if (COMPACT_TILES) {",
                          f"                    {prefix}{a}w{kw}(x, first, {args}oo, accumulate);",
                          f"                    {prefix}{b}w{kw}(x, first + {a}, {args}oo + {vectors * a} * LANES, accumulate);",
                          "                } else {",
                          f"                    {call}",
                          "                }",
                          "            }"])
    a, b = splits[kw]
    tiles = f"two {a}-position tiles" if a == b else f"{article} {a}- and a {b}-position tile"
    lanes = f"{vectors * a} * LANES"
    return "\n".join([f"            case {label} -> {{ // {tiles}: see ROW_POSITIONS_{kw}",
                      f"                {prefix}{a}w{kw}(x, first, {args}oo, accumulate);",
                      f"                {prefix}{b}w{kw}(x, first + {a}, {args}oo + {lanes}, accumulate);",
                      "            }"])


def main():
    out = []
    out.append("""package dev.convkit.core.kernels.panama;

import jdk.incubator.vector.FloatVector;

import static dev.convkit.core.kernels.panama.PanamaVectorOps.LANES;
import static dev.convkit.core.kernels.panama.PanamaVectorOps.SPECIES;

/**
 * grp27: {@link dev.convkit.core.kernels.VectorOps#convGroupLanes} on the Vector API, generated by
 * tools/gen_group_lanes.py (edit that, not this): one vector of a group's response channels × 1 to 14 neighbouring
 * positions of a response row in registers across a reduction block; per reduction index one weight vector loaded and
 * each position's input value broadcast where it lies (unit stride: nothing packed, no column computed and dropped).
 * One method per count, so every input index is the tap's base plus a constant. Each block starts from zero and is
 * added to {@code out} (the micro-kernel's order: the same bits).
 */
final class PanamaGroupLanes {
    private PanamaGroupLanes() {
    }

    /** Requires positions in [1, 14]; LANES response channels. */
    static void correlate(float[] x, int first, int positions, int[] taps, int t0, int kc, float[] w, int wo,
                          float[] out, int oo, boolean accumulate) {
        switch (positions) {""")
    for n in range(1, P + 1):
        out.append(f"            case {n} -> positions{n}(x, first, taps, t0, kc, w, wo, out, oo, accumulate);")
    out.append("""            default -> throw new IllegalArgumentException("positions " + positions);
        }
    }

    /**
     * Most positions a {@link #correlateRows} call takes for kernel rows of 3 / 5 taps (grp30; {@link #correlate}: 14).
     * 19 positions of 5 taps run as tiles of 10 and 9, 21 of 3 taps as 11 and 10, and {@link #correlatePairRows}' 12
     * of 3 taps as two of 6 (each output the same fma chain, the same bits): methods of 19, 21 and 24 accumulators made
     * C1 bail out ("out of virtual registers"), and in about half the JVMs they then stayed in C1's boxed vectors,
     * 15-100x slower (h50-g4-5x5-19-128's forward 4.3 -> 470 ms a call, a g4 3×3 on 12 × 12 67 ms; stop 56, JDK 25).
     * 18 of 5 taps and 20 of 3 compiled there (JDK 17's C1 bails out of narrower ones: see COMPACT_TILES).
     */
    static final int ROW_POSITIONS_3 = """ + str(ROW_P[3]) + """, ROW_POSITIONS_5 = """ + str(ROW_P[5]) + """;

    /**
     * grp57: whether {@link #correlateRows} / {@link #correlatePairRows} run tiles wider than the COMPACT_ limits as
     * two halves (each output the same fma chain, the same bits). JDK 17's C1 bails out of those methods at tier 3
     * ("out of virtual registers"; GroupLanesTier3CompileTest), and a JVM that compiled one at tier 2 first stays
     * there, in boxed vectors: h50-g8-5x5-15-128's forward (rows of 15 at 5 taps) read 146 ms a call against 1.7 in 3
     * of 4 fresh JVMs on JDK 17 after 50 calls, g4-3x3-28's 241 against 5.4 in 2 of 3. JDK 25's C1 compiles every
     * method here; JDKs 18-24 were not measured and take the halves too (on JDK 17 they read 0.76-0.92x of a compiled
     * single tile; a bailout 40-100x slower).
     */
    static final boolean COMPACT_TILES = Runtime.version().feature() < 25;

    /** The widest tiles below JDK 25 ({@link #COMPACT_TILES}): rows of 3 / 5 taps, pair rows of 3 / 5 taps. */
    static final int COMPACT_ROW_POSITIONS_3 = """ + str(COMPACT_ROW_P[3]) + """, COMPACT_ROW_POSITIONS_5 = """ + str(COMPACT_ROW_P[5]) + """,
            COMPACT_PAIR_POSITIONS_3 = """ + str(COMPACT_PAIR_P[3]) + """, COMPACT_PAIR_POSITIONS_5 = """ + str(COMPACT_PAIR_P[5]) + """;

    /** Requires rowTaps 3 or 5 and positions in [1, ROW_POSITIONS_3 / _5]; LANES response channels. */
    static void correlateRows(float[] x, int first, int positions, int[] taps, int t0, int kc, int rowTaps, float[] w,
                              int wo, float[] out, int oo, boolean accumulate) {
        switch (rowTaps * 32 + positions) {""")
    for kw in ROW_TAPS:
        for n in range(1, ROW_P[kw] + 1):
            out.append(case(kw * 32 + n, "rows", n, kw, ROW_SPLITS, 1, "an" if kw == 3 else "a", COMPACT_ROW_P))
    out.append("""            default -> throw new IllegalArgumentException("positions " + positions + ", row taps " + rowTaps);
        }
    }

    /**
     * g32-29: {@link #correlateRows} for two vectors of response channels, w and out [.][2 LANES]; requires rowTaps 3
     * (positions in [1, 12]) or 5 (positions in [1, 10]).
     */
    static void correlatePairRows(float[] x, int first, int positions, int[] taps, int t0, int kc, int rowTaps,
                                  float[] w, int wo, float[] out, int oo, boolean accumulate) {
        switch (rowTaps * 16 + positions) {""")
    for kw in ROW_TAPS:
        for n in range(1, PAIR_POSITIONS[kw] + 1):
            out.append(case(kw * 16 + n, "pairs", n, kw, PAIR_SPLITS, 2, "two", COMPACT_PAIR_P))
    out.append("""            default -> throw new IllegalArgumentException("positions " + positions + ", row taps " + rowTaps);
        }
    }
""")
    out.append("\n\n".join([kernel(n) for n in range(1, P + 1)]
                          + [row_kernel(n, kw) for kw in ROW_TAPS for n in range(1, ROW_P[kw] + 1)
                             if not split(n, kw, ROW_SPLITS, ROW_P)]
                          + [row_kernel(n, kw, 2) for kw in ROW_TAPS for n in range(1, PAIR_POSITIONS[kw] + 1)
                             if not split(n, kw, PAIR_SPLITS, PAIR_POSITIONS)]))
    out.append("}")
    with open("convkit-core/src/main/java/dev/convkit/core/kernels/panama/PanamaGroupLanes.java", "w") as f:
        f.write("\n".join(out) + "\n")


main()
