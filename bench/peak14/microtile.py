"""gemm14: writes MicroTile.java (register tiles of MR rows x NV vectors, PanamaMicroKernel.multiply's shape, one
method a tile) into a temporary directory and runs it: GFLOP/s of each tile alone, thread CPU time, best of ROUNDS.
Never used at run time.

Usage: python3 bench/peak14/microtile.py ROUNDS AS SHAPE...     (AS: A strips, 1 = all in L1, 8 = A from L2 past
one B strip as FastConv.gemmInPlace runs them; SHAPE: MRxNV, e.g. 8x2 12x2 14x2 6x4 4x4)
"""
import os, subprocess, sys, tempfile

HEAD = r'''import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * gemm14: register tiles of MR rows x NV vectors, the shape of PanamaMicroKernel.multiply (8x2 is its tile),
 * alone: a reduction of KC = 256 with one packed B strip and AS packed A strips (AS = 1: everything in L1;
 * AS = 8: A streams from L2 past the B strip, as FastConv.gemmInPlace runs them). Thread CPU time, best of ROUNDS.
 * Usage: python3 bench/peak14/microtile.py ROUNDS AS SHAPE... (8x2 12x2 14x2 6x4 4x4)
 * Written by bench/peak14/microtile.py (one method a tile); never used at run time.
 */
public final class MicroTile {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int N = S.length();
    static final int KC = 256;
    static final int LDC = 16 * 64 + 16;
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

'''
MID = r'''    static long run(String shape, float[] a, float[] b, float[] c, int strips, int aStrips) {
        switch (shape) {
'''
REST = r'''            default -> throw new IllegalArgumentException("unknown tile " + shape);
        }
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        int aStrips = Integer.parseInt(args[1]);
        float[] a = new float[aStrips * KC * 16];
        float[] b = new float[KC * 4 * N];
        float[] c = new float[16 * LDC];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.01f;
        for (int i = 0; i < b.length; i++) b[i] = (i % 5) * 0.01f;
        StringBuilder line = new StringBuilder("tiles (" + S.vectorBitSize() + "-bit, A strips " + aStrips + "), GFLOP/s:");
        for (int s = 2; s < args.length; s++) {
            for (int i = 0; i < 20_000; i++) run(args[s], a, b, c, 8, aStrips);
            double best = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = MX.getCurrentThreadCpuTime();
                long flops = run(args[s], a, b, c, 100_000, aStrips);
                best = Math.max(best, flops / ((MX.getCurrentThreadCpuTime() - t0) / 1e9) / 1e9);
            }
            line.append(String.format("  %s %.1f", args[s], best));
        }
        System.out.println(line + (c[5] == 42 ? "" : ""));
    }
}
'''


def kernel(mr, nv):
    acc = [(i, j) for i in range(mr) for j in range(nv)]
    lines = [f"    static void k{mr}x{nv}(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {{"]
    lines += [f"        FloatVector c{i}_{j} = FloatVector.zero(S);" for i, j in acc]
    lines.append(f"        for (int k = 0, ak = aOff, bk = bOff; k < kc; k++, ak += {mr}, bk += {nv} * N) {{")
    lines += [f"            FloatVector b{j} = FloatVector.fromArray(S, b, bk + {j} * N);" for j in range(nv)]
    for i in range(mr):
        lines.append(f"            FloatVector x{i} = FloatVector.broadcast(S, a[ak + {i}]);")
        lines += [f"            c{i}_{j} = x{i}.fma(b{j}, c{i}_{j});" for j in range(nv)]
    lines.append("        }")
    lines += [f"        c{i}_{j}.intoArray(c, cOff + {i} * ldc + {j} * N);" for i, j in acc]
    lines.append("    }")
    return "\n".join(lines)


def case(mr, nv):
    return (f"            case \"{mr}x{nv}\" -> {{ for (int s = 0; s < strips; s++) k{mr}x{nv}(KC, a, (s % aStrips) * KC * {mr},"
            f" b, 0, c, 0, LDC); return (long) strips * KC * {mr} * {nv} * N * 2; }}\n")


def main():
    shapes = sorted({tuple(map(int, s.split("x"))) for s in sys.argv[3:]})
    if not shapes or any(mr * nv > 28 or mr > 16 for mr, nv in shapes):
        sys.exit("usage: microtile.py ROUNDS AS MRxNV... (at most 28 accumulators, MR <= 16)")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "MicroTile.java")
        with open(path, "w") as f:
            f.write(HEAD + "\n\n".join(kernel(*s) for s in shapes) + "\n\n" + MID + "".join(case(*s) for s in shapes) + REST)
        subprocess.run(["java", "--add-modules", "jdk.incubator.vector", path] + sys.argv[1:], check=True)


if __name__ == "__main__":
    main()
