package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.ThreadScratch;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernel on the Vector API: an 8 × (2 vectors) register tile, 8×32 with 512-bit vectors.
 * The species is a {@code static final} constant, as the JIT needs it to be. Loaded only when the
 * jdk.incubator.vector module is present.
 */
public final class PanamaMicroKernel implements MicroKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final int MR = 8;
    static final int NR = 2 * LANES;

    /** The vector width in bits, for logs and reports. */
    public static int bits() {
        return SPECIES.vectorBitSize();
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    /**
     * {@inheritDoc} Two methods, one for each value of {@code accumulate}: in one method the store that the
     * forwards never took (they write, the weight gradients add) was compiled out, and the first weight
     * gradient deoptimized it, ran its loop in C1 and compiled it again on stack and then by call count (jit27:
     * three C2 compiles, a 56 kB on-stack one of 3.8 s under load, the largest of cnn2's first epoch).
     */
    @Override
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        if (accumulate) {
            multiplyAdd(kc, a, aOff, b, bOff, c, cOff, ldc);
        } else {
            multiplyStore(ROW_HALVES, kc, a, aOff, b, bOff, c, cOff, ldc);
        }
    }

    /**
     * mk256: on 256-bit vectors (AVX2: 16 registers) the plain tile runs as two passes of 4 rows. The 8-row loop keeps 16
     * sums, 2 B vectors and a broadcast live, 19 registers, and C2 spills sums in the loop; 4 rows need 11. B is read
     * twice (from L1), each sum's fused multiply-adds still run in k order from +0: the same bits. Not {@link #rowsRun}:
     * its A rows read in place ran slower in halves (KernelRate kc 252: 38.7 -> 23.8 GFLOP/s).
     */
    static final boolean ROW_HALVES = LANES == 8;

    /** {@link #multiply} with {@code accumulate} false: C = A·B; {@code halves}: {@link #ROW_HALVES}' plan (tests force both). */
    static void multiplyStore(boolean halves, int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                              int ldc) {
        if (halves) {
            storeRows4(kc, a, aOff, b, bOff, c, cOff, ldc);
            storeRows4(kc, a, aOff + 4, b, bOff, c, cOff + 4 * ldc, ldc);
        } else {
            storeTile(kc, a, aOff, b, bOff, c, cOff, ldc);
        }
    }

    /** C = A·B for 4 of the tile's rows: A's rows from {@code aOff} at stride MR, C's from {@code cOff}. */
    static void storeRows4(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        int ak = aOff;
        int bk = bOff;
        for (int k = 0; k < kc; k++, ak += MR, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + LANES);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + LANES);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + LANES);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + LANES);
    }

    /** C = A·B, the whole 8-row tile in one loop (16 sums in registers: 512-bit hosts' 32 registers hold them). */
    static void storeTile(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int ak = aOff;
        int bk = bOff;
        for (int k = 0; k < kc; k++, ak += MR, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ak + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ak + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ak + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ak + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // written out inline: a helper taking vectors is not inlined in a method this large, and then
        // C2 boxes the accumulators, ten times slower
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + LANES);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + LANES);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + LANES);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + LANES);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + LANES);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + LANES);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + LANES);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + LANES);
    }

    /**
     * {@inheritDoc} {@link #multiplyStore}'s one loop into this thread's carry, then added to C as {@link #multiplyAdd}
     * adds its carry: the runs' sums carried through memory every {@value #RUN} steps made a 256-step block 10-15 %
     * slower (p1f50: 180-193 against 209-212 GFLOP/s, 192 rows of A against one B strip). The loop is the forwards'
     * own, compiled by the time these calls come.
     */
    @Override
    public void multiplyAddBlock(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
        float[] acc = CARRY.floats(2 * MR * LANES);
        multiplyStore(ROW_HALVES, kc, a, aOff, b, bOff, acc, 0, NR);
        storeCarry(acc, c, cOff, ldc, true);
    }

    /**
     * {@link #multiply} with {@code accumulate} true: C += A·B. The k loop runs in {@link #packedRun}s of at most
     * {@value #RUN} steps, its 16 sums carried between them in {@link #carry} (see {@link #RUN}): the same
     * fused multiply-adds in the same order from +0, then C added, so the same bits as one loop.
     */
    private static void multiplyAdd(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
        float[] acc = carry();
        for (int k0 = 0; k0 < kc; k0 += RUN) {
            packedRun(ROW_HALVES, Math.min(RUN, kc - k0), a, aOff + k0 * MR, b, bOff + k0 * NR, acc);
        }
        storeCarry(acc, c, cOff, ldc, true);
    }

    /**
     * Most turns of the accumulating kernels' loop in one call ({@link #packedRun}: a k step a turn; {@link #rowsRun}:
     * {@link #STEPS}). HotSpot compiles a method on stack
     * (OSR) when its loops pass a back-edge count before its calls pass the call count, i.e. when the first calls
     * run more than ~60 loop turns each (tiered thresholds: 40,000 back edges against 600 calls with 15,000 turns,
     * in any scaling). cnn2's linear forward (kc 256) and Winograd weight gradient (kc up to 128) did, and
     * those two on-stack compiles of the 8 × 32 tile were the largest C2 items of a first epoch (train48: 74 and
     * 50 kB of code, 0.9-1.0 s of the one C2 thread each at load 8, against 9-20 kB and 0.1-0.2 s compiled by
     * call count). At most 48 turns a call, the call count wins.
     */
    static final int RUN = 48;

    /**
     * k steps one loop turn of {@link #rowsRun} takes (s2g54): the call count still comes first at {@value #RUN} turns
     * a call, and the sums go through memory every {@value #RUN_STEPS} steps instead of every {@value #RUN}: the
     * kernel alone at kc 252 (r3x3-s2's weight gradient runs) 176 -> 193 GFLOP/s, fastest of five rounds
     * (bench/s2g54/KernelRate.java). {@link #packedRun} so unrolled read no faster, and keeps one step a turn.
     */
    static final int STEPS = 4;

    /** Most k steps of one {@link #rowsRun} call: {@value #RUN} turns of {@value #STEPS}. */
    static final int RUN_STEPS = STEPS * RUN;

    /** The 16 sums of an 8 × 32 tile between runs: MR rows of 2 vectors, row i at {@code 2·i·LANES}. */
    private static final ThreadScratch CARRY = new ThreadScratch();

    /** This thread's carry, zeroed: the sums start at +0, as the one-loop kernels' {@code FloatVector.zero}. */
    private static float[] carry() {
        float[] acc = CARRY.floats(2 * MR * LANES);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int i = 0; i < 2 * MR * LANES; i += LANES) {
            zero.intoArray(acc, i);
        }
        return acc;
    }

    /** C = acc, or C += acc (acc + C, as the one-loop kernels add it) when {@code accumulate}. */
    private static void storeCarry(float[] acc, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < MR; i++) {
            int at = cOff + i * ldc;
            // each branch stores its own vectors: no vector merged across the branch (a phi C2 may box)
            if (accumulate) {
                FloatVector.fromArray(SPECIES, acc, 2 * i * LANES).add(FloatVector.fromArray(SPECIES, c, at)).intoArray(c, at);
                FloatVector.fromArray(SPECIES, acc, (2 * i + 1) * LANES).add(FloatVector.fromArray(SPECIES, c, at + LANES))
                        .intoArray(c, at + LANES);
            } else {
                FloatVector.fromArray(SPECIES, acc, 2 * i * LANES).intoArray(c, at);
                FloatVector.fromArray(SPECIES, acc, (2 * i + 1) * LANES).intoArray(c, at + LANES);
            }
        }
    }

    /** {@code kc} steps of the tile's loop on packed A and B, the 16 sums loaded from and stored to {@code acc}. */
    static void packedRun(boolean halves, int kc, float[] a, int aOff, float[] b, int bOff, float[] acc) {
        if (halves) {
            packedRows4(kc, a, aOff, b, bOff, acc, 0);
            packedRows4(kc, a, aOff + 4, b, bOff, acc, 8 * LANES);
        } else {
            packedTile(kc, a, aOff, b, bOff, acc);
        }
    }

    /** {@link #packedRun} for 4 of the tile's rows (see {@link #ROW_HALVES}), their 8 sums at {@code acc[at..]}. */
    static void packedRows4(int kc, float[] a, int aOff, float[] b, int bOff, float[] acc, int at) {
        FloatVector c00 = FloatVector.fromArray(SPECIES, acc, at);
        FloatVector c01 = FloatVector.fromArray(SPECIES, acc, at + LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, acc, at + 2 * LANES);
        FloatVector c11 = FloatVector.fromArray(SPECIES, acc, at + 3 * LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, acc, at + 4 * LANES);
        FloatVector c21 = FloatVector.fromArray(SPECIES, acc, at + 5 * LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, acc, at + 6 * LANES);
        FloatVector c31 = FloatVector.fromArray(SPECIES, acc, at + 7 * LANES);
        int ak = aOff;
        int bk = bOff;
        for (int k = 0; k < kc; k++, ak += MR, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(acc, at);
        c01.intoArray(acc, at + LANES);
        c10.intoArray(acc, at + 2 * LANES);
        c11.intoArray(acc, at + 3 * LANES);
        c20.intoArray(acc, at + 4 * LANES);
        c21.intoArray(acc, at + 5 * LANES);
        c30.intoArray(acc, at + 6 * LANES);
        c31.intoArray(acc, at + 7 * LANES);
    }

    /** {@link #packedRun} for the whole 8-row tile in one loop. */
    static void packedTile(int kc, float[] a, int aOff, float[] b, int bOff, float[] acc) {
        FloatVector c00 = FloatVector.fromArray(SPECIES, acc, 0 * LANES);
        FloatVector c01 = FloatVector.fromArray(SPECIES, acc, 1 * LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, acc, 2 * LANES);
        FloatVector c11 = FloatVector.fromArray(SPECIES, acc, 3 * LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, acc, 4 * LANES);
        FloatVector c21 = FloatVector.fromArray(SPECIES, acc, 5 * LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, acc, 6 * LANES);
        FloatVector c31 = FloatVector.fromArray(SPECIES, acc, 7 * LANES);
        FloatVector c40 = FloatVector.fromArray(SPECIES, acc, 8 * LANES);
        FloatVector c41 = FloatVector.fromArray(SPECIES, acc, 9 * LANES);
        FloatVector c50 = FloatVector.fromArray(SPECIES, acc, 10 * LANES);
        FloatVector c51 = FloatVector.fromArray(SPECIES, acc, 11 * LANES);
        FloatVector c60 = FloatVector.fromArray(SPECIES, acc, 12 * LANES);
        FloatVector c61 = FloatVector.fromArray(SPECIES, acc, 13 * LANES);
        FloatVector c70 = FloatVector.fromArray(SPECIES, acc, 14 * LANES);
        FloatVector c71 = FloatVector.fromArray(SPECIES, acc, 15 * LANES);
        int ak = aOff;
        int bk = bOff;
        for (int k = 0; k < kc; k++, ak += MR, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ak + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ak + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ak + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ak + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(acc, 0 * LANES);
        c01.intoArray(acc, 1 * LANES);
        c10.intoArray(acc, 2 * LANES);
        c11.intoArray(acc, 3 * LANES);
        c20.intoArray(acc, 4 * LANES);
        c21.intoArray(acc, 5 * LANES);
        c30.intoArray(acc, 6 * LANES);
        c31.intoArray(acc, 7 * LANES);
        c40.intoArray(acc, 8 * LANES);
        c41.intoArray(acc, 9 * LANES);
        c50.intoArray(acc, 10 * LANES);
        c51.intoArray(acc, 11 * LANES);
        c60.intoArray(acc, 12 * LANES);
        c61.intoArray(acc, 13 * LANES);
        c70.intoArray(acc, 14 * LANES);
        c71.intoArray(acc, 15 * LANES);
    }

    /**
     * {@inheritDoc} The rows' tails as whole vectors, both factors zero past {@code tail} (so the lanes past it add
     * +0, whatever the floats read there), multiplied and then added as the scalar loop does: the same sums.
     */
    @Override
    public void dotBlockTail(int from, int tail, float[] d, int dOff, int ldd, float[] x, int x0, int x1, int x2, int x3,
                             float[] acc, int accOff) {
        VectorMask<Float> past = VectorMask.fromArray(SPECIES, SKIP_MASKS, LANES - tail);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector y0 = FloatVector.fromArray(SPECIES, x, x0 + from).blend(zero, past);
        FloatVector y1 = FloatVector.fromArray(SPECIES, x, x1 + from).blend(zero, past);
        FloatVector y2 = FloatVector.fromArray(SPECIES, x, x2 + from).blend(zero, past);
        FloatVector y3 = FloatVector.fromArray(SPECIES, x, x3 + from).blend(zero, past);
        for (int i = 0; i < 4; i++) {
            FloatVector r = FloatVector.fromArray(SPECIES, d, dOff + i * ldd + from).blend(zero, past);
            int at = accOff + 4 * i * LANES;
            FloatVector.fromArray(SPECIES, acc, at).add(r.mul(y0)).intoArray(acc, at);
            FloatVector.fromArray(SPECIES, acc, at + LANES).add(r.mul(y1)).intoArray(acc, at + LANES);
            FloatVector.fromArray(SPECIES, acc, at + 2 * LANES).add(r.mul(y2)).intoArray(acc, at + 2 * LANES);
            FloatVector.fromArray(SPECIES, acc, at + 3 * LANES).add(r.mul(y3)).intoArray(acc, at + 3 * LANES);
        }
    }

    // ---- s2bwd18: A read in place, each tile row a contiguous row of its own (the weight gradient's tap rows)

    /**
     * {@inheritDoc} In runs of at most {@value #RUN_STEPS} k steps, the sums carried between them (see {@link #RUN}): the
     * same bits as one loop.
     */
    @Override
    public void multiplyARowsInPlace(int kc, float[] src, int[] rows, int rOff, int p, float[] b, int bOff, float[] c, int cOff,
                                    int ldc, boolean accumulate) {
        float[] acc = carry();
        for (int k0 = 0; k0 < kc; k0 += RUN_STEPS) {
            rowsRun(Math.min(RUN_STEPS, kc - k0), src, rows, rOff, p + k0, b, bOff + k0 * NR, acc);
        }
        storeCarry(acc, c, cOff, ldc, accumulate);
    }

    /** A strip row of {@link #packColumnStrip}: MR floats. */
    private static final VectorSpecies<Float> STRIP_ROW = FloatVector.SPECIES_256;

    /**
     * {@inheritDoc} Each row of MR floats as one vector, from JDK 18 (JDK 17's allocation check did not finish in
     * r1x58's sitting: the copy calls stay there).
     */
    @Override
    public void packColumnStrip(float[] w, int from, int ld, int k, float[] p, int pOff) {
        if (STRIP_ROW.length() != MR || !PanamaVectorOps.MASKED_ACCESS_COMPILED) {
            MicroKernel.super.packColumnStrip(w, from, ld, k, p, pOff);
            return;
        }
        for (int kk = 0, s = from, d = pOff; kk < k; kk++, s += ld, d += MR) {
            FloatVector.fromArray(STRIP_ROW, w, s).intoArray(p, d);
        }
    }

    /**
     * {@inheritDoc} From JDK 18 (r1x49): on JDK 17, r1x48's in-place GEMM for every 1×1 weight gradient, compiled
     * first in the allocation test's mix, left h43-g2-5x5-17-64's forward and input gradient boxing 65-69 MB a call.
     */
    @Override
    public boolean pointwiseWeightGradientInPlace() {
        return PanamaVectorOps.MASKED_ACCESS_COMPILED;
    }

    /**
     * {@inheritDoc} From JDK 18: on JDK 17 {@link #stridedRowsPacking}'s shuffles and masks box (h53-s2-41's forward
     * 10 MB a call), and compiled in the allocation test's mix it left g2-5x5-17's forward boxing 236 MB a call.
     */
    @Override
    public boolean stridedRowsInPlace() {
        return PanamaVectorOps.MASKED_ACCESS_COMPILED;
    }

    /**
     * {@code kc} steps of {@link #multiplyARowsInPlace}'s loop from column {@code p} of A's rows, the sums in {@code acc}:
     * {@value #STEPS} steps a turn, each sum's fused multiply-adds in k order, then the last steps one a turn.
     */
    private static void rowsRun(int kc, float[] src, int[] rows, int rOff, int p, float[] b, int bOff, float[] acc) {
        FloatVector c00 = FloatVector.fromArray(SPECIES, acc, 0 * LANES);
        FloatVector c01 = FloatVector.fromArray(SPECIES, acc, 1 * LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, acc, 2 * LANES);
        FloatVector c11 = FloatVector.fromArray(SPECIES, acc, 3 * LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, acc, 4 * LANES);
        FloatVector c21 = FloatVector.fromArray(SPECIES, acc, 5 * LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, acc, 6 * LANES);
        FloatVector c31 = FloatVector.fromArray(SPECIES, acc, 7 * LANES);
        FloatVector c40 = FloatVector.fromArray(SPECIES, acc, 8 * LANES);
        FloatVector c41 = FloatVector.fromArray(SPECIES, acc, 9 * LANES);
        FloatVector c50 = FloatVector.fromArray(SPECIES, acc, 10 * LANES);
        FloatVector c51 = FloatVector.fromArray(SPECIES, acc, 11 * LANES);
        FloatVector c60 = FloatVector.fromArray(SPECIES, acc, 12 * LANES);
        FloatVector c61 = FloatVector.fromArray(SPECIES, acc, 13 * LANES);
        FloatVector c70 = FloatVector.fromArray(SPECIES, acc, 14 * LANES);
        FloatVector c71 = FloatVector.fromArray(SPECIES, acc, 15 * LANES);
        int a0 = rows[rOff] + p;
        int a1 = rows[rOff + 1] + p;
        int a2 = rows[rOff + 2] + p;
        int a3 = rows[rOff + 3] + p;
        int a4 = rows[rOff + 4] + p;
        int a5 = rows[rOff + 5] + p;
        int a6 = rows[rOff + 6] + p;
        int a7 = rows[rOff + 7] + p;
        int bk = bOff;
        int k = 0;
        for (; k <= kc - STEPS; k += STEPS, bk += STEPS * NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, src[a0 + k]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, src[a1 + k]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, src[a2 + k]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, src[a3 + k]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, src[a4 + k]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, src[a5 + k]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, src[a6 + k]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, src[a7 + k]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            // step k + 1
            b0 = FloatVector.fromArray(SPECIES, b, bk + 1 * NR);
            b1 = FloatVector.fromArray(SPECIES, b, bk + 1 * NR + LANES);
            x = FloatVector.broadcast(SPECIES, src[a0 + k + 1]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, src[a1 + k + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, src[a2 + k + 1]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, src[a3 + k + 1]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, src[a4 + k + 1]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, src[a5 + k + 1]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, src[a6 + k + 1]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, src[a7 + k + 1]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            // step k + 2
            b0 = FloatVector.fromArray(SPECIES, b, bk + 2 * NR);
            b1 = FloatVector.fromArray(SPECIES, b, bk + 2 * NR + LANES);
            x = FloatVector.broadcast(SPECIES, src[a0 + k + 2]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, src[a1 + k + 2]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, src[a2 + k + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, src[a3 + k + 2]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, src[a4 + k + 2]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, src[a5 + k + 2]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, src[a6 + k + 2]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, src[a7 + k + 2]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            // step k + 3
            b0 = FloatVector.fromArray(SPECIES, b, bk + 3 * NR);
            b1 = FloatVector.fromArray(SPECIES, b, bk + 3 * NR + LANES);
            x = FloatVector.broadcast(SPECIES, src[a0 + k + 3]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, src[a1 + k + 3]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, src[a2 + k + 3]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, src[a3 + k + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, src[a4 + k + 3]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, src[a5 + k + 3]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, src[a6 + k + 3]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, src[a7 + k + 3]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        for (; k < kc; k++, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, src[a0 + k]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, src[a1 + k]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, src[a2 + k]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, src[a3 + k]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, src[a4 + k]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, src[a5 + k]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, src[a6 + k]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, src[a7 + k]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(acc, 0 * LANES);
        c01.intoArray(acc, 1 * LANES);
        c10.intoArray(acc, 2 * LANES);
        c11.intoArray(acc, 3 * LANES);
        c20.intoArray(acc, 4 * LANES);
        c21.intoArray(acc, 5 * LANES);
        c30.intoArray(acc, 6 * LANES);
        c31.intoArray(acc, 7 * LANES);
        c40.intoArray(acc, 8 * LANES);
        c41.intoArray(acc, 9 * LANES);
        c50.intoArray(acc, 10 * LANES);
        c51.intoArray(acc, 11 * LANES);
        c60.intoArray(acc, 12 * LANES);
        c61.intoArray(acc, 13 * LANES);
        c70.intoArray(acc, 14 * LANES);
        c71.intoArray(acc, 15 * LANES);
    }

    @Override
    public int dotLanes() {
        return LANES;
    }

    @Override
    public void dotBlock(int len, float[] d, int dOff, int ldd, float[] x, int x0, int x1, int x2, int x3, float[] acc,
                         int accOff) {
        FloatVector s00 = FloatVector.fromArray(SPECIES, acc, accOff + 0 * LANES);
        FloatVector s01 = FloatVector.fromArray(SPECIES, acc, accOff + 1 * LANES);
        FloatVector s02 = FloatVector.fromArray(SPECIES, acc, accOff + 2 * LANES);
        FloatVector s03 = FloatVector.fromArray(SPECIES, acc, accOff + 3 * LANES);
        FloatVector s10 = FloatVector.fromArray(SPECIES, acc, accOff + 4 * LANES);
        FloatVector s11 = FloatVector.fromArray(SPECIES, acc, accOff + 5 * LANES);
        FloatVector s12 = FloatVector.fromArray(SPECIES, acc, accOff + 6 * LANES);
        FloatVector s13 = FloatVector.fromArray(SPECIES, acc, accOff + 7 * LANES);
        FloatVector s20 = FloatVector.fromArray(SPECIES, acc, accOff + 8 * LANES);
        FloatVector s21 = FloatVector.fromArray(SPECIES, acc, accOff + 9 * LANES);
        FloatVector s22 = FloatVector.fromArray(SPECIES, acc, accOff + 10 * LANES);
        FloatVector s23 = FloatVector.fromArray(SPECIES, acc, accOff + 11 * LANES);
        FloatVector s30 = FloatVector.fromArray(SPECIES, acc, accOff + 12 * LANES);
        FloatVector s31 = FloatVector.fromArray(SPECIES, acc, accOff + 13 * LANES);
        FloatVector s32 = FloatVector.fromArray(SPECIES, acc, accOff + 14 * LANES);
        FloatVector s33 = FloatVector.fromArray(SPECIES, acc, accOff + 15 * LANES);
        int d1 = dOff + ldd;
        int d2 = dOff + 2 * ldd;
        int d3 = dOff + 3 * ldd;
        for (int v = 0; v < len; v += LANES) {
            FloatVector y0 = FloatVector.fromArray(SPECIES, x, x0 + v);
            FloatVector y1 = FloatVector.fromArray(SPECIES, x, x1 + v);
            FloatVector y2 = FloatVector.fromArray(SPECIES, x, x2 + v);
            FloatVector y3 = FloatVector.fromArray(SPECIES, x, x3 + v);
            FloatVector r0 = FloatVector.fromArray(SPECIES, d, dOff + v);
            s00 = r0.fma(y0, s00);
            s01 = r0.fma(y1, s01);
            s02 = r0.fma(y2, s02);
            s03 = r0.fma(y3, s03);
            FloatVector r1 = FloatVector.fromArray(SPECIES, d, d1 + v);
            s10 = r1.fma(y0, s10);
            s11 = r1.fma(y1, s11);
            s12 = r1.fma(y2, s12);
            s13 = r1.fma(y3, s13);
            FloatVector r2 = FloatVector.fromArray(SPECIES, d, d2 + v);
            s20 = r2.fma(y0, s20);
            s21 = r2.fma(y1, s21);
            s22 = r2.fma(y2, s22);
            s23 = r2.fma(y3, s23);
            FloatVector r3 = FloatVector.fromArray(SPECIES, d, d3 + v);
            s30 = r3.fma(y0, s30);
            s31 = r3.fma(y1, s31);
            s32 = r3.fma(y2, s32);
            s33 = r3.fma(y3, s33);
        }
        s00.intoArray(acc, accOff + 0 * LANES);
        s01.intoArray(acc, accOff + 1 * LANES);
        s02.intoArray(acc, accOff + 2 * LANES);
        s03.intoArray(acc, accOff + 3 * LANES);
        s10.intoArray(acc, accOff + 4 * LANES);
        s11.intoArray(acc, accOff + 5 * LANES);
        s12.intoArray(acc, accOff + 6 * LANES);
        s13.intoArray(acc, accOff + 7 * LANES);
        s20.intoArray(acc, accOff + 8 * LANES);
        s21.intoArray(acc, accOff + 9 * LANES);
        s22.intoArray(acc, accOff + 10 * LANES);
        s23.intoArray(acc, accOff + 11 * LANES);
        s30.intoArray(acc, accOff + 12 * LANES);
        s31.intoArray(acc, accOff + 13 * LANES);
        s32.intoArray(acc, accOff + 14 * LANES);
        s33.intoArray(acc, accOff + 15 * LANES);
    }

    // ---- gemm6: the implicit-GEMM kernel (A read from the image in place)

    @Override
    public void multiplyRowGather(int kc, float[] img, int p, int step, int[] koff, int kOff, float[] b, int bOff, float[] c,
                                  int cOff, int ldc, boolean accumulate) {
        // constant spacings for the common strides: their eight loads share one bounds check, not eight
        if (step == 2) {
            rowGather2(kc, img, p, step, koff, kOff, b, bOff, c, cOff, ldc, accumulate);
        } else if (step == 1) {
            rowGather1(kc, img, p, step, koff, kOff, b, bOff, c, cOff, ldc, accumulate);
        } else {
            rowGatherAny(kc, img, p, step, koff, kOff, b, bOff, c, cOff, ldc, accumulate);
        }
    }

    private static void rowGather2(int kc, float[] img, int p, int step, int[] koff, int kOff, float[] b, int bOff, float[] c,
                                    int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int bk = bOff;
        for (int k = 0; k < kc; k++, bk += NR) {
            int off = koff[kOff + k];
            int q = p + off;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, img[q]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, img[q + 2]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, img[q + 4]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, img[q + 6]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, img[q + 8]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, img[q + 10]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, img[q + 12]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, img[q + 14]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // written out inline: a helper taking vectors is not inlined in a method this large, and then
        // C2 boxes the accumulators, ten times slower
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, c, cOff)).intoArray(c, cOff);
            c01.add(FloatVector.fromArray(SPECIES, c, cOff + LANES)).intoArray(c, cOff + LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cOff + ldc)).intoArray(c, cOff + ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cOff + ldc + LANES)).intoArray(c, cOff + ldc + LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + LANES)).intoArray(c, cOff + 2 * ldc + LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + LANES)).intoArray(c, cOff + 3 * ldc + LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + LANES)).intoArray(c, cOff + 4 * ldc + LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + LANES)).intoArray(c, cOff + 5 * ldc + LANES);
            c60.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
            c61.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc + LANES)).intoArray(c, cOff + 6 * ldc + LANES);
            c70.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
            c71.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc + LANES)).intoArray(c, cOff + 7 * ldc + LANES);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + LANES);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + LANES);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + LANES);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + LANES);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + LANES);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + LANES);
            c60.intoArray(c, cOff + 6 * ldc);
            c61.intoArray(c, cOff + 6 * ldc + LANES);
            c70.intoArray(c, cOff + 7 * ldc);
            c71.intoArray(c, cOff + 7 * ldc + LANES);
        }
    }

    private static void rowGather1(int kc, float[] img, int p, int step, int[] koff, int kOff, float[] b, int bOff, float[] c,
                                    int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int bk = bOff;
        for (int k = 0; k < kc; k++, bk += NR) {
            int off = koff[kOff + k];
            int q = p + off;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, img[q]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, img[q + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, img[q + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, img[q + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, img[q + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, img[q + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, img[q + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, img[q + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // written out inline: a helper taking vectors is not inlined in a method this large, and then
        // C2 boxes the accumulators, ten times slower
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, c, cOff)).intoArray(c, cOff);
            c01.add(FloatVector.fromArray(SPECIES, c, cOff + LANES)).intoArray(c, cOff + LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cOff + ldc)).intoArray(c, cOff + ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cOff + ldc + LANES)).intoArray(c, cOff + ldc + LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + LANES)).intoArray(c, cOff + 2 * ldc + LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + LANES)).intoArray(c, cOff + 3 * ldc + LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + LANES)).intoArray(c, cOff + 4 * ldc + LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + LANES)).intoArray(c, cOff + 5 * ldc + LANES);
            c60.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
            c61.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc + LANES)).intoArray(c, cOff + 6 * ldc + LANES);
            c70.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
            c71.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc + LANES)).intoArray(c, cOff + 7 * ldc + LANES);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + LANES);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + LANES);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + LANES);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + LANES);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + LANES);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + LANES);
            c60.intoArray(c, cOff + 6 * ldc);
            c61.intoArray(c, cOff + 6 * ldc + LANES);
            c70.intoArray(c, cOff + 7 * ldc);
            c71.intoArray(c, cOff + 7 * ldc + LANES);
        }
    }

    private static void rowGatherAny(int kc, float[] img, int p, int step, int[] koff, int kOff, float[] b, int bOff, float[] c,
                                    int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int p1 = p + 1 * step;
        int p2 = p + 2 * step;
        int p3 = p + 3 * step;
        int p4 = p + 4 * step;
        int p5 = p + 5 * step;
        int p6 = p + 6 * step;
        int p7 = p + 7 * step;
        int bk = bOff;
        for (int k = 0; k < kc; k++, bk += NR) {
            int off = koff[kOff + k];
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, img[p + off]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, img[p1 + off]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, img[p2 + off]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, img[p3 + off]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, img[p4 + off]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, img[p5 + off]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, img[p6 + off]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, img[p7 + off]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // written out inline: a helper taking vectors is not inlined in a method this large, and then
        // C2 boxes the accumulators, ten times slower
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, c, cOff)).intoArray(c, cOff);
            c01.add(FloatVector.fromArray(SPECIES, c, cOff + LANES)).intoArray(c, cOff + LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cOff + ldc)).intoArray(c, cOff + ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cOff + ldc + LANES)).intoArray(c, cOff + ldc + LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + LANES)).intoArray(c, cOff + 2 * ldc + LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + LANES)).intoArray(c, cOff + 3 * ldc + LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + LANES)).intoArray(c, cOff + 4 * ldc + LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + LANES)).intoArray(c, cOff + 5 * ldc + LANES);
            c60.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
            c61.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc + LANES)).intoArray(c, cOff + 6 * ldc + LANES);
            c70.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
            c71.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc + LANES)).intoArray(c, cOff + 7 * ldc + LANES);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + LANES);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + LANES);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + LANES);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + LANES);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + LANES);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + LANES);
            c60.intoArray(c, cOff + 6 * ldc);
            c61.intoArray(c, cOff + 6 * ldc + LANES);
            c70.intoArray(c, cOff + 7 * ldc);
            c71.intoArray(c, cOff + 7 * ldc + LANES);
        }
    }

    // ---- s2b25: multiplyARowsInPlace's first vector a row, for the weight gradient's last half strip of channels

    @Override
    public void multiplyARowsInPlaceHalf(int kc, float[] src, int[] rows, int rOff, int p, float[] b, int bOff,
                                         float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        int a0 = rows[rOff] + p;
        int a1 = rows[rOff + 1] + p;
        int a2 = rows[rOff + 2] + p;
        int a3 = rows[rOff + 3] + p;
        int a4 = rows[rOff + 4] + p;
        int a5 = rows[rOff + 5] + p;
        int a6 = rows[rOff + 6] + p;
        int a7 = rows[rOff + 7] + p;
        int bk = bOff;
        for (int k = 0; k < kc; k++, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            c0 = FloatVector.broadcast(SPECIES, src[a0 + k]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, src[a1 + k]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, src[a2 + k]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, src[a3 + k]).fma(b0, c3);
            c4 = FloatVector.broadcast(SPECIES, src[a4 + k]).fma(b0, c4);
            c5 = FloatVector.broadcast(SPECIES, src[a5 + k]).fma(b0, c5);
            c6 = FloatVector.broadcast(SPECIES, src[a6 + k]).fma(b0, c6);
            c7 = FloatVector.broadcast(SPECIES, src[a7 + k]).fma(b0, c7);
        }
        // written out inline, as multiplyARowsInPlace's: a helper taking vectors would box the accumulators
        if (accumulate) {
            c0.add(FloatVector.fromArray(SPECIES, c, cOff)).intoArray(c, cOff);
            c1.add(FloatVector.fromArray(SPECIES, c, cOff + ldc)).intoArray(c, cOff + ldc);
            c2.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c3.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c4.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c5.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c6.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
            c7.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
        } else {
            c0.intoArray(c, cOff);
            c1.intoArray(c, cOff + ldc);
            c2.intoArray(c, cOff + 2 * ldc);
            c3.intoArray(c, cOff + 3 * ldc);
            c4.intoArray(c, cOff + 4 * ldc);
            c5.intoArray(c, cOff + 5 * ldc);
            c6.intoArray(c, cOff + 6 * ldc);
            c7.intoArray(c, cOff + 7 * ldc);
        }
    }

    // ---- grp24: one vector of B a reduction index, for a run's last half strip

    @Override
    public void multiplyRowsInPlaceHalf(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p,
                                        float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        int ak = aOff;
        for (int k = 0; k < kc; k++, ak += MR) {
            FloatVector b = FloatVector.fromArray(SPECIES, src, koff[kOff + k] + p);
            c0 = FloatVector.broadcast(SPECIES, a[ak]).fma(b, c0);
            c1 = FloatVector.broadcast(SPECIES, a[ak + 1]).fma(b, c1);
            c2 = FloatVector.broadcast(SPECIES, a[ak + 2]).fma(b, c2);
            c3 = FloatVector.broadcast(SPECIES, a[ak + 3]).fma(b, c3);
            c4 = FloatVector.broadcast(SPECIES, a[ak + 4]).fma(b, c4);
            c5 = FloatVector.broadcast(SPECIES, a[ak + 5]).fma(b, c5);
            c6 = FloatVector.broadcast(SPECIES, a[ak + 6]).fma(b, c6);
            c7 = FloatVector.broadcast(SPECIES, a[ak + 7]).fma(b, c7);
        }
        // written out inline, as multiplyRowsInPlace's: a helper taking vectors would box the accumulators
        if (accumulate) {
            c0.add(FloatVector.fromArray(SPECIES, c, cOff)).intoArray(c, cOff);
            c1.add(FloatVector.fromArray(SPECIES, c, cOff + ldc)).intoArray(c, cOff + ldc);
            c2.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c3.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c4.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c5.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c6.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
            c7.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
        } else {
            c0.intoArray(c, cOff);
            c1.intoArray(c, cOff + ldc);
            c2.intoArray(c, cOff + 2 * ldc);
            c3.intoArray(c, cOff + 3 * ldc);
            c4.intoArray(c, cOff + 4 * ldc);
            c5.intoArray(c, cOff + 5 * ldc);
            c6.intoArray(c, cOff + 6 * ldc);
            c7.intoArray(c, cOff + 7 * ldc);
        }
    }

    // ---- s2conv8: B read in place, rows at offsets (a copy of multiply but for the B loads)

    @Override
    public void multiplyRowsInPlace(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p, float[] c,
                                    int cOff, int ldc, boolean accumulate) {
        multiplyRowsInPlace(ROW_HALVES, kc, a, aOff, src, koff, kOff, p, c, cOff, ldc, accumulate);
    }

    /** {@link #multiplyRowsInPlace} on {@code halves}' plan ({@link #ROW_HALVES} in production; tests force both). */
    static void multiplyRowsInPlace(boolean halves, int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p,
                                    float[] c, int cOff, int ldc, boolean accumulate) {
        if (halves) {
            rowsInPlaceRows4(kc, a, aOff, src, koff, kOff, p, c, cOff, ldc, accumulate);
            rowsInPlaceRows4(kc, a, aOff + 4, src, koff, kOff, p, c, cOff + 4 * ldc, ldc, accumulate);
        } else {
            rowsInPlaceTile(kc, a, aOff, src, koff, kOff, p, c, cOff, ldc, accumulate);
        }
    }

    /** {@link #multiplyRowsInPlace} for 4 of the tile's rows (see {@link #ROW_HALVES}). */
    static void rowsInPlaceRows4(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p, float[] c,
                                 int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        int ak = aOff;
        for (int k = 0; k < kc; k++, ak += MR) {
            int bk = koff[kOff + k] + p;
            FloatVector b0 = FloatVector.fromArray(SPECIES, src, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, src, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, c, cOff)).intoArray(c, cOff);
            c01.add(FloatVector.fromArray(SPECIES, c, cOff + LANES)).intoArray(c, cOff + LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cOff + ldc)).intoArray(c, cOff + ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cOff + ldc + LANES)).intoArray(c, cOff + ldc + LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + LANES)).intoArray(c, cOff + 2 * ldc + LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + LANES)).intoArray(c, cOff + 3 * ldc + LANES);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + LANES);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + LANES);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + LANES);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + LANES);
        }
    }

    /** {@link #multiplyRowsInPlace} for the whole 8-row tile in one loop. */
    static void rowsInPlaceTile(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p, float[] c,
                                int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int ak = aOff;
        for (int k = 0; k < kc; k++, ak += MR) {
            int bk = koff[kOff + k] + p;
            FloatVector b0 = FloatVector.fromArray(SPECIES, src, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, src, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ak + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ak + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ak + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ak + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // written out inline: a helper taking vectors is not inlined in a method this large, and then
        // C2 boxes the accumulators, ten times slower
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, c, cOff)).intoArray(c, cOff);
            c01.add(FloatVector.fromArray(SPECIES, c, cOff + LANES)).intoArray(c, cOff + LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cOff + ldc)).intoArray(c, cOff + ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cOff + ldc + LANES)).intoArray(c, cOff + ldc + LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + LANES)).intoArray(c, cOff + 2 * ldc + LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + LANES)).intoArray(c, cOff + 3 * ldc + LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + LANES)).intoArray(c, cOff + 4 * ldc + LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + LANES)).intoArray(c, cOff + 5 * ldc + LANES);
            c60.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
            c61.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc + LANES)).intoArray(c, cOff + 6 * ldc + LANES);
            c70.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
            c71.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc + LANES)).intoArray(c, cOff + 7 * ldc + LANES);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + LANES);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + LANES);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + LANES);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + LANES);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + LANES);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + LANES);
            c60.intoArray(c, cOff + 6 * ldc);
            c61.intoArray(c, cOff + 6 * ldc + LANES);
            c70.intoArray(c, cOff + 7 * ldc);
            c71.intoArray(c, cOff + 7 * ldc + LANES);
        }
    }

    @Override
    public void multiplyRowsPacking(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p, float[] packed,
                                    int packedOff, float[] c, int cOff, int ldc, boolean accumulate) {
        rowsPacking(kc, a, aOff, src, koff, kOff, p, LANES, p + LANES, LANES, 0, packed, packedOff, c, cOff, ldc, accumulate);
    }

    // ---- gemm9: B strips packed from a contiguous row, two vectors a strip, no call per strip

    @Override
    public void packStrips(float[] src, int srcOff, int count, float[] dst, int dstOff, int dstStride) {
        int full = count / NR * NR;
        int d = dstOff;
        for (int v = 0; v < full; v += NR, d += dstStride) {
            FloatVector.fromArray(SPECIES, src, srcOff + v).intoArray(dst, d);
            FloatVector.fromArray(SPECIES, src, srcOff + v + LANES).intoArray(dst, d + LANES);
        }
        if (full < count) {
            int n = count - full;
            System.arraycopy(src, srcOff + full, dst, d, n);
            java.util.Arrays.fill(dst, d + n, d + NR, 0f);
        }
    }

    // ---- s2conv10: B strips gathered at tap offsets, two vector gathers a row

    @Override
    public void gatherStrip(float[] src, int base, int step, int count, int[] offsets, int oOff, float[] dst, int dOff) {
        for (int p = 0, from = base, to = dOff; p < count; p++, from += step, to += NR) {
            FloatVector.fromArray(SPECIES, src, from, offsets, oOff).intoArray(dst, to);
            FloatVector.fromArray(SPECIES, src, from, offsets, oOff + LANES).intoArray(dst, to + LANES);
        }
    }

    // ---- s2fwd12: B read from phase rows, two loads and a blend a half past each response row's end; the one
    // kernel of multiplyRowsPacking too (written out, as the others, for C2)

    /** Lane j of {@code SKIP_MASKS} from {@code LANES - s}: set where j >= s, the lanes past a response row's end. */
    private static final boolean[] SKIP_MASKS = skipMasks();

    private static boolean[] skipMasks() {
        boolean[] m = new boolean[2 * LANES];
        java.util.Arrays.fill(m, LANES, 2 * LANES, true);
        return m;
    }

    @Override
    public void multiplyRowsPackingSkipping(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p0,
                                            int s0, int p1, int s1, int skip, float[] packed, int packedOff, float[] c,
                                            int cOff, int ldc, boolean accumulate) {
        rowsPacking(kc, a, aOff, src, koff, kOff, p0, s0, p1, s1, skip, packed, packedOff, c, cOff, ldc, accumulate);
    }

    /**
     * multiplyRowsPacking and multiplyRowsPackingSkipping: a half with {@code s >= LANES} crosses no row end and is
     * one plain load (a loop-invariant test), the others two loads and a blend.
     */
    private static void rowsPacking(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p0, int s0, int p1,
                                    int s1, int skip, float[] packed, int packedOff, float[] c, int cOff, int ldc, boolean accumulate) {
        boolean cross0 = s0 < LANES;
        boolean cross1 = s1 < LANES;
        VectorMask<Float> skip0 = VectorMask.fromArray(SPECIES, SKIP_MASKS, LANES - Math.min(s0, LANES));
        VectorMask<Float> skip1 = VectorMask.fromArray(SPECIES, SKIP_MASKS, LANES - Math.min(s1, LANES));
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int ak = aOff;
        for (int k = 0; k < kc; k++, ak += MR) {
            int row = koff[kOff + k];
            FloatVector b0 = FloatVector.fromArray(SPECIES, src, row + p0);
            if (cross0) {
                b0 = b0.blend(FloatVector.fromArray(SPECIES, src, row + p0 + skip), skip0);
            }
            FloatVector b1 = FloatVector.fromArray(SPECIES, src, row + p1);
            if (cross1) {
                b1 = b1.blend(FloatVector.fromArray(SPECIES, src, row + p1 + skip), skip1);
            }
            b0.intoArray(packed, packedOff + k * NR);
            b1.intoArray(packed, packedOff + k * NR + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ak + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ak + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ak + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ak + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // written out inline: a helper taking vectors is not inlined in a method this large, and then
        // C2 boxes the accumulators, ten times slower
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, c, cOff)).intoArray(c, cOff);
            c01.add(FloatVector.fromArray(SPECIES, c, cOff + LANES)).intoArray(c, cOff + LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cOff + ldc)).intoArray(c, cOff + ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cOff + ldc + LANES)).intoArray(c, cOff + ldc + LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + LANES)).intoArray(c, cOff + 2 * ldc + LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + LANES)).intoArray(c, cOff + 3 * ldc + LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + LANES)).intoArray(c, cOff + 4 * ldc + LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + LANES)).intoArray(c, cOff + 5 * ldc + LANES);
            c60.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
            c61.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc + LANES)).intoArray(c, cOff + 6 * ldc + LANES);
            c70.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
            c71.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc + LANES)).intoArray(c, cOff + 7 * ldc + LANES);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + LANES);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + LANES);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + LANES);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + LANES);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + LANES);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + LANES);
            c60.intoArray(c, cOff + 6 * ldc);
            c61.intoArray(c, cOff + 6 * ldc + LANES);
            c70.intoArray(c, cOff + 7 * ldc);
            c71.intoArray(c, cOff + 7 * ldc + LANES);
        }
    }

    // ---- s2f55: the first register tile of a stride-2 forward reading the image in place

    /** Integers of the float vectors' shape: the keep masks are and-ed onto the floats' bits. */
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SPECIES.vectorShape());
    /** Lanes 0 .. LANES/2 - 1 the even elements of a vector, the others its odd ones. */
    private static final VectorShuffle<Float> EVENS_LOW = VectorShuffle.fromArray(SPECIES, evensLow(), 0);
    /** Lanes LANES/2 .. the even elements of a vector, the others its odd ones. */
    private static final VectorShuffle<Float> EVENS_HIGH = VectorShuffle.fromArray(SPECIES, evensHigh(), 0);
    private static final VectorMask<Float> HIGH_HALF = SPECIES.indexInRange(0, LANES / 2).not();

    private static int[] evensLow() {
        int[] lanes = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            lanes[l] = l < LANES / 2 ? 2 * l : 2 * l - LANES + 1;
        }
        return lanes;
    }

    private static int[] evensHigh() {
        int[] lanes = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            lanes[l] = l < LANES / 2 ? 2 * l + 1 : 2 * l - LANES;
        }
        return lanes;
    }

    /**
     * {@inheritDoc} Each half from two loads (four past a row end, blended per element before the permutes, so two
     * one-vector permutes and a blend a half: JDK 17 compiles a two-vector rearrange to much more), its padding lanes
     * cleared by and-ing the keep mask onto the bits (a blend with zero, with no mask register per tap).
     */
    @Override
    public void multiplyStridedRowsPacking(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int taps,
                                           int p0, int s0, int p1, int s1, int skip, int[] keep, int keepOff, float[] packed,
                                           int packedOff, float[] c, int cOff, int ldc, boolean accumulate) {
        int lo = koff[kOff] + Math.min(p0, p1);
        long hi = (long) koff[kOff + kc - 1] + Math.max(p0, p1) + skip + 2 * LANES;
        if (lo < 0 || hi > src.length) {
            MicroKernel.super.multiplyStridedRowsPacking(kc, a, aOff, src, koff, kOff, taps, p0, s0, p1, s1, skip, keep,
                    keepOff, packed, packedOff, c, cOff, ldc, accumulate);
            return;
        }
        stridedRowsPacking(kc, a, aOff, src, koff, kOff, taps, p0, s0, p1, s1, skip, keep, keepOff, packed, packedOff, c,
                cOff, ldc, accumulate);
    }

    private static void stridedRowsPacking(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int taps,
                                           int p0, int s0, int p1, int s1, int skip, int[] keep, int keepOff, float[] packed,
                                           int packedOff, float[] c, int cOff, int ldc, boolean accumulate) {
        boolean cross0 = s0 < LANES;
        boolean cross1 = s1 < LANES;
        // element e of a half's first vector is lane e / 2's, of its second lane LANES/2 + e / 2's: past s from 2s
        VectorMask<Float> past00 = VectorMask.fromArray(SPECIES, SKIP_MASKS, LANES - Math.min(2 * s0, LANES));
        VectorMask<Float> past01 = VectorMask.fromArray(SPECIES, SKIP_MASKS, LANES - Math.max(0, Math.min(2 * s0 - LANES, LANES)));
        VectorMask<Float> past10 = VectorMask.fromArray(SPECIES, SKIP_MASKS, LANES - Math.min(2 * s1, LANES));
        VectorMask<Float> past11 = VectorMask.fromArray(SPECIES, SKIP_MASKS, LANES - Math.max(0, Math.min(2 * s1 - LANES, LANES)));
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int ak = aOff;
        int t = kOff % taps;
        for (int k = 0; k < kc; k++, ak += MR) {
            int row = koff[kOff + k];
            int mask = keepOff + t * NR;
            t = t + 1 == taps ? 0 : t + 1;
            FloatVector x0 = FloatVector.fromArray(SPECIES, src, row + p0);
            FloatVector x1 = FloatVector.fromArray(SPECIES, src, row + p0 + LANES);
            if (cross0) {
                x0 = x0.blend(FloatVector.fromArray(SPECIES, src, row + p0 + skip), past00);
                x1 = x1.blend(FloatVector.fromArray(SPECIES, src, row + p0 + skip + LANES), past01);
            }
            FloatVector b0 = x0.rearrange(EVENS_LOW).blend(x1.rearrange(EVENS_HIGH), HIGH_HALF).reinterpretAsInts()
                    .and(IntVector.fromArray(INTS, keep, mask)).reinterpretAsFloats();
            FloatVector y0 = FloatVector.fromArray(SPECIES, src, row + p1);
            FloatVector y1 = FloatVector.fromArray(SPECIES, src, row + p1 + LANES);
            if (cross1) {
                y0 = y0.blend(FloatVector.fromArray(SPECIES, src, row + p1 + skip), past10);
                y1 = y1.blend(FloatVector.fromArray(SPECIES, src, row + p1 + skip + LANES), past11);
            }
            FloatVector b1 = y0.rearrange(EVENS_LOW).blend(y1.rearrange(EVENS_HIGH), HIGH_HALF).reinterpretAsInts()
                    .and(IntVector.fromArray(INTS, keep, mask + LANES)).reinterpretAsFloats();
            b0.intoArray(packed, packedOff + k * NR);
            b1.intoArray(packed, packedOff + k * NR + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ak + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ak + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ak + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ak + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // written out inline: a helper taking vectors is not inlined in a method this large, and then
        // C2 boxes the accumulators, ten times slower
        if (accumulate) {
            c00.add(FloatVector.fromArray(SPECIES, c, cOff)).intoArray(c, cOff);
            c01.add(FloatVector.fromArray(SPECIES, c, cOff + LANES)).intoArray(c, cOff + LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, cOff + ldc)).intoArray(c, cOff + ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cOff + ldc + LANES)).intoArray(c, cOff + ldc + LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc + LANES)).intoArray(c, cOff + 2 * ldc + LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc + LANES)).intoArray(c, cOff + 3 * ldc + LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc + LANES)).intoArray(c, cOff + 4 * ldc + LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc + LANES)).intoArray(c, cOff + 5 * ldc + LANES);
            c60.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
            c61.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc + LANES)).intoArray(c, cOff + 6 * ldc + LANES);
            c70.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
            c71.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc + LANES)).intoArray(c, cOff + 7 * ldc + LANES);
        } else {
            c00.intoArray(c, cOff);
            c01.intoArray(c, cOff + LANES);
            c10.intoArray(c, cOff + ldc);
            c11.intoArray(c, cOff + ldc + LANES);
            c20.intoArray(c, cOff + 2 * ldc);
            c21.intoArray(c, cOff + 2 * ldc + LANES);
            c30.intoArray(c, cOff + 3 * ldc);
            c31.intoArray(c, cOff + 3 * ldc + LANES);
            c40.intoArray(c, cOff + 4 * ldc);
            c41.intoArray(c, cOff + 4 * ldc + LANES);
            c50.intoArray(c, cOff + 5 * ldc);
            c51.intoArray(c, cOff + 5 * ldc + LANES);
            c60.intoArray(c, cOff + 6 * ldc);
            c61.intoArray(c, cOff + 6 * ldc + LANES);
            c70.intoArray(c, cOff + 7 * ldc);
            c71.intoArray(c, cOff + 7 * ldc + LANES);
        }
    }

    // ---- five12: a product chain's sums added straight to double sums, from the registers

    /** Doubles of the same vector shape: a float vector widens into two of them. */
    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, SPECIES.vectorShape());
    private static final int DOUBLE_LANES = DOUBLES.length();

    @Override
    public void multiplyAddToDoubles(int kc, float[] a, int aOff, float[] b, int bOff, float[] tile, double[] sums,
                                     int sOff) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int ak = aOff;
        int bk = bOff;
        for (int k = 0; k < kc; k++, ak += MR, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ak + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ak + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ak + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ak + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // written out inline, as in multiply: a helper taking the accumulators would box them
        DoubleVector.fromArray(DOUBLES, sums, sOff)
                .add((DoubleVector) c00.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff);
        DoubleVector.fromArray(DOUBLES, sums, sOff + DOUBLE_LANES)
                .add((DoubleVector) c00.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + LANES)
                .add((DoubleVector) c01.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + LANES + DOUBLE_LANES)
                .add((DoubleVector) c01.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + LANES + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 1 * NR)
                .add((DoubleVector) c10.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 1 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 1 * NR + DOUBLE_LANES)
                .add((DoubleVector) c10.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 1 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 1 * NR + LANES)
                .add((DoubleVector) c11.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 1 * NR + LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 1 * NR + LANES + DOUBLE_LANES)
                .add((DoubleVector) c11.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 1 * NR + LANES + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 2 * NR)
                .add((DoubleVector) c20.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 2 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 2 * NR + DOUBLE_LANES)
                .add((DoubleVector) c20.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 2 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 2 * NR + LANES)
                .add((DoubleVector) c21.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 2 * NR + LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 2 * NR + LANES + DOUBLE_LANES)
                .add((DoubleVector) c21.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 2 * NR + LANES + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 3 * NR)
                .add((DoubleVector) c30.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 3 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 3 * NR + DOUBLE_LANES)
                .add((DoubleVector) c30.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 3 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 3 * NR + LANES)
                .add((DoubleVector) c31.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 3 * NR + LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 3 * NR + LANES + DOUBLE_LANES)
                .add((DoubleVector) c31.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 3 * NR + LANES + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 4 * NR)
                .add((DoubleVector) c40.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 4 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 4 * NR + DOUBLE_LANES)
                .add((DoubleVector) c40.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 4 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 4 * NR + LANES)
                .add((DoubleVector) c41.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 4 * NR + LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 4 * NR + LANES + DOUBLE_LANES)
                .add((DoubleVector) c41.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 4 * NR + LANES + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 5 * NR)
                .add((DoubleVector) c50.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 5 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 5 * NR + DOUBLE_LANES)
                .add((DoubleVector) c50.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 5 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 5 * NR + LANES)
                .add((DoubleVector) c51.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 5 * NR + LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 5 * NR + LANES + DOUBLE_LANES)
                .add((DoubleVector) c51.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 5 * NR + LANES + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 6 * NR)
                .add((DoubleVector) c60.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 6 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 6 * NR + DOUBLE_LANES)
                .add((DoubleVector) c60.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 6 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 6 * NR + LANES)
                .add((DoubleVector) c61.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 6 * NR + LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 6 * NR + LANES + DOUBLE_LANES)
                .add((DoubleVector) c61.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 6 * NR + LANES + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 7 * NR)
                .add((DoubleVector) c70.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 7 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 7 * NR + DOUBLE_LANES)
                .add((DoubleVector) c70.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 7 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 7 * NR + LANES)
                .add((DoubleVector) c71.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 7 * NR + LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 7 * NR + LANES + DOUBLE_LANES)
                .add((DoubleVector) c71.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 7 * NR + LANES + DOUBLE_LANES);
    }

    // ---- d5w58: a ragged strip of at most NR/2 columns added to double sums, one vector a row

    @Override
    public void multiplyAddToDoublesHalf(int kc, float[] a, int aOff, float[] b, int bOff, float[] tile, double[] sums,
                                         int sOff) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        int ak = aOff;
        int bk = bOff;
        for (int k = 0; k < kc; k++, ak += MR, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            c0 = FloatVector.broadcast(SPECIES, a[ak]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, a[ak + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, a[ak + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, a[ak + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(SPECIES, a[ak + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(SPECIES, a[ak + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(SPECIES, a[ak + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(SPECIES, a[ak + 7]).fma(b0, c7);
        }
        DoubleVector.fromArray(DOUBLES, sums, sOff + 0 * NR)
                .add((DoubleVector) c0.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 0 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 0 * NR + DOUBLE_LANES)
                .add((DoubleVector) c0.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 0 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 1 * NR)
                .add((DoubleVector) c1.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 1 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 1 * NR + DOUBLE_LANES)
                .add((DoubleVector) c1.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 1 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 2 * NR)
                .add((DoubleVector) c2.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 2 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 2 * NR + DOUBLE_LANES)
                .add((DoubleVector) c2.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 2 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 3 * NR)
                .add((DoubleVector) c3.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 3 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 3 * NR + DOUBLE_LANES)
                .add((DoubleVector) c3.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 3 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 4 * NR)
                .add((DoubleVector) c4.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 4 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 4 * NR + DOUBLE_LANES)
                .add((DoubleVector) c4.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 4 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 5 * NR)
                .add((DoubleVector) c5.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 5 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 5 * NR + DOUBLE_LANES)
                .add((DoubleVector) c5.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 5 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 6 * NR)
                .add((DoubleVector) c6.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 6 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 6 * NR + DOUBLE_LANES)
                .add((DoubleVector) c6.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 6 * NR + DOUBLE_LANES);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 7 * NR)
                .add((DoubleVector) c7.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 7 * NR);
        DoubleVector.fromArray(DOUBLES, sums, sOff + 7 * NR + DOUBLE_LANES)
                .add((DoubleVector) c7.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 7 * NR + DOUBLE_LANES);
    }

    // d5w58: the first chain of a task's sums stored, not added to a zero fill

    @Override
    public void multiplyStoreToDoubles(int kc, float[] a, int aOff, float[] b, int bOff, float[] tile, double[] sums,
                                       int sOff) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        int ak = aOff;
        int bk = bOff;
        for (int k = 0; k < kc; k++, ak += MR, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bk + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ak + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ak + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ak + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ak + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // written out inline, as in multiply: a helper taking the accumulators would box them
        ((DoubleVector) c00.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff);
        ((DoubleVector) c00.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + DOUBLE_LANES);
        ((DoubleVector) c01.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + LANES);
        ((DoubleVector) c01.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + LANES + DOUBLE_LANES);
        ((DoubleVector) c10.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 1 * NR);
        ((DoubleVector) c10.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 1 * NR + DOUBLE_LANES);
        ((DoubleVector) c11.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 1 * NR + LANES);
        ((DoubleVector) c11.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 1 * NR + LANES + DOUBLE_LANES);
        ((DoubleVector) c20.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 2 * NR);
        ((DoubleVector) c20.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 2 * NR + DOUBLE_LANES);
        ((DoubleVector) c21.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 2 * NR + LANES);
        ((DoubleVector) c21.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 2 * NR + LANES + DOUBLE_LANES);
        ((DoubleVector) c30.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 3 * NR);
        ((DoubleVector) c30.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 3 * NR + DOUBLE_LANES);
        ((DoubleVector) c31.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 3 * NR + LANES);
        ((DoubleVector) c31.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 3 * NR + LANES + DOUBLE_LANES);
        ((DoubleVector) c40.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 4 * NR);
        ((DoubleVector) c40.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 4 * NR + DOUBLE_LANES);
        ((DoubleVector) c41.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 4 * NR + LANES);
        ((DoubleVector) c41.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 4 * NR + LANES + DOUBLE_LANES);
        ((DoubleVector) c50.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 5 * NR);
        ((DoubleVector) c50.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 5 * NR + DOUBLE_LANES);
        ((DoubleVector) c51.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 5 * NR + LANES);
        ((DoubleVector) c51.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 5 * NR + LANES + DOUBLE_LANES);
        ((DoubleVector) c60.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 6 * NR);
        ((DoubleVector) c60.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 6 * NR + DOUBLE_LANES);
        ((DoubleVector) c61.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 6 * NR + LANES);
        ((DoubleVector) c61.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 6 * NR + LANES + DOUBLE_LANES);
        ((DoubleVector) c70.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 7 * NR);
        ((DoubleVector) c70.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 7 * NR + DOUBLE_LANES);
        ((DoubleVector) c71.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 7 * NR + LANES);
        ((DoubleVector) c71.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 7 * NR + LANES + DOUBLE_LANES);
    }

    @Override
    public void multiplyStoreToDoublesHalf(int kc, float[] a, int aOff, float[] b, int bOff, float[] tile, double[] sums,
                                           int sOff) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        int ak = aOff;
        int bk = bOff;
        for (int k = 0; k < kc; k++, ak += MR, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            c0 = FloatVector.broadcast(SPECIES, a[ak]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, a[ak + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, a[ak + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, a[ak + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(SPECIES, a[ak + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(SPECIES, a[ak + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(SPECIES, a[ak + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(SPECIES, a[ak + 7]).fma(b0, c7);
        }
        ((DoubleVector) c0.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 0 * NR);
        ((DoubleVector) c0.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 0 * NR + DOUBLE_LANES);
        ((DoubleVector) c1.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 1 * NR);
        ((DoubleVector) c1.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 1 * NR + DOUBLE_LANES);
        ((DoubleVector) c2.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 2 * NR);
        ((DoubleVector) c2.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 2 * NR + DOUBLE_LANES);
        ((DoubleVector) c3.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 3 * NR);
        ((DoubleVector) c3.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 3 * NR + DOUBLE_LANES);
        ((DoubleVector) c4.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 4 * NR);
        ((DoubleVector) c4.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 4 * NR + DOUBLE_LANES);
        ((DoubleVector) c5.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 5 * NR);
        ((DoubleVector) c5.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 5 * NR + DOUBLE_LANES);
        ((DoubleVector) c6.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 6 * NR);
        ((DoubleVector) c6.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 6 * NR + DOUBLE_LANES);
        ((DoubleVector) c7.convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(sums, sOff + 7 * NR);
        ((DoubleVector) c7.convertShape(VectorOperators.F2D, DOUBLES, 1)).intoArray(sums, sOff + 7 * NR + DOUBLE_LANES);
    }

    // ---- onex13: a ragged strip of at most NR/2 columns, one vector a row (the first vector of multiply's rows)

    @Override
    public void multiplyHalf(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                             boolean accumulate) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        int ak = aOff;
        int bk = bOff;
        for (int k = 0; k < kc; k++, ak += MR, bk += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bk);
            c0 = FloatVector.broadcast(SPECIES, a[ak]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, a[ak + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, a[ak + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, a[ak + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(SPECIES, a[ak + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(SPECIES, a[ak + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(SPECIES, a[ak + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(SPECIES, a[ak + 7]).fma(b0, c7);
        }
        if (accumulate) { // as multiply adds C: after the chain
            c0 = c0.add(FloatVector.fromArray(SPECIES, c, cOff));
            c1 = c1.add(FloatVector.fromArray(SPECIES, c, cOff + ldc));
            c2 = c2.add(FloatVector.fromArray(SPECIES, c, cOff + 2 * ldc));
            c3 = c3.add(FloatVector.fromArray(SPECIES, c, cOff + 3 * ldc));
            c4 = c4.add(FloatVector.fromArray(SPECIES, c, cOff + 4 * ldc));
            c5 = c5.add(FloatVector.fromArray(SPECIES, c, cOff + 5 * ldc));
            c6 = c6.add(FloatVector.fromArray(SPECIES, c, cOff + 6 * ldc));
            c7 = c7.add(FloatVector.fromArray(SPECIES, c, cOff + 7 * ldc));
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + ldc);
        c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc);
        c4.intoArray(c, cOff + 4 * ldc);
        c5.intoArray(c, cOff + 5 * ldc);
        c6.intoArray(c, cOff + 6 * ldc);
        c7.intoArray(c, cOff + 7 * ldc);
    }
}
