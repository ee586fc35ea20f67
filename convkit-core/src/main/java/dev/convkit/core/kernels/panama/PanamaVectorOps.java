package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.CubeRoots;
import dev.convkit.core.kernels.GeneralPowers;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** {@link VectorOps} on the Vector API, with scalar loop tails. */
public final class PanamaVectorOps implements VectorOps {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final VectorSpecies<Integer> INT_SPECIES = VectorSpecies.of(int.class, SPECIES.vectorShape());
    /** Half a vector: the outputs of a stride-2 row, one per even lane of a full load. */
    private static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class,
            VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> HALF_INT = VectorSpecies.of(int.class, HALF.vectorShape());
    private static final IntVector LANE = IntVector.fromArray(INT_SPECIES, iota(1, LANES), 0);
    private static final IntVector EVEN_LANE = IntVector.fromArray(HALF_INT, iota(2, LANES / 2), 0);
    /** Lane l: 2l, the column offset of a whole vector of stride-2 windows. */
    private static final IntVector EVEN_COLUMN = IntVector.fromArray(INT_SPECIES, iota(2, LANES), 0);
    /** Lane l takes lane 2l (l < LANES/2), else lane 2l - LANES + 1: a vector's even floats, then its odd ones. */
    private static final VectorShuffle<Float> SPLIT_PAIRS = VectorShuffle.fromArray(SPECIES, splitPairs(), 0);
    private static final VectorMask<Float> LOW_HALF = SPECIES.indexInRange(0, LANES / 2);
    private static final VectorMask<Float> HIGH_HALF = LOW_HALF.not();

    private static int[] splitPairs() {
        int[] lanes = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            lanes[l] = l < LANES / 2 ? 2 * l : 2 * l - LANES + 1;
        }
        return lanes;
    }

    private static int[] iota(int step, int n) {
        int[] values = new int[n];
        for (int l = 0; l < n; l++) {
            values[l] = l * step;
        }
        return values;
    }


    @Override
    public void winogradInput(float[] in, int x0, int x1, int x2, int x3, int x4, int x5, float[] out, int o, int step,
                              int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector d0 = FloatVector.fromArray(SPECIES, in, x0 + i);
            FloatVector d1 = FloatVector.fromArray(SPECIES, in, x1 + i);
            FloatVector d2 = FloatVector.fromArray(SPECIES, in, x2 + i);
            FloatVector d3 = FloatVector.fromArray(SPECIES, in, x3 + i);
            FloatVector d4 = FloatVector.fromArray(SPECIES, in, x4 + i);
            FloatVector d5 = FloatVector.fromArray(SPECIES, in, x5 + i);
            // the same operations in the same order as VectorOps.winogradInputAt (no fused multiply-adds)
            d0.mul(4f).sub(d2.mul(5f)).add(d4).intoArray(out, o + i);
            d3.add(d4).sub(d1.add(d2).mul(4f)).intoArray(out, o + step + i);
            d1.sub(d2).mul(4f).add(d4).sub(d3).intoArray(out, o + 2 * step + i);
            d3.sub(d1).mul(2f).add(d4).sub(d2).intoArray(out, o + 3 * step + i);
            d1.sub(d3).mul(2f).add(d4).sub(d2).intoArray(out, o + 4 * step + i);
            d1.mul(4f).sub(d3.mul(5f)).add(d5).intoArray(out, o + 5 * step + i);
        }
        for (; i < n; i++) {
            VectorOps.winogradInputAt(in, x0 + i, x1 + i, x2 + i, x3 + i, x4 + i, x5 + i, out, o + i, step);
        }
    }

    @Override
    public void winogradOutput(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector m0 = FloatVector.fromArray(SPECIES, in, x + i);
            FloatVector m1 = FloatVector.fromArray(SPECIES, in, x + inStep + i);
            FloatVector m2 = FloatVector.fromArray(SPECIES, in, x + 2 * inStep + i);
            FloatVector m3 = FloatVector.fromArray(SPECIES, in, x + 3 * inStep + i);
            FloatVector m4 = FloatVector.fromArray(SPECIES, in, x + 4 * inStep + i);
            FloatVector m5 = FloatVector.fromArray(SPECIES, in, x + 5 * inStep + i);
            FloatVector s12 = m1.add(m2);
            FloatVector d12 = m1.sub(m2);
            FloatVector s34 = m3.add(m4);
            FloatVector d34 = m3.sub(m4);
            m0.add(s12).add(s34).intoArray(out, o + i);
            d12.add(d34.mul(2f)).intoArray(out, o + outStep + i);
            s12.add(s34.mul(4f)).intoArray(out, o + 2 * outStep + i);
            d12.add(d34.mul(8f)).add(m5).intoArray(out, o + 3 * outStep + i);
        }
        for (; i < n; i++) {
            VectorOps.winogradOutputAt(in, x + i, inStep, out, o + i, outStep);
        }
    }

    /** Output vector v of a 4-way interleave takes lane v·LANES/4 + j/4 of each source... */
    private static final VectorShuffle<Float> SPREAD_0 = spread(0);
    private static final VectorShuffle<Float> SPREAD_1 = spread(1);
    private static final VectorShuffle<Float> SPREAD_2 = spread(2);
    private static final VectorShuffle<Float> SPREAD_3 = spread(3);
    /** ...from source q in the lanes j with j % 4 == q. */
    private static final VectorMask<Float> QUARTER_1 = quarter(1);
    private static final VectorMask<Float> QUARTER_2 = quarter(2);
    private static final VectorMask<Float> QUARTER_3 = quarter(3);

    private static VectorShuffle<Float> spread(int v) {
        int[] source = new int[LANES];
        for (int j = 0; j < LANES; j++) {
            source[j] = v * LANES / 4 + j / 4;
        }
        return VectorShuffle.fromArray(SPECIES, source, 0);
    }

    private static VectorMask<Float> quarter(int q) {
        boolean[] lanes = new boolean[LANES];
        for (int j = 0; j < LANES; j++) {
            lanes[j] = j % 4 == q;
        }
        return VectorMask.fromArray(SPECIES, lanes, 0);
    }

    @Override
    public void interleave4(float[] z, int zo, int zStep, int[] target, int groups, int base, float[] out) {
        int lanes = 4 * groups;
        int l = 0;
        for (; l + LANES <= lanes; l += LANES) {
            FloatVector q0 = FloatVector.fromArray(SPECIES, z, zo + l);
            FloatVector q1 = FloatVector.fromArray(SPECIES, z, zo + zStep + l);
            FloatVector q2 = FloatVector.fromArray(SPECIES, z, zo + 2 * zStep + l);
            FloatVector q3 = FloatVector.fromArray(SPECIES, z, zo + 3 * zStep + l);
            storeInterleaved(q0, q1, q2, q3, SPREAD_0, l, target, base, out);
            storeInterleaved(q0, q1, q2, q3, SPREAD_1, l + LANES / 4, target, base, out);
            storeInterleaved(q0, q1, q2, q3, SPREAD_2, l + LANES / 2, target, base, out);
            storeInterleaved(q0, q1, q2, q3, SPREAD_3, l + 3 * LANES / 4, target, base, out);
        }
        for (int g = l / 4; g < groups; g++) {
            VectorOps.interleave4Group(z, zo, zStep, target, g, base, out);
        }
    }

    /**
     * {@inheritDoc} With 16 lanes (one vector per segment) where masked stores compile (JDK 18+): on JDK 17 they box
     * ({@link #MASKED_ACCESS_COMPILED}).
     */
    @Override
    public boolean interleave4Parts() {
        return MASKED_ACCESS_COMPILED && LANES == 16;
    }

    /** {@inheritDoc} One masked store of the segment (where {@link #interleave4Parts}; else the element loop). */
    @Override
    public void interleave4Part(float[] z, int zo, int zStep, int lane, int width, float[] out, int dst) {
        if (!interleave4Parts()) {
            VectorOps.super.interleave4Part(z, zo, zStep, lane, width, out, dst);
            return;
        }
        FloatVector q0 = FloatVector.fromArray(SPECIES, z, zo + lane);
        FloatVector q1 = FloatVector.fromArray(SPECIES, z, zo + zStep + lane);
        FloatVector q2 = FloatVector.fromArray(SPECIES, z, zo + 2 * zStep + lane);
        FloatVector q3 = FloatVector.fromArray(SPECIES, z, zo + 3 * zStep + lane);
        q0.rearrange(SPREAD_0).blend(q1.rearrange(SPREAD_0), QUARTER_1).blend(q2.rearrange(SPREAD_0), QUARTER_2)
                .blend(q3.rearrange(SPREAD_0), QUARTER_3).intoArray(out, dst, SPECIES.indexInRange(0, width));
    }

    /** One output vector of {@link #interleave4}: lanes [lane, lane + LANES/4) of the four sources, stored when its group's target is set. */
    private static void storeInterleaved(FloatVector q0, FloatVector q1, FloatVector q2, FloatVector q3,
                                         VectorShuffle<Float> spread, int lane, int[] target, int base, float[] out) {
        int t = target[lane >> 2];
        if (t < 0) {
            return;
        }
        q0.rearrange(spread).blend(q1.rearrange(spread), QUARTER_1).blend(q2.rearrange(spread), QUARTER_2)
                .blend(q3.rearrange(spread), QUARTER_3).intoArray(out, t + base + (lane & 3) * 4);
    }

    /**
     * Where the row block at {@code j} starts: the last one moved back to end at {@code count} when
     * the row holds a whole vector, so that it stores whole (recomputing a few outputs with the same
     * bits) instead of through a masked store, which cost more than the block's arithmetic here.
     */
    private static int blockStart(int j, int count, int lanes) {
        return count >= lanes ? Math.min(j, count - lanes) : j;
    }

    @Override
    public void windowMaxRow(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int stride, int count,
                             float[] out, int outOff, int[] indices) {
        int vector = 0;
        if (stride == 1 && count >= LANES / 2) {
            vector = wholeLoadOutputs(in.length, planeBase, rows, kr, col0, kw, 1, count, LANES);
            if (indices == null) {
                maxRow1(in, planeBase, rows, kr, col0, kw, vector, out, outOff);
            } else {
                maxIndexRow1(in, planeBase, rows, kr, col0, kw, vector, out, outOff, indices);
            }
        } else if (stride == 2 && count >= LANES / 4) {
            vector = wholeLoadOutputs(in.length, planeBase, rows, kr, col0, kw, 2, count, HALF.length());
            if (indices == null) {
                maxRow2(in, planeBase, rows, kr, col0, kw, vector, out, outOff);
            } else {
                maxIndexRow2(in, planeBase, rows, kr, col0, kw, vector, out, outOff, indices);
            }
        }
        if (vector < count) {
            // the windows whose vector loads would run past the array's end (the last rows of its last plane)
            VectorOps.super.windowMaxRow(in, planeBase, rows, kr, col0 + vector * stride, kw, stride, count - vector,
                    out, outOff + vector, indices);
        }
    }

    /**
     * How many of a row's first outputs the vector row kernels take: those whose blocks of
     * {@code blockLanes} outputs load only whole vectors inside the array (each load reads LANES
     * floats from a window column), so that their loops hold no masked load and no branch for one.
     */
    private static int wholeLoadOutputs(int length, int planeBase, int[] rows, int kr, int col0, int kw, int stride, int count,
                                        int blockLanes) {
        int lastRow = rows[0];
        for (int r = 1; r < kr; r++) {
            lastRow = Math.max(lastRow, rows[r]);
        }
        long room = (long) length - LANES - planeBase - lastRow - col0 - (kw - 1);
        if (room < 0) {
            return 0;
        }
        long lastBlockStart = room / stride;
        return (int) Math.min(count, lastBlockStart + blockLanes);
    }

    /*
     * The row kernels below write their loads and selections out in full, not through small helpers
     * returning vectors or masks: C2 compiles such a helper on its own once it is hot, and a compiled
     * helper too big to inline boxes every vector it returns (the stride-2 kernels then allocated
     * 13-50 MB per training step and ran the Vector API's Java fallbacks, in some JVM runs only).
     * - Selection, PyTorch's rule: take v where v > best or v is NaN (so a window's last NaN wins).
     * - A stride-2 load: a whole vector seen as longs whose low halves (little-endian lane order) are
     *   the even floats, narrowed to int: one load and one narrowing move, where a two-vector
     *   rearrange costs several permutes.
     * - The stores type their vector exactly (see pool7 below) by a blend written in place, not through
     *   exactFloats and its kin: a kernel this size can pass C2's NodeCountInliningCutoff, past which
     *   C2 still inlines the JDK's @ForceInline methods (later) but not a helper of ours, and the vector
     *   then crossed a call, boxed (train15: maxIndexRow2's masked last store, 4.6 MB a cnn2 training
     *   step in 1 of 3 JVM runs, after the 7-wide pool recompiled it).
     */

    private static void maxRow1(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int count, float[] out,
                                int outOff) {
        for (int j = 0; j < count; j += LANES) {
            int b = blockStart(j, count, LANES);
            int col = planeBase + col0 + b;
            FloatVector best = FloatVector.fromArray(SPECIES, in, rows[0] + col);
            for (int r = 0; r < kr; r++) {
                // a window's first three columns written out: C2 compiled a loop of two or three turns slowly
                if (r > 0) {
                    int c = 0;
                    FloatVector v = FloatVector.fromArray(SPECIES, in, rows[r] + col + c);
                    best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
                }
                if (kw > 1) {
                    int c = 1;
                    FloatVector v = FloatVector.fromArray(SPECIES, in, rows[r] + col + c);
                    best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
                }
                if (kw > 2) {
                    int c = 2;
                    FloatVector v = FloatVector.fromArray(SPECIES, in, rows[r] + col + c);
                    best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
                }
                for (int c = 3; c < kw; c++) {
                    FloatVector v = FloatVector.fromArray(SPECIES, in, rows[r] + col + c);
                    best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
                }
            }
            if (b + LANES <= count) {
                best.blend(best, NO_FLOAT_LANES).intoArray(out, outOff + b);
            } else {
                best.blend(best, NO_FLOAT_LANES).intoArray(out, outOff + b, SPECIES.indexInRange(b, count));
            }
        }
    }

    private static void maxRow2(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int count, float[] out,
                                int outOff) {
        int half = HALF.length();
        for (int j = 0; j < count; j += half) {
            int b = blockStart(j, count, half);
            int col = planeBase + col0 + 2 * b;
            FloatVector best = ((IntVector) FloatVector.fromArray(SPECIES, in, rows[0] + col).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
            for (int r = 0; r < kr; r++) {
                // a window's first three columns written out: C2 compiled a loop of two or three turns slowly
                if (r > 0) {
                    int c = 0;
                    FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, in, rows[r] + col + c).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                    best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
                }
                if (kw > 1) {
                    int c = 1;
                    FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, in, rows[r] + col + c).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                    best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
                }
                if (kw > 2) {
                    int c = 2;
                    FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, in, rows[r] + col + c).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                    best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
                }
                for (int c = 3; c < kw; c++) {
                    FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, in, rows[r] + col + c).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                    best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
                }
            }
            if (b + half <= count) {
                best.blend(best, NO_HALF_FLOAT_LANES).intoArray(out, outOff + b);
            } else {
                best.blend(best, NO_HALF_FLOAT_LANES).intoArray(out, outOff + b, HALF.indexInRange(b, count));
            }
        }
    }

    private static void maxIndexRow1(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int count, float[] out,
                                     int outOff, int[] indices) {
        for (int j = 0; j < count; j += LANES) {
            int b = blockStart(j, count, LANES);
            int col = col0 + b;
            FloatVector best = FloatVector.fromArray(SPECIES, in, planeBase + rows[0] + col);
            IntVector bestIndex = LANE.add(rows[0] + col);
            for (int r = 0; r < kr; r++) {
                // a window's first three columns written out: C2 compiled a loop of two or three turns slowly
                if (r > 0) {
                    int c = 0;
                    int at = rows[r] + col + c;
                    FloatVector v = FloatVector.fromArray(SPECIES, in, planeBase + at);
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                    best = best.blend(v, take);
                    bestIndex = bestIndex.blend(LANE.add(at), take.cast(INT_SPECIES));
                }
                if (kw > 1) {
                    int c = 1;
                    int at = rows[r] + col + c;
                    FloatVector v = FloatVector.fromArray(SPECIES, in, planeBase + at);
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                    best = best.blend(v, take);
                    bestIndex = bestIndex.blend(LANE.add(at), take.cast(INT_SPECIES));
                }
                if (kw > 2) {
                    int c = 2;
                    int at = rows[r] + col + c;
                    FloatVector v = FloatVector.fromArray(SPECIES, in, planeBase + at);
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                    best = best.blend(v, take);
                    bestIndex = bestIndex.blend(LANE.add(at), take.cast(INT_SPECIES));
                }
                for (int c = 3; c < kw; c++) {
                    int at = rows[r] + col + c;
                    FloatVector v = FloatVector.fromArray(SPECIES, in, planeBase + at);
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                    best = best.blend(v, take);
                    bestIndex = bestIndex.blend(LANE.add(at), take.cast(INT_SPECIES));
                }
            }
            if (b + LANES <= count) {
                best.blend(best, NO_FLOAT_LANES).intoArray(out, outOff + b);
                bestIndex.blend(bestIndex, NO_INT_LANES).intoArray(indices, outOff + b);
            } else {
                best.blend(best, NO_FLOAT_LANES).intoArray(out, outOff + b, SPECIES.indexInRange(b, count));
                for (int l = 0; l < count - b; l++) {
                    indices[outOff + b + l] = bestIndex.lane(l);
                }
            }
        }
    }

    private static void maxIndexRow2(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int count, float[] out,
                                     int outOff, int[] indices) {
        int half = HALF.length();
        for (int j = 0; j < count; j += half) {
            int b = blockStart(j, count, half);
            int col = col0 + 2 * b;
            FloatVector best = ((IntVector) FloatVector.fromArray(SPECIES, in, planeBase + rows[0] + col).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
            IntVector bestIndex = EVEN_LANE.add(rows[0] + col);
            for (int r = 0; r < kr; r++) {
                // a window's first three columns written out: C2 compiled a loop of two or three turns slowly
                if (r > 0) {
                    int c = 0;
                    int at = rows[r] + col + c;
                    FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, in, planeBase + at).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                    best = best.blend(v, take);
                    bestIndex = bestIndex.blend(EVEN_LANE.add(at), take.cast(HALF_INT));
                }
                if (kw > 1) {
                    int c = 1;
                    int at = rows[r] + col + c;
                    FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, in, planeBase + at).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                    best = best.blend(v, take);
                    bestIndex = bestIndex.blend(EVEN_LANE.add(at), take.cast(HALF_INT));
                }
                if (kw > 2) {
                    int c = 2;
                    int at = rows[r] + col + c;
                    FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, in, planeBase + at).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                    best = best.blend(v, take);
                    bestIndex = bestIndex.blend(EVEN_LANE.add(at), take.cast(HALF_INT));
                }
                for (int c = 3; c < kw; c++) {
                    int at = rows[r] + col + c;
                    FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, in, planeBase + at).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                    best = best.blend(v, take);
                    bestIndex = bestIndex.blend(EVEN_LANE.add(at), take.cast(HALF_INT));
                }
            }
            if (b + half <= count) {
                best.blend(best, NO_HALF_FLOAT_LANES).intoArray(out, outOff + b);
                bestIndex.blend(bestIndex, NO_HALF_INT_LANES).intoArray(indices, outOff + b);
            } else {
                best.blend(best, NO_HALF_FLOAT_LANES).intoArray(out, outOff + b, HALF.indexInRange(b, count));
                for (int l = 0; l < count - b; l++) {
                    indices[outOff + b + l] = bestIndex.lane(l);
                }
            }
        }
    }

    @Override
    public void windowMaxRowAt(float[] in, int planeBase, int[] rows, int kr, int[] starts, int kw, int count,
                               float[] out, int outOff, int[] indices) {
        // whole vectors of windows without masks: C2 did not keep the masked gathers intrinsic (they
        // allocated per call and ran the per-lane fallback); the last count mod LANES windows one by one
        int whole = count - count % LANES;
        for (int j = 0; j < whole; j += LANES) {
            IntVector columns = IntVector.fromArray(INT_SPECIES, starts, j);
            FloatVector best = FloatVector.fromArray(SPECIES, in, planeBase + rows[0], starts, j);
            IntVector bestIndex = columns.add(rows[0]);
            for (int r = 0; r < kr; r++) {
                for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                    int at = rows[r] + c;
                    // a gather: the windows start at irregular columns
                    FloatVector v = FloatVector.fromArray(SPECIES, in, planeBase + at, starts, j);
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                    best = best.blend(v, take);
                    if (indices != null) {
                        bestIndex = bestIndex.blend(columns.add(at), take.cast(INT_SPECIES));
                    }
                }
            }
            best.blend(best, NO_FLOAT_LANES).intoArray(out, outOff + j);
            if (indices != null) {
                for (int l = 0; l < LANES; l++) {
                    indices[outOff + j + l] = bestIndex.lane(l);
                }
            }
        }
        for (int j = whole; j < count; j++) {
            windowMaxRow(in, planeBase, rows, kr, starts[j], kw, 1, 1, out, outOff + j, indices);
        }
    }

    @Override
    public void windowSumRow(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int stride, int count,
                             float[] out, int outOff) {
        int vector = 0;
        if (stride == 1 && count >= LANES / 2) {
            vector = wholeLoadOutputs(in.length, planeBase, rows, kr, col0, kw, 1, count, LANES);
            sumRow1(in, planeBase, rows, kr, col0, kw, vector, out, outOff);
        } else if (stride == 2 && count >= LANES / 4) {
            vector = wholeLoadOutputs(in.length, planeBase, rows, kr, col0, kw, 2, count, HALF.length());
            sumRow2(in, planeBase, rows, kr, col0, kw, vector, out, outOff);
        }
        if (vector < count) {
            // the windows whose vector loads would run past the array's end, in the same order
            VectorOps.super.windowSumRow(in, planeBase, rows, kr, col0 + vector * stride, kw, stride, count - vector,
                    out, outOff + vector);
        }
    }

    /** Stride-1 window sums, in a method of its own as the max kernels are: small enough for C2 to keep its vectors intrinsic. */
    private static void sumRow1(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int count, float[] out,
                                int outOff) {
        for (int j = 0; j < count; j += LANES) {
            int b = blockStart(j, count, LANES);
            int col = planeBase + col0 + b;
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int r = 0; r < kr; r++) {
                // a window's first three columns written out: C2 compiled a loop of two or three turns slowly
                int at = rows[r] + col;
                sum = sum.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, at));
                if (kw > 1) {
                    sum = sum.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, at + 1));
                }
                if (kw > 2) {
                    sum = sum.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, at + 2));
                }
                for (int c = 3; c < kw; c++) {
                    sum = sum.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, at + c));
                }
            }
            if (b + LANES <= count) {
                sum.blend(sum, NO_FLOAT_LANES).intoArray(out, outOff + b);
            } else {
                sum.blend(sum, NO_FLOAT_LANES).intoArray(out, outOff + b, SPECIES.indexInRange(b, count));
            }
        }
    }

    /** Stride-2 window sums from the even lanes of whole loads. */
    private static void sumRow2(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int count, float[] out,
                                int outOff) {
        int half = HALF.length();
        for (int j = 0; j < count; j += half) {
            int b = blockStart(j, count, half);
            int col = planeBase + col0 + 2 * b;
            FloatVector sum = FloatVector.zero(HALF);
            for (int r = 0; r < kr; r++) {
                // a window's first three columns written out, as in sumRow1
                int at = rows[r] + col;
                FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, in, at).reinterpretAsLongs()
                        .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                sum = sum.lanewise(VectorOperators.ADD, v);
                if (kw > 1) {
                    FloatVector v1 = ((IntVector) FloatVector.fromArray(SPECIES, in, at + 1).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                    sum = sum.lanewise(VectorOperators.ADD, v1);
                }
                if (kw > 2) {
                    FloatVector v2 = ((IntVector) FloatVector.fromArray(SPECIES, in, at + 2).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                    sum = sum.lanewise(VectorOperators.ADD, v2);
                }
                for (int c = 3; c < kw; c++) {
                    FloatVector vc = ((IntVector) FloatVector.fromArray(SPECIES, in, at + c).reinterpretAsLongs()
                            .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                    sum = sum.lanewise(VectorOperators.ADD, vc);
                }
            }
            if (b + half <= count) {
                sum.blend(sum, NO_HALF_FLOAT_LANES).intoArray(out, outOff + b);
            } else {
                sum.blend(sum, NO_HALF_FLOAT_LANES).intoArray(out, outOff + b, HALF.indexInRange(b, count));
            }
        }
    }

    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, SPECIES.vectorShape());
    /** The floats that convert to one vector of doubles. */
    private static final VectorSpecies<Float> FLOATS_OF_DOUBLES = VectorSpecies.of(float.class,
            VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
    private static final double LN2_HI = 0x1.62e42fee00000p-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    /** Adding and subtracting it rounds a double below 2^51 to a whole number. */
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);

    /**
     * x^p as exp(p·ln x), lane by lane, with IEEE additions, multiplications and divisions only, so
     * that the interpreter and compiled code agree bit for bit. ln m for m in [√½, √2) by the atanh
     * series in t = (m−1)/(m+1) (|t| ≤ 0.172, 8 terms); exp r for |r| ≤ ln2/2 by Taylor to degree 12.
     * Zero, infinities, NaN and negative x give Math.pow's answers for a non-integer p; results
     * below 2^-1022 flush to zero.
     */
    @Override
    public void powers(float[] x, int from, int n, double p, double[] out) {
        // three passes of a few dozen vector operations each: one loop with all of them exceeded C2's
        // node budget for inlining, and the Vector API then ran its per-lane Java fallbacks. pool24: each pass is
        // named for the launcher's dontinline pattern (sumRow*): inlined into the LP forward's plane loop once
        // that loop had met several p (the bench's LP shapes in a row), they boxed, 2-8 MB a call
        // pool51: whole vectors only, no masks (masked loads and stores boxed on JDK 17, 70-260 MB a call of the LP
        // forwards that take these roots); the tail is the last whole vector again, its lanes computed alone (the same bits)
        int lanes = DOUBLES.length();
        if (n < lanes) {
            float[] padded = new float[lanes];
            double[] result = new double[lanes];
            System.arraycopy(x, from, padded, 0, n);
            powers(padded, 0, lanes, p, result);
            System.arraycopy(result, 0, out, from, n);
            return;
        }
        int whole = n - n % lanes;
        wholeVectorPowers(x, from, whole, p, out);
        if (whole < n) {
            wholeVectorPowers(x, from + n - lanes, lanes, p, out);
        }
    }

    /** {@link #powers} on whole vectors, n a multiple of the lane count. */
    private static void wholeVectorPowers(float[] x, int from, int n, double p, double[] out) {
        sumRowScaledLogs(x, from, n, p, out);
        sumRowExponentials(from, n, out);
        sumRowSpecialPowers(x, from, n, p, out);
    }

    @Override
    public void generalPowers(float[] x, int from, float[] out, int to, int n, double p) {
        int whole = n - n % DOUBLES.length();
        sumRowGeneralPowers(x, from, out, to, whole, p);
        VectorOps.super.generalPowers(x, from + whole, out, to + whole, n - whole, p);
    }

    /**
     * {@link #generalPowers}' whole vectors: {@link GeneralPowers#of}'s operations lane by lane, the same bits; one pass
     * without masks (the three masked passes of {@link #powers} boxed on JDK 17). sumRow*: dontinline under the launcher.
     * Vector API calls only, no helper of this class: past C2's node count a helper call was not inlined
     * (NodeCountInliningCutoff; the API's own methods are inlined by force) and its vectors were boxed, 290 MB a call.
     */
    private static void sumRowGeneralPowers(float[] x, int from, float[] out, int to, int n, double p) {
        DoubleVector ln2Hi = DoubleVector.broadcast(DOUBLES, GeneralPowers.LN2_HI);
        DoubleVector ln2Lo = DoubleVector.broadcast(DOUBLES, GeneralPowers.LN2_LO);
        DoubleVector a7 = DoubleVector.broadcast(DOUBLES, GeneralPowers.A7);
        DoubleVector a5 = DoubleVector.broadcast(DOUBLES, GeneralPowers.A5);
        DoubleVector a3 = DoubleVector.broadcast(DOUBLES, GeneralPowers.A3);
        DoubleVector f6 = DoubleVector.broadcast(DOUBLES, GeneralPowers.F6);
        DoubleVector f5 = DoubleVector.broadcast(DOUBLES, GeneralPowers.F5);
        DoubleVector f4 = DoubleVector.broadcast(DOUBLES, GeneralPowers.F4);
        DoubleVector f3 = DoubleVector.broadcast(DOUBLES, GeneralPowers.F3);
        DoubleVector f2 = DoubleVector.broadcast(DOUBLES, GeneralPowers.F2);
        DoubleVector one = DoubleVector.broadcast(DOUBLES, 1.0);
        for (int i = 0; i < n; i += DOUBLES.length()) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(FLOATS_OF_DOUBLES, x, from + i)
                    .convertShape(VectorOperators.F2D, DOUBLES, 0);
            LongVector bits = v.reinterpretAsLongs();
            DoubleVector m = bits.and(CubeRoots.MANTISSA).or(CubeRoots.ONE_BITS).reinterpretAsDoubles();
            // the sign bit of a negative x spoils e; such lanes become NaN below
            DoubleVector e = bits.lanewise(VectorOperators.LSHR, 52).add(CubeRoots.ROUNDER_BITS - 1023)
                    .reinterpretAsDoubles().sub(CubeRoots.ROUNDER);
            VectorMask<Double> high = m.compare(VectorOperators.GT, GeneralPowers.SQRT_2);
            m = m.blend(m.mul(0.5), high);
            e = e.blend(e.add(1.0), high);
            DoubleVector t = m.sub(1.0).div(m.add(1.0));
            DoubleVector t2 = t.mul(t);
            DoubleVector series = t2.fma(GeneralPowers.A11, GeneralPowers.A9).fma(t2, a7).fma(t2, a5).fma(t2, a3);
            DoubleVector lnM = t.mul(t2).fma(series, t).mul(2.0);
            DoubleVector y = e.fma(ln2Hi, e.fma(ln2Lo, lnM)).mul(p);
            DoubleVector k = y.fma(GeneralPowers.INV_LN2, CubeRoots.ROUNDER).sub(CubeRoots.ROUNDER);
            VectorMask<Double> overflow = k.compare(VectorOperators.GT, GeneralPowers.MAX_K);
            VectorMask<Double> underflow = k.compare(VectorOperators.LT, GeneralPowers.MIN_K);
            DoubleVector negK = k.blend(GeneralPowers.MAX_K, overflow).blend(GeneralPowers.MIN_K, underflow).neg();
            DoubleVector r = negK.fma(ln2Lo, negK.fma(ln2Hi, y));
            DoubleVector poly = r.fma(GeneralPowers.F8, GeneralPowers.F7).fma(r, f6).fma(r, f5).fma(r, f4).fma(r, f3).fma(r, f2);
            DoubleVector expR = poly.fma(r, one).fma(r, one);
            LongVector twoToK = negK.neg().add(CubeRoots.ROUNDER).reinterpretAsLongs()
                    .sub(CubeRoots.ROUNDER_BITS - 1023).lanewise(VectorOperators.LSHL, 52);
            DoubleVector result = expR.mul(twoToK.reinterpretAsDoubles())
                    .blend(Double.POSITIVE_INFINITY, overflow).blend(0.0, underflow)
                    .blend(0.0, v.compare(VectorOperators.EQ, 0.0))
                    .blend(Double.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                    .blend(Double.NaN, v.compare(VectorOperators.LT, 0.0).or(v.compare(VectorOperators.NE, v)));
            ((FloatVector) result.convertShape(VectorOperators.D2F, FLOATS_OF_DOUBLES, 0)).intoArray(out, to + i);
        }
    }

    private static DoubleVector doubles(float[] x, int i) {
        return (DoubleVector) FloatVector.fromArray(FLOATS_OF_DOUBLES, x, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
    }

    /** {@code out[i] = p · ln x[i]} for positive finite x. */
    private static void sumRowScaledLogs(float[] x, int from, int n, double p, double[] out) {
        for (int i = from; i < from + n; i += DOUBLES.length()) {
            LongVector bits = doubles(x, i).reinterpretAsLongs();
            LongVector exponent = bits.lanewise(VectorOperators.LSHR, 52).and(0x7FFL).sub(1023L);
            DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
            VectorMask<Double> high = m.compare(VectorOperators.GT, Math.sqrt(2));
            m = m.blend(m.mul(0.5), high);
            // whole numbers below 2^51 move between long and double through ROUNDER's bits (no conversion op)
            DoubleVector e = exponent.add(ROUNDER_BITS).reinterpretAsDoubles().sub(ROUNDER)
                    .add(DoubleVector.zero(DOUBLES).blend(1.0, high));
            DoubleVector t = m.sub(1.0).div(m.add(1.0));
            DoubleVector t2 = t.mul(t);
            DoubleVector series = t2.mul(1.0 / 15).add(1.0 / 13);
            series = series.mul(t2).add(1.0 / 11);
            series = series.mul(t2).add(1.0 / 9);
            series = series.mul(t2).add(1.0 / 7);
            series = series.mul(t2).add(1.0 / 5);
            series = series.mul(t2).add(1.0 / 3);
            series = series.mul(t2).add(1.0);
            DoubleVector lnM = t.mul(2.0).mul(series);
            e.mul(LN2_HI).add(e.mul(LN2_LO).add(lnM)).mul(p).intoArray(out, i);
        }
    }

    /** {@code out[i] = exp(out[i])}. */
    private static void sumRowExponentials(int from, int n, double[] out) {
        for (int i = from; i < from + n; i += DOUBLES.length()) {
            DoubleVector y = DoubleVector.fromArray(DOUBLES, out, i);
            // y = k·ln2 + r
            DoubleVector k = y.mul(1 / Math.log(2)).add(ROUNDER).sub(ROUNDER);
            VectorMask<Double> overflow = k.compare(VectorOperators.GT, 1023.0);
            VectorMask<Double> underflow = k.compare(VectorOperators.LT, -1022.0);
            DoubleVector clampedK = k.blend(1023.0, overflow).blend(-1022.0, underflow);
            DoubleVector r = y.sub(clampedK.mul(LN2_HI)).sub(clampedK.mul(LN2_LO));
            // Horner's rule on 1/12! .. 1/0!
            DoubleVector poly = r.mul(1.0 / 479001600).add(1.0 / 39916800);
            poly = poly.mul(r).add(1.0 / 3628800);
            poly = poly.mul(r).add(1.0 / 362880);
            poly = poly.mul(r).add(1.0 / 40320);
            poly = poly.mul(r).add(1.0 / 5040);
            poly = poly.mul(r).add(1.0 / 720);
            poly = poly.mul(r).add(1.0 / 120);
            poly = poly.mul(r).add(1.0 / 24);
            poly = poly.mul(r).add(1.0 / 6);
            poly = poly.mul(r).add(0.5);
            poly = poly.mul(r).add(1.0);
            poly = poly.mul(r).add(1.0);
            LongVector scaleBits = clampedK.add(ROUNDER).reinterpretAsLongs().sub(ROUNDER_BITS - 1023L)
                    .lanewise(VectorOperators.LSHL, 52);
            poly.mul(scaleBits.reinterpretAsDoubles()).blend(Double.POSITIVE_INFINITY, overflow).blend(0.0, underflow)
                    .intoArray(out, i);
        }
    }

    /** Math.pow's answers (for a non-integer p) where x is 0, +∞, negative or NaN. */
    private static void sumRowSpecialPowers(float[] x, int from, int n, double p, double[] out) {
        for (int i = from; i < from + n; i += DOUBLES.length()) {
            DoubleVector v = doubles(x, i);
            DoubleVector result = DoubleVector.fromArray(DOUBLES, out, i);
            result = result.blend(p > 0 ? 0.0 : Double.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, 0.0));
            result = result.blend(p > 0 ? Double.POSITIVE_INFINITY : 0.0, v.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
            result = result.blend(Double.NaN, v.compare(VectorOperators.LT, 0.0).or(v.compare(VectorOperators.NE, v)));
            result.intoArray(out, i);
        }
    }


    @Override
    public void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(SPECIES, a);
        int i = 0;
        for (; i <= n - LANES; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xo + i).fma(av, FloatVector.fromArray(SPECIES, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    /** Lane i and lane i ^ s swapped, for the pairwise lane sum; null where s is not below the lane count. */
    private static VectorShuffle<Float> xorLanes(int s) {
        return s < LANES ? VectorShuffle.fromOp(SPECIES, i -> i ^ s) : null;
    }

    private static final VectorShuffle<Float> XOR_1 = xorLanes(1);
    private static final VectorShuffle<Float> XOR_2 = xorLanes(2);
    private static final VectorShuffle<Float> XOR_4 = xorLanes(4);
    private static final VectorShuffle<Float> XOR_8 = xorLanes(8);

    /**
     * The lanes added as a fixed butterfly: lane i plus lane i ^ 8, then ^ 4, ^ 2, ^ 1 (as many as
     * the lane count has), every step a whole-vector add, so each lane ends with the same total.
     * Not reduceLanes: C2 compiles that into a tree whose rounding differs from the interpreter's, so
     * results changed after warm-up (the backend's determinism rule); every step here is a lane-wise
     * IEEE add, the same in both. A serial sum of the lanes stored to an array cost a chain of 15
     * dependent adds and an array per call (global average pooling spent most of its time there).
     */
    private static float addLanesPairwise(FloatVector v) {
        if (LANES >= 16) {
            v = v.lanewise(VectorOperators.ADD, v.rearrange(XOR_8));
        }
        if (LANES >= 8) {
            v = v.lanewise(VectorOperators.ADD, v.rearrange(XOR_4));
        }
        if (LANES >= 4) {
            v = v.lanewise(VectorOperators.ADD, v.rearrange(XOR_2));
        }
        if (LANES >= 2) {
            v = v.lanewise(VectorOperators.ADD, v.rearrange(XOR_1));
        }
        return v.lane(0);
    }

    @Override
    public float sum(float[] x, int xo, int n) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i <= n - LANES; i += LANES) {
            acc = acc.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, x, xo + i));
        }
        float s = addLanesPairwise(acc);
        for (; i < n; i++) {
            s += x[xo + i];
        }
        return s;
    }

    @Override
    public float dot(float[] x, int xo, float[] y, int yo, int n) {
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i <= n - 2 * LANES; i += 2 * LANES) {
            acc0 = FloatVector.fromArray(SPECIES, x, xo + i).fma(FloatVector.fromArray(SPECIES, y, yo + i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, x, xo + i + LANES).fma(FloatVector.fromArray(SPECIES, y, yo + i + LANES), acc1);
        }
        float sum = addLanesPairwise(acc0.add(acc1));
        for (; i < n; i++) {
            sum += x[xo + i] * y[yo + i];
        }
        return sum;
    }

    @Override
    public void addDots(float[] y, int yo, float[] x, int xo, int[] offsets, int from, int count, int n,
                        double[] sums, int so) {
        // small14: three taps per pass over the response, their six sums in flight together; one dot at a time
        // had two, and waited on the FMA latency (dw3x3-56's weight gradient). Each tap's sums are dot()'s.
        int t = 0;
        for (; t + 3 <= count; t += 3) {
            addDots3(y, yo, x, xo + offsets[from + t], xo + offsets[from + t + 1], xo + offsets[from + t + 2], n,
                    sums, so + t);
        }
        for (; t < count; t++) {
            sums[so + t] += dot(y, yo, x, xo + offsets[from + t], n);
        }
    }

    private static void addDots3(float[] y, int yo, float[] x, int xa, int xb, int xc, int n, double[] sums, int so) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector c0 = a0;
        FloatVector c1 = a0;
        int i = 0;
        for (; i <= n - 2 * LANES; i += 2 * LANES) {
            FloatVector y0 = FloatVector.fromArray(SPECIES, y, yo + i);
            FloatVector y1 = FloatVector.fromArray(SPECIES, y, yo + i + LANES);
            a0 = y0.fma(FloatVector.fromArray(SPECIES, x, xa + i), a0);
            a1 = y1.fma(FloatVector.fromArray(SPECIES, x, xa + i + LANES), a1);
            b0 = y0.fma(FloatVector.fromArray(SPECIES, x, xb + i), b0);
            b1 = y1.fma(FloatVector.fromArray(SPECIES, x, xb + i + LANES), b1);
            c0 = y0.fma(FloatVector.fromArray(SPECIES, x, xc + i), c0);
            c1 = y1.fma(FloatVector.fromArray(SPECIES, x, xc + i + LANES), c1);
        }
        float sa = addLanesPairwise(a0.add(a1));
        float sb = addLanesPairwise(b0.add(b1));
        float sc = addLanesPairwise(c0.add(c1));
        for (; i < n; i++) {
            sa += y[yo + i] * x[xa + i];
            sb += y[yo + i] * x[xb + i];
            sc += y[yo + i] * x[xc + i];
        }
        sums[so] += sa;
        sums[so + 1] += sb;
        sums[so + 2] += sc;
    }

    /** first256: convColumns' 8-channel blocks with 8 lanes run {@link PanamaQuadColumns}' 4-channel ones instead. */
    static final boolean QUAD_COLUMNS = LANES == 8;

    @Override
    public void convColumns(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,
                            float[] out, int oo, int outStride, int n) {
        if (n < LANES) {
            VectorOps.super.convColumns(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n);
        } else if (QUAD_COLUMNS && channels >= 6) { // first256: 8 × 2 blocks spill 16 registers
            PanamaQuadColumns.correlate(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n);
        } else if (channels >= 6) {
            // 8 channels x 2 vectors; a block past the last channel or column repeats it (same bits)
            for (int co = 0; co < channels; co += 8) {
                for (int j = 0; j < n; j += 2 * LANES) {
                    if (n - j <= LANES) { // one vector left: a 2-vector block would compute it twice
                        columns8x1(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, co, j, n - LANES);
                    } else {
                        columns8x2(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, co, j, n - LANES);
                    }
                }
            }
        } else {
            for (int co = 0; co < channels; co += 2) {
                for (int j = 0; j < n; j += 4 * LANES) {
                    columns2x4(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, co, j, n - LANES);
                }
            }
        }
    }

    @Override
    public void convChannelBlock(float[] x, int first, int second, int split, int[] taps, int t0, int kc, float[] w,
                                 int wo, int width, float[] out, int oo, boolean accumulate) {
        if (width == LANES || width == 2 * LANES || width == 3 * LANES) {
            PanamaChannelBlock.correlate(x, first, second, split, taps, t0, kc, w, wo, width, out, oo, accumulate);
        } else {
            VectorOps.super.convChannelBlock(x, first, second, split, taps, t0, kc, w, wo, width, out, oo, accumulate);
        }
    }

    @Override
    public void convGroupLanes(float[] x, int first, int positions, int[] taps, int t0, int kc, float[] w, int wo,
                               int width, float[] out, int oo, boolean accumulate) {
        if (width == LANES) {
            PanamaGroupLanes.correlate(x, first, positions, taps, t0, kc, w, wo, out, oo, accumulate);
        } else if (width % LANES == 0) {
            fusedGroupLanes(x, first, positions, taps, t0, kc, w, wo, width, out, oo, accumulate);
        } else {
            VectorOps.super.convGroupLanes(x, first, positions, taps, t0, kc, w, wo, width, out, oo, accumulate);
        }
    }

    /**
     * {@link #convGroupLanes} for blocks of whole vectors past one (an 8-lane host's 16- and 32-channel blocks) as
     * the kernels compute a block: each output's fused multiply-add chain from zero over the block's reduction, then
     * the earlier sum added where {@code accumulate}. The scalar loops' multiply-then-add into the output gave other
     * bits than {@link #convGroupLaneRows}' pair kernels and the in-place GEMM (first seen on an AVX2 host, stop 62).
     * No production call reaches it on any host today (16 lanes take the pair kernels, 8 lanes are not routed:
     * {@code FastConv.groupLanesPay} wants 16), so it is not tuned; FastConvTest's group-lane tests call it on 8 lanes.
     */
    private static void fusedGroupLanes(float[] x, int first, int positions, int[] taps, int t0, int kc, float[] w,
                                        int wo, int width, float[] out, int oo, boolean accumulate) {
        for (int p = 0; p < positions; p++) {
            int row = oo + p * width;
            for (int o = 0; o < width; o += LANES) {
                FloatVector sum = FloatVector.zero(SPECIES);
                for (int k = 0; k < kc; k++) {
                    sum = FloatVector.fromArray(SPECIES, w, wo + k * width + o)
                            .fma(FloatVector.broadcast(SPECIES, x[first + p + taps[t0 + k]]), sum);
                }
                if (accumulate) {
                    sum = sum.add(FloatVector.fromArray(SPECIES, out, row + o));
                }
                sum.intoArray(out, row + o);
            }
        }
    }

    @Override
    public void convGroupLaneRows(float[] x, int first, int positions, int[] taps, int t0, int kc, int rowTaps,
                                  float[] w, int wo, int width, float[] out, int oo, boolean accumulate) {
        if (width == LANES && (rowTaps == 3 || rowTaps == 5)) {
            PanamaGroupLanes.correlateRows(x, first, positions, taps, t0, kc, rowTaps, w, wo, out, oo, accumulate);
        } else if (width == 2 * LANES && positions <= groupLanePositions(width, rowTaps)) {
            PanamaGroupLanes.correlatePairRows(x, first, positions, taps, t0, kc, rowTaps, w, wo, out, oo, accumulate);
        } else {
            convGroupLanes(x, first, positions, taps, t0, kc, w, wo, width, out, oo, accumulate);
        }
    }

    @Override
    public void groupLaneWeightRows(float[] dy, int dyo, int rows, int width, float[] x, int[] xo, int count,
                                    int xPitch, int kw, float[] acc, int ao) {
        if (count <= groupLaneWeightRowsPerCall(kw) && width >= kw) {
            PanamaGroupLaneWeights.rows(dy, dyo, rows, width, x, xo, count, xPitch, kw, acc, ao);
        } else {
            VectorOps.super.groupLaneWeightRows(dy, dyo, rows, width, x, xo, count, xPitch, kw, acc, ao);
        }
    }

    @Override
    public int groupLaneWeightRowsPerCall(int kw) {
        return LANES != 16 ? 0 : kw == 3 ? PanamaGroupLaneWeights.ROWS_3 : kw == 5 ? PanamaGroupLaneWeights.ROWS_5 : 0;
    }

    @Override
    public void planesToTile(float[] planes, int s, int plane, int channels, int positions, float[] out, int o) {
        PanamaTileTranspose.fromPlanes(planes, s, plane, channels, positions, out, o);
    }

    @Override
    public void planesToStrip(float[] planes, int s, int plane, int channels, int positions, float[] out, int o,
                              int outStride) {
        PanamaTileTranspose.toStrip(planes, s, plane, channels, positions, out, o, outStride);
    }

    @Override
    public boolean planesToStripByBlocks(int channels, int positions) {
        return PanamaTileTranspose.byBlocks(channels, positions);
    }

    @Override
    public int groupLanePositions(int width, int rowTaps) {
        if (width == LANES) {
            // grp30: kernel rows of 3 / 5 taps in tiles of up to 21 / 19 (a row of 15-21 one tile, not two)
            return rowTaps == 3 ? PanamaGroupLanes.ROW_POSITIONS_3
                    : rowTaps == 5 ? PanamaGroupLanes.ROW_POSITIONS_5 : GROUP_LANE_POSITIONS;
        }
        // two vectors: 2 N accumulators and 2 rowTaps weight vectors in the 32 registers (tools/gen_group_lanes.py)
        return width == 2 * LANES && rowTaps == 3 ? 12 : width == 2 * LANES && rowTaps == 5 ? 10 : 0;
    }

    @Override
    public void transposeTile(float[] tile, int stride, int positions, int channels, float[] out, int o,
                              int outStride) {
        PanamaTileTranspose.transpose(tile, stride, positions, channels, out, o, outStride);
    }

    @Override
    public void convLongColumns(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,
                                float[] out, int oo, int outStride, int n) {
        if (n < LANES) {
            VectorOps.super.convColumns(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n);
        } else {
            PanamaStemColumns.correlate(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n);
        }
    }

    @Override
    public boolean longColumnRowsFit(int rowWidth) {
        // a vector that runs past its row's end is cut by masked stores, which box on JDK 17
        return MASKED_ACCESS_COMPILED && rowWidth >= LANES;
    }

    @Override
    public void convLongColumnRows(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,
                                   float[] out, int oo, int outStride, int n, int pitch, int rowWidth, float[] tile) {
        if (!longColumnRowsFit(rowWidth)) {
            VectorOps.super.convLongColumnRows(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n,
                    pitch, rowWidth, tile);
            return;
        }
        if (tile.length < PanamaStemColumns.ROWS_TILE) { // the generated block and LONG_COLUMN_ROWS_TILE must agree
            throw new IllegalArgumentException("convLongColumnRows: tile of " + tile.length + " floats, the block needs "
                    + PanamaStemColumns.ROWS_TILE);
        }
        PanamaStemColumns.correlateRows(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n, pitch,
                rowWidth, tile);
    }

    @Override
    public boolean channelRowFits(int channels, int taps, int n) {
        // JDK 17 would run the tile's transpose in scalar loops (its lane swaps box): the stem columns stay there
        return MASKED_ACCESS_COMPILED && PanamaStemChannels.fits(channels, taps, n);
    }

    @Override
    public void convChannelRow(float[] x, int[] tapStarts, int taps, int x0, float[] wt, int channels, int n,
                               float[] tile, float[] out, int o, int outStride) {
        if (!channelRowFits(channels, taps, n)) {
            VectorOps.super.convChannelRow(x, tapStarts, taps, x0, wt, channels, n, tile, out, o, outStride);
            return;
        }
        PanamaStemChannels.row(x, tapStarts, taps, x0, wt, channels, n, tile, out, o, outStride);
    }

    private static void columns8x2(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,
                                   float[] out, int oo, int outStride, int co, int j, int last) {
        int w0 = wo + Math.min(co + 0, channels - 1) * wStride;
        int w1 = wo + Math.min(co + 1, channels - 1) * wStride;
        int w2 = wo + Math.min(co + 2, channels - 1) * wStride;
        int w3 = wo + Math.min(co + 3, channels - 1) * wStride;
        int w4 = wo + Math.min(co + 4, channels - 1) * wStride;
        int w5 = wo + Math.min(co + 5, channels - 1) * wStride;
        int w6 = wo + Math.min(co + 6, channels - 1) * wStride;
        int w7 = wo + Math.min(co + 7, channels - 1) * wStride;
        int j0 = Math.min(j, last);
        int j1 = Math.min(j + 1 * LANES, last);
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = FloatVector.zero(SPECIES);
        FloatVector a10 = FloatVector.zero(SPECIES);
        FloatVector a11 = FloatVector.zero(SPECIES);
        FloatVector a20 = FloatVector.zero(SPECIES);
        FloatVector a21 = FloatVector.zero(SPECIES);
        FloatVector a30 = FloatVector.zero(SPECIES);
        FloatVector a31 = FloatVector.zero(SPECIES);
        FloatVector a40 = FloatVector.zero(SPECIES);
        FloatVector a41 = FloatVector.zero(SPECIES);
        FloatVector a50 = FloatVector.zero(SPECIES);
        FloatVector a51 = FloatVector.zero(SPECIES);
        FloatVector a60 = FloatVector.zero(SPECIES);
        FloatVector a61 = FloatVector.zero(SPECIES);
        FloatVector a70 = FloatVector.zero(SPECIES);
        FloatVector a71 = FloatVector.zero(SPECIES);
        for (int k = 0; k < taps; k++) {
            int xs = tapStarts[k];
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, xs + j0);
            FloatVector x1 = FloatVector.fromArray(SPECIES, x, xs + j1);
            FloatVector b0 = FloatVector.broadcast(SPECIES, w[w0 + k]);
            a00 = x0.fma(b0, a00);
            a01 = x1.fma(b0, a01);
            FloatVector b1 = FloatVector.broadcast(SPECIES, w[w1 + k]);
            a10 = x0.fma(b1, a10);
            a11 = x1.fma(b1, a11);
            FloatVector b2 = FloatVector.broadcast(SPECIES, w[w2 + k]);
            a20 = x0.fma(b2, a20);
            a21 = x1.fma(b2, a21);
            FloatVector b3 = FloatVector.broadcast(SPECIES, w[w3 + k]);
            a30 = x0.fma(b3, a30);
            a31 = x1.fma(b3, a31);
            FloatVector b4 = FloatVector.broadcast(SPECIES, w[w4 + k]);
            a40 = x0.fma(b4, a40);
            a41 = x1.fma(b4, a41);
            FloatVector b5 = FloatVector.broadcast(SPECIES, w[w5 + k]);
            a50 = x0.fma(b5, a50);
            a51 = x1.fma(b5, a51);
            FloatVector b6 = FloatVector.broadcast(SPECIES, w[w6 + k]);
            a60 = x0.fma(b6, a60);
            a61 = x1.fma(b6, a61);
            FloatVector b7 = FloatVector.broadcast(SPECIES, w[w7 + k]);
            a70 = x0.fma(b7, a70);
            a71 = x1.fma(b7, a71);
        }
        int o0 = oo + Math.min(co + 0, channels - 1) * outStride;
        a00.intoArray(out, o0 + j0);
        a01.intoArray(out, o0 + j1);
        int o1 = oo + Math.min(co + 1, channels - 1) * outStride;
        a10.intoArray(out, o1 + j0);
        a11.intoArray(out, o1 + j1);
        int o2 = oo + Math.min(co + 2, channels - 1) * outStride;
        a20.intoArray(out, o2 + j0);
        a21.intoArray(out, o2 + j1);
        int o3 = oo + Math.min(co + 3, channels - 1) * outStride;
        a30.intoArray(out, o3 + j0);
        a31.intoArray(out, o3 + j1);
        int o4 = oo + Math.min(co + 4, channels - 1) * outStride;
        a40.intoArray(out, o4 + j0);
        a41.intoArray(out, o4 + j1);
        int o5 = oo + Math.min(co + 5, channels - 1) * outStride;
        a50.intoArray(out, o5 + j0);
        a51.intoArray(out, o5 + j1);
        int o6 = oo + Math.min(co + 6, channels - 1) * outStride;
        a60.intoArray(out, o6 + j0);
        a61.intoArray(out, o6 + j1);
        int o7 = oo + Math.min(co + 7, channels - 1) * outStride;
        a70.intoArray(out, o7 + j0);
        a71.intoArray(out, o7 + j1);
    }

    private static void columns8x1(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,
                                   float[] out, int oo, int outStride, int co, int j, int last) {
        int w0 = wo + Math.min(co + 0, channels - 1) * wStride;
        int w1 = wo + Math.min(co + 1, channels - 1) * wStride;
        int w2 = wo + Math.min(co + 2, channels - 1) * wStride;
        int w3 = wo + Math.min(co + 3, channels - 1) * wStride;
        int w4 = wo + Math.min(co + 4, channels - 1) * wStride;
        int w5 = wo + Math.min(co + 5, channels - 1) * wStride;
        int w6 = wo + Math.min(co + 6, channels - 1) * wStride;
        int w7 = wo + Math.min(co + 7, channels - 1) * wStride;
        int j0 = Math.min(j, last);
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a10 = FloatVector.zero(SPECIES);
        FloatVector a20 = FloatVector.zero(SPECIES);
        FloatVector a30 = FloatVector.zero(SPECIES);
        FloatVector a40 = FloatVector.zero(SPECIES);
        FloatVector a50 = FloatVector.zero(SPECIES);
        FloatVector a60 = FloatVector.zero(SPECIES);
        FloatVector a70 = FloatVector.zero(SPECIES);
        for (int k = 0; k < taps; k++) {
            int xs = tapStarts[k];
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, xs + j0);
            FloatVector b0 = FloatVector.broadcast(SPECIES, w[w0 + k]);
            a00 = x0.fma(b0, a00);
            FloatVector b1 = FloatVector.broadcast(SPECIES, w[w1 + k]);
            a10 = x0.fma(b1, a10);
            FloatVector b2 = FloatVector.broadcast(SPECIES, w[w2 + k]);
            a20 = x0.fma(b2, a20);
            FloatVector b3 = FloatVector.broadcast(SPECIES, w[w3 + k]);
            a30 = x0.fma(b3, a30);
            FloatVector b4 = FloatVector.broadcast(SPECIES, w[w4 + k]);
            a40 = x0.fma(b4, a40);
            FloatVector b5 = FloatVector.broadcast(SPECIES, w[w5 + k]);
            a50 = x0.fma(b5, a50);
            FloatVector b6 = FloatVector.broadcast(SPECIES, w[w6 + k]);
            a60 = x0.fma(b6, a60);
            FloatVector b7 = FloatVector.broadcast(SPECIES, w[w7 + k]);
            a70 = x0.fma(b7, a70);
        }
        int o0 = oo + Math.min(co + 0, channels - 1) * outStride;
        a00.intoArray(out, o0 + j0);
        int o1 = oo + Math.min(co + 1, channels - 1) * outStride;
        a10.intoArray(out, o1 + j0);
        int o2 = oo + Math.min(co + 2, channels - 1) * outStride;
        a20.intoArray(out, o2 + j0);
        int o3 = oo + Math.min(co + 3, channels - 1) * outStride;
        a30.intoArray(out, o3 + j0);
        int o4 = oo + Math.min(co + 4, channels - 1) * outStride;
        a40.intoArray(out, o4 + j0);
        int o5 = oo + Math.min(co + 5, channels - 1) * outStride;
        a50.intoArray(out, o5 + j0);
        int o6 = oo + Math.min(co + 6, channels - 1) * outStride;
        a60.intoArray(out, o6 + j0);
        int o7 = oo + Math.min(co + 7, channels - 1) * outStride;
        a70.intoArray(out, o7 + j0);
    }

    private static void columns2x4(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,
                                   float[] out, int oo, int outStride, int co, int j, int last) {
        int w0 = wo + Math.min(co + 0, channels - 1) * wStride;
        int w1 = wo + Math.min(co + 1, channels - 1) * wStride;
        int j0 = Math.min(j, last);
        int j1 = Math.min(j + 1 * LANES, last);
        int j2 = Math.min(j + 2 * LANES, last);
        int j3 = Math.min(j + 3 * LANES, last);
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = FloatVector.zero(SPECIES);
        FloatVector a02 = FloatVector.zero(SPECIES);
        FloatVector a03 = FloatVector.zero(SPECIES);
        FloatVector a10 = FloatVector.zero(SPECIES);
        FloatVector a11 = FloatVector.zero(SPECIES);
        FloatVector a12 = FloatVector.zero(SPECIES);
        FloatVector a13 = FloatVector.zero(SPECIES);
        for (int k = 0; k < taps; k++) {
            int xs = tapStarts[k];
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, xs + j0);
            FloatVector x1 = FloatVector.fromArray(SPECIES, x, xs + j1);
            FloatVector x2 = FloatVector.fromArray(SPECIES, x, xs + j2);
            FloatVector x3 = FloatVector.fromArray(SPECIES, x, xs + j3);
            FloatVector b0 = FloatVector.broadcast(SPECIES, w[w0 + k]);
            a00 = x0.fma(b0, a00);
            a01 = x1.fma(b0, a01);
            a02 = x2.fma(b0, a02);
            a03 = x3.fma(b0, a03);
            FloatVector b1 = FloatVector.broadcast(SPECIES, w[w1 + k]);
            a10 = x0.fma(b1, a10);
            a11 = x1.fma(b1, a11);
            a12 = x2.fma(b1, a12);
            a13 = x3.fma(b1, a13);
        }
        int o0 = oo + Math.min(co + 0, channels - 1) * outStride;
        a00.intoArray(out, o0 + j0);
        a01.intoArray(out, o0 + j1);
        a02.intoArray(out, o0 + j2);
        a03.intoArray(out, o0 + j3);
        int o1 = oo + Math.min(co + 1, channels - 1) * outStride;
        a10.intoArray(out, o1 + j0);
        a11.intoArray(out, o1 + j1);
        a12.intoArray(out, o1 + j2);
        a13.intoArray(out, o1 + j3);
    }

    @Override
    public void maxOfRows(float[] in, int planeBase, int[] rows, int kr, int col0, int n, boolean absolute, float[] best,
                          int[] bestRow) {
        // whole vectors only (the outputs have room): masked loads and stores ran the Vector API's per-lane fallbacks
        int vector = wholeLoadColumns(in.length, planeBase, rows, kr, col0, n);
        if (!absolute && bestRow == null) {
            maxOfRowsValues(in, planeBase, rows, kr, col0, vector, best);
        } else {
            maxOfRowsSelected(in, planeBase, rows, kr, col0, vector, absolute, best, bestRow);
        }
        // the columns whose whole-vector loads would pass the array's end: the same rule, lane by lane
        VectorOps.maxOfRowsLaneByLane(in, planeBase, rows, kr, col0, vector, n, absolute, best, bestRow);
    }

    /**
     * The columns [0, result) of a rows-first pass that load whole vectors inside the array: a
     * multiple of LANES, at most n rounded up to one; no masked load in the loops (see {@link #wholeLoadOutputs}).
     */
    private static int wholeLoadColumns(int length, int planeBase, int[] rows, int kr, int col0, int n) {
        int lastRow = rows[0];
        for (int r = 1; r < kr; r++) {
            lastRow = Math.max(lastRow, rows[r]);
        }
        long room = (long) length - LANES - planeBase - lastRow - col0;
        if (room < 0) {
            return 0;
        }
        long blocks = Math.min((n + LANES - 1) / LANES, room / LANES + 1);
        return (int) (blocks * LANES);
    }

    private static void maxOfRowsSelected(float[] in, int planeBase, int[] rows, int kr, int col0, int n, boolean absolute,
                                          float[] best, int[] bestRow) {
        for (int c = 0; c < n; c += LANES) {
            int col = planeBase + col0 + c;
            FloatVector b = FloatVector.fromArray(SPECIES, in, rows[0] + col);
            if (absolute) {
                b = b.abs();
            }
            IntVector br = IntVector.zero(INT_SPECIES);
            for (int r = 1; r < kr; r++) {
                FloatVector v = FloatVector.fromArray(SPECIES, in, rows[r] + col);
                if (absolute) {
                    v = v.abs();
                }
                VectorMask<Float> take = v.compare(VectorOperators.GT, b).or(v.compare(VectorOperators.NE, v));
                b = b.blend(v, take);
                if (bestRow != null) {
                    br = br.blend(IntVector.broadcast(INT_SPECIES, r), take.cast(INT_SPECIES));
                }
            }
            exactFloats(b).intoArray(best, c);
            if (bestRow != null) {
                exactInts(br).intoArray(bestRow, c);
            }
        }
    }

    /** {@link #maxOfRows} for inference, in a method of its own: small enough for C2 to keep every vector operation intrinsic. */
    private static void maxOfRowsValues(float[] in, int planeBase, int[] rows, int kr, int col0, int n, float[] best) {
        for (int c = 0; c < n; c += LANES) {
            int col = planeBase + col0 + c;
            FloatVector b = FloatVector.fromArray(SPECIES, in, rows[0] + col);
            for (int r = 1; r < kr; r++) {
                FloatVector v = FloatVector.fromArray(SPECIES, in, rows[r] + col);
                b = b.blend(v, v.compare(VectorOperators.GT, b).or(v.compare(VectorOperators.NE, v)));
            }
            exactFloats(b).intoArray(best, c);
        }
    }

    @Override
    public void sumOfRows(float[] in, int planeBase, int[] rows, int kr, int col0, int n, float[] sum) {
        int vector = wholeLoadColumns(in.length, planeBase, rows, kr, col0, n);
        for (int c = 0; c < vector; c += LANES) {
            int col = planeBase + col0 + c;
            FloatVector s = FloatVector.zero(SPECIES);
            for (int r = 0; r < kr; r++) {
                s = s.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, rows[r] + col));
            }
            exactFloats(s).intoArray(sum, c);
        }
        VectorOps.sumOfRowsLaneByLane(in, planeBase, rows, kr, col0, vector, n, sum);
    }

    @Override
    public void wholePowers(float[] x, int from, float[] out, int to, int n, int e) {
        int whole = n - n % DOUBLES.length();
        sumRowWholePowers(x, from, out, to, whole, e);
        for (int i = whole; i < n; i++) {
            out[to + i] = (float) VectorOps.wholePower(x[from + i], e);
        }
    }

    /** {@link #wholePowers}' whole vectors, named for the launcher's dontinline pattern (sumRow*) as {@link #powers}' passes. */
    private static void sumRowWholePowers(float[] x, int from, float[] out, int to, int n, int e) {
        for (int i = 0; i < n; i += DOUBLES.length()) {
            // the scalar definition's multiplications, lane by lane: the same bits
            DoubleVector result = wholePower(widened(x, from + i), e);
            exactHalfFloats((FloatVector) result.convertShape(VectorOperators.D2F, FLOATS_OF_DOUBLES, 0)).intoArray(out, to + i);
        }
    }

    @Override
    public void halfWholePowers(float[] x, int from, float[] out, int to, int n, int e) {
        int whole = n - n % DOUBLES.length();
        sumRowHalfWholePowers(x, from, out, to, whole, e);
        for (int i = whole; i < n; i++) {
            out[to + i] = (float) VectorOps.halfWholePower(x[from + i], e);
        }
    }

    /** {@link #halfWholePowers}' whole vectors (sumRow*: dontinline, as {@link #powers}' passes). */
    private static void sumRowHalfWholePowers(float[] x, int from, float[] out, int to, int n, int e) {
        for (int i = 0; i < n; i += DOUBLES.length()) {
            DoubleVector base = widened(x, from + i).add(0.0);
            // VectorOps.halfWholePower's operations, lane by lane: the same bits
            DoubleVector result = wholePower(base, e).mul(base.sqrt());
            exactHalfFloats((FloatVector) result.convertShape(VectorOperators.D2F, FLOATS_OF_DOUBLES, 0)).intoArray(out, to + i);
        }
    }

    @Override
    public void timesPowerSlopes(float[] grad, float[] x, int from, int n, double p, int e, boolean half) {
        int whole = n - n % DOUBLES.length();
        if (half) {
            sumRowTimesHalfWholeSlopes(grad, x, from, whole, p, e);
        } else {
            sumRowTimesWholeSlopes(grad, x, from, whole, p, e);
        }
        VectorOps.super.timesPowerSlopes(grad, x, from + whole, n - whole, p, e, half);
    }

    /** {@link #timesPowerSlopes} for whole exponents, n a multiple of the double lanes; one loop per case, so no vector is ever null. */
    private static void sumRowTimesWholeSlopes(float[] grad, float[] x, int from, int n, double p, int e) {
        for (int i = from; i < from + n; i += DOUBLES.length()) {
            DoubleVector power = wholePower(widened(x, i), e);
            storeCanonical(widened(grad, i).mul(power.mul(p)), grad, i);
        }
    }

    /** {@link #timesPowerSlopes} for exponents a whole number and a half: x^e · √x, x's -0 taken as +0. */
    private static void sumRowTimesHalfWholeSlopes(float[] grad, float[] x, int from, int n, double p, int e) {
        for (int i = from; i < from + n; i += DOUBLES.length()) {
            DoubleVector base = widened(x, i).add(0.0);
            DoubleVector power = wholePower(base, e).mul(base.sqrt());
            storeCanonical(widened(grad, i).mul(power.mul(p)), grad, i);
        }
    }

    /** {@code v} rounded to float at {@code a[i]}, a NaN lane stored as {@link Float#NaN}. */
    private static void storeCanonical(DoubleVector v, float[] a, int i) {
        FloatVector f = exactHalfFloats((FloatVector) v.convertShape(VectorOperators.D2F, FLOATS_OF_DOUBLES, 0));
        f.blend(Float.NaN, f.test(VectorOperators.IS_NAN)).intoArray(a, i);
    }

    private static DoubleVector widened(float[] x, int i) {
        return (DoubleVector) FloatVector.fromArray(FLOATS_OF_DOUBLES, x, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
    }

    /**
     * {@link VectorOps#wholePower}'s multiplications, lane by lane: the same bits, for e up to 127 (LP's multiplied powers
     * stop at 64). lp52: written out, no loop: the loop's vectors boxed on JDK 17 once a JVM had met several p
     * (lp2.5-3s2 after lp3-3s3: 96-133 MB a call); the squares past e's top bit are computed and not used.
     */
    private static DoubleVector wholePower(DoubleVector base, int e) {
        DoubleVector result = DoubleVector.broadcast(DOUBLES, 1.0);
        result = (e & 1) != 0 ? result.mul(base) : result;
        DoubleVector square = base.mul(base);
        result = (e & 2) != 0 ? result.mul(square) : result;
        square = square.mul(square);
        result = (e & 4) != 0 ? result.mul(square) : result;
        square = square.mul(square);
        result = (e & 8) != 0 ? result.mul(square) : result;
        square = square.mul(square);
        result = (e & 16) != 0 ? result.mul(square) : result;
        square = square.mul(square);
        result = (e & 32) != 0 ? result.mul(square) : result;
        square = square.mul(square);
        return (e & 64) != 0 ? result.mul(square) : result;
    }

    @Override
    public void squares(float[] x, int from, float[] out, int to, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, from + i);
            v.mul(v).intoArray(out, to + i);
        }
        for (; i < n; i++) {
            out[to + i] = x[from + i] * x[from + i];
        }
    }

    @Override
    public boolean noneAtOrAbove(float[] x, int from, int n, float limit) {
        return sumRowNoneAtOrAbove(x, from, n, limit);
    }

    /** {@link #noneAtOrAbove}'s loop, which carries a mask (sumRow*: dontinline, as {@link #powers}' passes). */
    private static boolean sumRowNoneAtOrAbove(float[] x, int from, int n, float limit) {
        VectorMask<Float> atOrAbove = SPECIES.maskAll(false);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            // GE is false for NaN
            atOrAbove = atOrAbove.or(FloatVector.fromArray(SPECIES, x, from + i).abs().compare(VectorOperators.GE, limit));
        }
        for (; i < n; i++) {
            if (Math.abs(x[from + i]) >= limit) {
                return false;
            }
        }
        return !atOrAbove.anyTrue();
    }

    @Override
    public void gather(float[] in, int base, int[] index, boolean[] valid, int k, float[] out, int o, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, in, base, index, k + i);
            FloatVector.zero(SPECIES).blend(v, VectorMask.fromArray(SPECIES, valid, k + i)).intoArray(out, o + i);
        }
        for (; i < n; i++) {
            out[o + i] = valid[k + i] ? in[base + index[k + i]] : 0f;
        }
    }

    @Override
    public void sumAndCenteredDot(float[] x, int xo, float[] y, int yo, float shift, int n, float[] out, int o) {
        FloatVector center = FloatVector.broadcast(SPECIES, shift);
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = FloatVector.zero(SPECIES);
        FloatVector d0 = FloatVector.zero(SPECIES);
        FloatVector d1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i <= n - 2 * LANES; i += 2 * LANES) { // two chains each, so that the adds overlap
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, xo + i);
            FloatVector x1 = FloatVector.fromArray(SPECIES, x, xo + i + LANES);
            s0 = s0.add(x0);
            s1 = s1.add(x1);
            d0 = x0.fma(FloatVector.fromArray(SPECIES, y, yo + i).sub(center), d0);
            d1 = x1.fma(FloatVector.fromArray(SPECIES, y, yo + i + LANES).sub(center), d1);
        }
        if (i <= n - LANES) {
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, xo + i);
            s0 = s0.add(x0);
            d0 = x0.fma(FloatVector.fromArray(SPECIES, y, yo + i).sub(center), d0);
            i += LANES;
        }
        float s = addLanesPairwise(s0.add(s1));
        float d = addLanesPairwise(d0.add(d1));
        for (; i < n; i++) {
            s += x[xo + i];
            d += x[xo + i] * (y[yo + i] - shift);
        }
        out[o] = s;
        out[o + 1] = d;
    }

    @Override
    public void convRowBlock(float[] x, int[] rowStarts, int rows, int[] weightRows, float[] w, int wo,
                             int[] tapColumns, int kw, float[] out, int[] outStarts, int block, int n) {
        // blocks of 2 vectors per row; a block past the row's end is moved back to end at its last column
        // (outputs computed twice get the same bits: each is summed in the same order)
        if (n >= LANES) {
            for (int j = 0; j < n; j += 2 * LANES) {
                rowBlockx2(x, rowStarts, rows, weightRows, w, wo, tapColumns, kw, out, outStarts, block,
                        Math.min(j, n - LANES), Math.min(j + LANES, n - LANES));
            }
        } else if (n >= HALF.length()) {
            int half = HALF.length();
            for (int j = 0; j < n; j += half) {
                rowBlockHalfx1(x, rowStarts, rows, weightRows, w, wo, tapColumns, kw, out, outStarts, block,
                        Math.min(j, n - half));
            }
        } else {
            VectorOps.super.convRowBlock(x, rowStarts, rows, weightRows, w, wo, tapColumns, kw, out, outStarts, block, n);
        }
    }

    private static void rowBlockx2(float[] x, int[] rowStarts, int rows, int[] weightRows, float[] w, int wo,
                                 int[] tapColumns, int kw, float[] out, int[] outStarts, int block, int j0, int j1) {
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = FloatVector.zero(SPECIES);
        FloatVector a10 = FloatVector.zero(SPECIES);
        FloatVector a11 = FloatVector.zero(SPECIES);
        FloatVector a20 = FloatVector.zero(SPECIES);
        FloatVector a21 = FloatVector.zero(SPECIES);
        FloatVector a30 = FloatVector.zero(SPECIES);
        FloatVector a31 = FloatVector.zero(SPECIES);
        for (int i = 0; i < rows; i++) {
            int xs = rowStarts[i];
            int w0 = weightRows[4 * i + 0];
            int w1 = weightRows[4 * i + 1];
            int w2 = weightRows[4 * i + 2];
            int w3 = weightRows[4 * i + 3];
            for (int t = 0; t < kw; t++) {
                int xt = xs + tapColumns[t];
                FloatVector x0 = FloatVector.fromArray(SPECIES, x, xt + j0);
                FloatVector x1 = FloatVector.fromArray(SPECIES, x, xt + j1);
                if (w0 >= 0) {
                    FloatVector b = FloatVector.broadcast(SPECIES, w[wo + w0 + t]);
                    a00 = x0.fma(b, a00);
                    a01 = x1.fma(b, a01);
                }
                if (w1 >= 0) {
                    FloatVector b = FloatVector.broadcast(SPECIES, w[wo + w1 + t]);
                    a10 = x0.fma(b, a10);
                    a11 = x1.fma(b, a11);
                }
                if (w2 >= 0) {
                    FloatVector b = FloatVector.broadcast(SPECIES, w[wo + w2 + t]);
                    a20 = x0.fma(b, a20);
                    a21 = x1.fma(b, a21);
                }
                if (w3 >= 0) {
                    FloatVector b = FloatVector.broadcast(SPECIES, w[wo + w3 + t]);
                    a30 = x0.fma(b, a30);
                    a31 = x1.fma(b, a31);
                }
            }
        }
        a00.intoArray(out, outStarts[0] + j0);
        a01.intoArray(out, outStarts[0] + j1);
        if (block > 1) {
            a10.intoArray(out, outStarts[1] + j0);
            a11.intoArray(out, outStarts[1] + j1);
        }
        if (block > 2) {
            a20.intoArray(out, outStarts[2] + j0);
            a21.intoArray(out, outStarts[2] + j1);
        }
        if (block > 3) {
            a30.intoArray(out, outStarts[3] + j0);
            a31.intoArray(out, outStarts[3] + j1);
        }
    }

    private static void rowBlockHalfx1(float[] x, int[] rowStarts, int rows, int[] weightRows, float[] w, int wo,
                                 int[] tapColumns, int kw, float[] out, int[] outStarts, int block, int j0) {
        FloatVector a00 = FloatVector.zero(HALF);
        FloatVector a10 = FloatVector.zero(HALF);
        FloatVector a20 = FloatVector.zero(HALF);
        FloatVector a30 = FloatVector.zero(HALF);
        for (int i = 0; i < rows; i++) {
            int xs = rowStarts[i];
            int w0 = weightRows[4 * i + 0];
            int w1 = weightRows[4 * i + 1];
            int w2 = weightRows[4 * i + 2];
            int w3 = weightRows[4 * i + 3];
            for (int t = 0; t < kw; t++) {
                int xt = xs + tapColumns[t];
                FloatVector x0 = FloatVector.fromArray(HALF, x, xt + j0);
                if (w0 >= 0) {
                    FloatVector b = FloatVector.broadcast(HALF, w[wo + w0 + t]);
                    a00 = x0.fma(b, a00);
                }
                if (w1 >= 0) {
                    FloatVector b = FloatVector.broadcast(HALF, w[wo + w1 + t]);
                    a10 = x0.fma(b, a10);
                }
                if (w2 >= 0) {
                    FloatVector b = FloatVector.broadcast(HALF, w[wo + w2 + t]);
                    a20 = x0.fma(b, a20);
                }
                if (w3 >= 0) {
                    FloatVector b = FloatVector.broadcast(HALF, w[wo + w3 + t]);
                    a30 = x0.fma(b, a30);
                }
            }
        }
        a00.intoArray(out, outStarts[0] + j0);
        if (block > 1) {
            a10.intoArray(out, outStarts[1] + j0);
        }
        if (block > 2) {
            a20.intoArray(out, outStarts[2] + j0);
        }
        if (block > 3) {
            a30.intoArray(out, outStarts[3] + j0);
        }
    }

    @Override
    public void convRowBlock3x3(float[] x, int x0, int rowLength, int rowStride, float[] w, int wo, int[] tapColumns,
                                float[] out, int[] outStarts, int n) {
        if (n < LANES || rowStride > 2) {
            VectorOps.super.convRowBlock3x3(x, x0, rowLength, rowStride, w, wo, tapColumns, out, outStarts, n);
            return;
        }
        // straight-line code with the 9 weights in registers; blocks moved back at the row's end as above
        for (int j = 0; j < n; j += 2 * LANES) {
            int j0 = Math.min(j, n - LANES);
            int j1 = Math.min(j + LANES, n - LANES);
            if (rowStride == 1) {
                rowBlock3x3s1(x, x0, rowLength, w, wo, tapColumns[0], tapColumns[1], tapColumns[2], out, outStarts, j0, j1);
            } else {
                rowBlock3x3s2(x, x0, rowLength, w, wo, tapColumns[0], tapColumns[1], tapColumns[2], out, outStarts, j0, j1);
            }
        }
    }

    private static void rowBlock3x3s1(float[] x, int x0, int rowLength, float[] w, int wo, int c0, int c1, int c2,
                                       float[] out, int[] outStarts, int j0, int j1) {
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo + 0]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = FloatVector.zero(SPECIES);
        FloatVector a10 = FloatVector.zero(SPECIES);
        FloatVector a11 = FloatVector.zero(SPECIES);
        FloatVector a20 = FloatVector.zero(SPECIES);
        FloatVector a21 = FloatVector.zero(SPECIES);
        FloatVector a30 = FloatVector.zero(SPECIES);
        FloatVector a31 = FloatVector.zero(SPECIES);
        {
            int xs = x0 + 0 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a00 = p0.fma(w00, a00);
            a01 = n0.fma(w00, a01);
            a00 = p1.fma(w01, a00);
            a01 = n1.fma(w01, a01);
            a00 = p2.fma(w02, a00);
            a01 = n2.fma(w02, a01);
        }
        {
            int xs = x0 + 1 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a00 = p0.fma(w10, a00);
            a01 = n0.fma(w10, a01);
            a00 = p1.fma(w11, a00);
            a01 = n1.fma(w11, a01);
            a00 = p2.fma(w12, a00);
            a01 = n2.fma(w12, a01);
            a10 = p0.fma(w00, a10);
            a11 = n0.fma(w00, a11);
            a10 = p1.fma(w01, a10);
            a11 = n1.fma(w01, a11);
            a10 = p2.fma(w02, a10);
            a11 = n2.fma(w02, a11);
        }
        {
            int xs = x0 + 2 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a00 = p0.fma(w20, a00);
            a01 = n0.fma(w20, a01);
            a00 = p1.fma(w21, a00);
            a01 = n1.fma(w21, a01);
            a00 = p2.fma(w22, a00);
            a01 = n2.fma(w22, a01);
            a10 = p0.fma(w10, a10);
            a11 = n0.fma(w10, a11);
            a10 = p1.fma(w11, a10);
            a11 = n1.fma(w11, a11);
            a10 = p2.fma(w12, a10);
            a11 = n2.fma(w12, a11);
            a20 = p0.fma(w00, a20);
            a21 = n0.fma(w00, a21);
            a20 = p1.fma(w01, a20);
            a21 = n1.fma(w01, a21);
            a20 = p2.fma(w02, a20);
            a21 = n2.fma(w02, a21);
        }
        {
            int xs = x0 + 3 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a10 = p0.fma(w20, a10);
            a11 = n0.fma(w20, a11);
            a10 = p1.fma(w21, a10);
            a11 = n1.fma(w21, a11);
            a10 = p2.fma(w22, a10);
            a11 = n2.fma(w22, a11);
            a20 = p0.fma(w10, a20);
            a21 = n0.fma(w10, a21);
            a20 = p1.fma(w11, a20);
            a21 = n1.fma(w11, a21);
            a20 = p2.fma(w12, a20);
            a21 = n2.fma(w12, a21);
            a30 = p0.fma(w00, a30);
            a31 = n0.fma(w00, a31);
            a30 = p1.fma(w01, a30);
            a31 = n1.fma(w01, a31);
            a30 = p2.fma(w02, a30);
            a31 = n2.fma(w02, a31);
        }
        {
            int xs = x0 + 4 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a20 = p0.fma(w20, a20);
            a21 = n0.fma(w20, a21);
            a20 = p1.fma(w21, a20);
            a21 = n1.fma(w21, a21);
            a20 = p2.fma(w22, a20);
            a21 = n2.fma(w22, a21);
            a30 = p0.fma(w10, a30);
            a31 = n0.fma(w10, a31);
            a30 = p1.fma(w11, a30);
            a31 = n1.fma(w11, a31);
            a30 = p2.fma(w12, a30);
            a31 = n2.fma(w12, a31);
        }
        {
            int xs = x0 + 5 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a30 = p0.fma(w20, a30);
            a31 = n0.fma(w20, a31);
            a30 = p1.fma(w21, a30);
            a31 = n1.fma(w21, a31);
            a30 = p2.fma(w22, a30);
            a31 = n2.fma(w22, a31);
        }
        a00.intoArray(out, outStarts[0] + j0);
        a01.intoArray(out, outStarts[0] + j1);
        a10.intoArray(out, outStarts[1] + j0);
        a11.intoArray(out, outStarts[1] + j1);
        a20.intoArray(out, outStarts[2] + j0);
        a21.intoArray(out, outStarts[2] + j1);
        a30.intoArray(out, outStarts[3] + j0);
        a31.intoArray(out, outStarts[3] + j1);
    }

    private static void rowBlock3x3s2(float[] x, int x0, int rowLength, float[] w, int wo, int c0, int c1, int c2,
                                       float[] out, int[] outStarts, int j0, int j1) {
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo + 0]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = FloatVector.zero(SPECIES);
        FloatVector a10 = FloatVector.zero(SPECIES);
        FloatVector a11 = FloatVector.zero(SPECIES);
        FloatVector a20 = FloatVector.zero(SPECIES);
        FloatVector a21 = FloatVector.zero(SPECIES);
        FloatVector a30 = FloatVector.zero(SPECIES);
        FloatVector a31 = FloatVector.zero(SPECIES);
        {
            int xs = x0 + 0 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a00 = p0.fma(w00, a00);
            a01 = n0.fma(w00, a01);
            a00 = p1.fma(w01, a00);
            a01 = n1.fma(w01, a01);
            a00 = p2.fma(w02, a00);
            a01 = n2.fma(w02, a01);
        }
        {
            int xs = x0 + 1 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a00 = p0.fma(w10, a00);
            a01 = n0.fma(w10, a01);
            a00 = p1.fma(w11, a00);
            a01 = n1.fma(w11, a01);
            a00 = p2.fma(w12, a00);
            a01 = n2.fma(w12, a01);
        }
        {
            int xs = x0 + 2 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a00 = p0.fma(w20, a00);
            a01 = n0.fma(w20, a01);
            a00 = p1.fma(w21, a00);
            a01 = n1.fma(w21, a01);
            a00 = p2.fma(w22, a00);
            a01 = n2.fma(w22, a01);
            a10 = p0.fma(w00, a10);
            a11 = n0.fma(w00, a11);
            a10 = p1.fma(w01, a10);
            a11 = n1.fma(w01, a11);
            a10 = p2.fma(w02, a10);
            a11 = n2.fma(w02, a11);
        }
        {
            int xs = x0 + 3 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a10 = p0.fma(w10, a10);
            a11 = n0.fma(w10, a11);
            a10 = p1.fma(w11, a10);
            a11 = n1.fma(w11, a11);
            a10 = p2.fma(w12, a10);
            a11 = n2.fma(w12, a11);
        }
        {
            int xs = x0 + 4 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a10 = p0.fma(w20, a10);
            a11 = n0.fma(w20, a11);
            a10 = p1.fma(w21, a10);
            a11 = n1.fma(w21, a11);
            a10 = p2.fma(w22, a10);
            a11 = n2.fma(w22, a11);
            a20 = p0.fma(w00, a20);
            a21 = n0.fma(w00, a21);
            a20 = p1.fma(w01, a20);
            a21 = n1.fma(w01, a21);
            a20 = p2.fma(w02, a20);
            a21 = n2.fma(w02, a21);
        }
        {
            int xs = x0 + 5 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a20 = p0.fma(w10, a20);
            a21 = n0.fma(w10, a21);
            a20 = p1.fma(w11, a20);
            a21 = n1.fma(w11, a21);
            a20 = p2.fma(w12, a20);
            a21 = n2.fma(w12, a21);
        }
        {
            int xs = x0 + 6 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a20 = p0.fma(w20, a20);
            a21 = n0.fma(w20, a21);
            a20 = p1.fma(w21, a20);
            a21 = n1.fma(w21, a21);
            a20 = p2.fma(w22, a20);
            a21 = n2.fma(w22, a21);
            a30 = p0.fma(w00, a30);
            a31 = n0.fma(w00, a31);
            a30 = p1.fma(w01, a30);
            a31 = n1.fma(w01, a31);
            a30 = p2.fma(w02, a30);
            a31 = n2.fma(w02, a31);
        }
        {
            int xs = x0 + 7 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a30 = p0.fma(w10, a30);
            a31 = n0.fma(w10, a31);
            a30 = p1.fma(w11, a30);
            a31 = n1.fma(w11, a31);
            a30 = p2.fma(w12, a30);
            a31 = n2.fma(w12, a31);
        }
        {
            int xs = x0 + 8 * rowLength;
            FloatVector p0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector n0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector p1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector n1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector p2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector n2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            a30 = p0.fma(w20, a30);
            a31 = n0.fma(w20, a31);
            a30 = p1.fma(w21, a30);
            a31 = n1.fma(w21, a31);
            a30 = p2.fma(w22, a30);
            a31 = n2.fma(w22, a31);
        }
        a00.intoArray(out, outStarts[0] + j0);
        a01.intoArray(out, outStarts[0] + j1);
        a10.intoArray(out, outStarts[1] + j0);
        a11.intoArray(out, outStarts[1] + j1);
        a20.intoArray(out, outStarts[2] + j0);
        a21.intoArray(out, outStarts[2] + j1);
        a30.intoArray(out, outStarts[3] + j0);
        a31.intoArray(out, outStarts[3] + j1);
    }

    @Override
    public void padRows(float[] x, int xo, int width, int rows, float[] out, int oo, int pitch, int left) {
        if (width < LANES) {
            narrowPadRows(x, xo, width, rows, out, oo, pitch, left);
            return;
        }
        // one loop of vector moves per row (the last one moved back), where short arraycopy and fill
        // calls cost more than the copying
        for (int r = 0; r < rows; r++) {
            int o = oo + r * pitch;
            int xs = xo + r * width;
            for (int c = 0; c < left; c++) {
                out[o + c] = 0f;
            }
            for (int c = 0; c < width; c += LANES) {
                int at = Math.min(c, width - LANES);
                FloatVector.fromArray(SPECIES, x, xs + at).intoArray(out, o + left + at);
            }
            for (int c = left + width; c < pitch; c++) {
                out[o + c] = 0f;
            }
        }
    }

    /**
     * {@link #padRows} for rows under a vector (dw15): each row moved by one full vector, whose floats past the
     * row (the next row's, read and written) are rewritten in order: the row's zero columns after its store, the
     * next row by its own store. The rows whose vector would read past {@code x} or write past the last row go
     * one float at a time: nothing outside the rows is written. Three short arraycopy and fill calls a row cost
     * more than the copying (dw5x5-14: 14-float rows).
     */
    private static void narrowPadRows(float[] x, int xo, int width, int rows, float[] out, int oo, int pitch, int left) {
        int end = oo + rows * pitch;
        int r = 0;
        for (; r < rows; r++) {
            int o = oo + r * pitch;
            int xs = xo + r * width;
            if (o + left + LANES > end || xs + LANES > x.length) {
                break;
            }
            FloatVector.fromArray(SPECIES, x, xs).intoArray(out, o + left);
            for (int c = 0; c < left; c++) {
                out[o + c] = 0f;
            }
            for (int c = left + width; c < pitch; c++) {
                out[o + c] = 0f;
            }
        }
        for (; r < rows; r++) {
            int o = oo + r * pitch;
            int xs = xo + r * width;
            for (int c = 0; c < left; c++) {
                out[o + c] = 0f;
            }
            for (int c = 0; c < width; c++) {
                out[o + left + c] = x[xs + c];
            }
            for (int c = left + width; c < pitch; c++) {
                out[o + c] = 0f;
            }
        }
    }

    // dwsmall3: stride-2 row splits and the direct kernels' row products

    @Override
    public void deinterleave2(float[] x, int xo, float[] even, int eo, float[] odd, int oo, int n) {
        // dw15: splitBlock's one-vector permutes and blends, full stores only, the last block moved back to
        // end at n (its overlap written twice with the same values). The masked stores used before are no
        // intrinsic on JDK 17 (each went lane by lane through boxed vectors: 19.6 MB a dw3x3-s2-57 forward)
        if (n < LANES) {
            if (xo + 2 * LANES <= x.length && eo + LANES <= even.length && oo + LANES <= odd.length) {
                shortSplit(x, xo, even, eo, odd, oo, n);
            } else {
                VectorOps.super.deinterleave2(x, xo, even, eo, odd, oo, n);
            }
            return;
        }
        for (int step = 0; step < n; step += LANES) {
            int k = Math.min(step, n - LANES);
            splitBlock(x, xo + 2 * k, even, eo + k, odd, oo + k);
        }
    }

    @Override
    public void rowProducts(float[] y, int yo, float[] x, int xo, int[] tapColumns, int taps, float[] acc, int ao, int n) {
        for (int j = 0; j < n; j += LANES) {
            if (j + LANES <= n) {
                FloatVector yv = FloatVector.fromArray(SPECIES, y, yo + j);
                for (int t = 0; t < taps; t++) {
                    int a = ao + t * n + j;
                    FloatVector.fromArray(SPECIES, x, xo + tapColumns[t] + j)
                            .fma(yv, FloatVector.fromArray(SPECIES, acc, a)).intoArray(acc, a);
                }
            } else { // the tail under a mask: the lanes past n are neither read nor written
                VectorMask<Float> m = SPECIES.indexInRange(j, n);
                FloatVector yv = FloatVector.fromArray(SPECIES, y, yo + j, m);
                for (int t = 0; t < taps; t++) {
                    int a = ao + t * n + j;
                    FloatVector.fromArray(SPECIES, x, xo + tapColumns[t] + j, m)
                            .fma(yv, FloatVector.fromArray(SPECIES, acc, a, m)).intoArray(acc, a, m);
                }
            }
        }
    }

    @Override
    public void convColumnRows(float[] x, int[] tapStarts, int taps, int pitch, int rows, float[] w, int wo, int wStride,
                               int channels, float[] out, int oo, int outStride, int n) {
        if (n < LANES) {
            VectorOps.super.convColumnRows(x, tapStarts, taps, pitch, rows, w, wo, wStride, channels, out, oo, outStride, n);
            return;
        }
        if (QUAD_COLUMNS && channels >= 6) { // first256: 8 × 2 blocks spill 16 registers
            PanamaQuadColumns.rows(x, tapStarts, taps, pitch, rows, w, wo, wStride, channels, out, oo, outStride, n);
            return;
        }
        // the column blocks take row r's shift as part of j: x at tapStarts[k] + r·pitch + j, out at oo + r·n + j
        for (int r = 0; r < rows; r++) {
            int shift = r * pitch;
            int o = oo + r * n - shift;
            int last = n - LANES + shift;
            if (channels >= 6) {
                for (int co = 0; co < channels; co += 8) {
                    for (int j = 0; j < n; j += 2 * LANES) {
                        if (n - j <= LANES) {
                            columns8x1(x, tapStarts, taps, w, wo, wStride, channels, out, o, outStride, co, j + shift, last);
                        } else {
                            columns8x2(x, tapStarts, taps, w, wo, wStride, channels, out, o, outStride, co, j + shift, last);
                        }
                    }
                }
            } else {
                for (int co = 0; co < channels; co += 2) {
                    for (int j = 0; j < n; j += 4 * LANES) {
                        columns2x4(x, tapStarts, taps, w, wo, wStride, channels, out, o, outStride, co, j + shift, last);
                    }
                }
            }
        }
    }

    // convsmall4: the weight gradient over a dense tap layout

    /** Zeros then ones: LANES floats from offset t keep a vector's last t lanes. */
    private static final float[] KEEP_LAST = new float[2 * LANES];

    static {
        java.util.Arrays.fill(KEEP_LAST, LANES, 2 * LANES, 1f);
    }

    @Override
    public void tapProducts(float[] y, int[] yStarts, int yStride, int channels, float[] x, int[] xStarts,
                            int images, int[] tapStarts, int taps, float[] acc, int ao, int n) {
        if (n < LANES) {
            VectorOps.super.tapProducts(y, yStarts, yStride, channels, x, xStarts, images, tapStarts, taps, acc, ao, n);
            return;
        }
        float[] lanes = TAP_LANES.floats(16 * LANES); // zero between blocks: sumLanesPairwise clears what it read
        for (int c0 = 0; c0 < channels; c0 += 4) {
            for (int k0 = 0; k0 < taps; k0 += 4) {
                tapProducts4x4(y, yStarts, yStride, channels, x, xStarts, images, tapStarts, taps, n, c0, k0, lanes, 0, 4);
                for (int c = 0; c < Math.min(4, channels - c0); c++) {
                    for (int k = 0; k < Math.min(4, taps - k0); k++) {
                        acc[ao + (c0 + c) * taps + k0 + k] += sumLanesPairwise(lanes, (4 * c + k) * LANES);
                    }
                }
            }
        }
    }

    /**
     * 4 channels × 4 taps (a block past the last channel or tap repeats it and is not stored). Whole
     * vectors first, then the last vector moved back to n - LANES with the lanes already summed zeroed in y
     * (all of them when n is a whole number of vectors: no branch and no mask, whose deoptimizations
     * recompiled this method with boxed vectors, 15x slower). An image a call of {@link #tapImage4x4}: one
     * call here is a whole batch, so a loop over the images in this method was compiled on stack first
     * (jit27: a 122 kB on-stack compile of 2.3 s under load, then the normal one of 19 kB); an image's
     * method is compiled by its call count. The sums go through {@code part} between images, in the same
     * order, so the same bits.
     */
    private static void tapProducts4x4(float[] y, int[] yStarts, int yStride, int channels, float[] x, int[] xStarts,
                                       int images, int[] tapStarts, int taps, int n, int c0, int k0,
                                       float[] lanes, int lo, int rowStride) {
        int t0 = tapStarts[k0];
        int t1 = tapStarts[Math.min(k0 + 1, taps - 1)];
        int t2 = tapStarts[Math.min(k0 + 2, taps - 1)];
        int t3 = tapStarts[Math.min(k0 + 3, taps - 1)];
        int c1 = Math.min(c0 + 1, channels - 1) * yStride;
        int c2 = Math.min(c0 + 2, channels - 1) * yStride;
        int c3 = Math.min(c0 + 3, channels - 1) * yStride;
        float[] part = TAP_PART.floats(16 * LANES);
        java.util.Arrays.fill(part, 0, 16 * LANES, 0f);
        for (int i = 0; i < images; i++) {
            int xb = xStarts[i];
            int ys = yStarts[i];
            tapImage4x4(y, ys + c0 * yStride, ys + c1, ys + c2, ys + c3, x, xb + t0, xb + t1, xb + t2, xb + t3, n, part);
        }
        for (int q = 0; q < 16; q++) { // channel q / 4, tap q % 4: the block's sums added to their slots
            int at = lo + ((q >> 2) * rowStride + (q & 3)) * LANES;
            FloatVector.fromArray(SPECIES, part, q * LANES).add(FloatVector.fromArray(SPECIES, lanes, at)).intoArray(lanes, at);
        }
    }

    /**
     * One image of {@link #tapProducts4x4}: the 4 × 4 sums in {@code part[(4·c + k)·LANES]}, carried on from
     * there (y's rows from {@code y0s..y3s}, the taps' columns from {@code x0s..x3s}).
     */
    private static void tapImage4x4(float[] y, int y0s, int y1s, int y2s, int y3s, float[] x, int x0s, int x1s,
                                    int x2s, int x3s, int n, float[] part) {
        int whole = n - n % LANES;
        int at = n - LANES;
        FloatVector keep = FloatVector.fromArray(SPECIES, KEEP_LAST, n % LANES);
        FloatVector a00 = FloatVector.fromArray(SPECIES, part, 0 * LANES);
        FloatVector a01 = FloatVector.fromArray(SPECIES, part, 1 * LANES);
        FloatVector a02 = FloatVector.fromArray(SPECIES, part, 2 * LANES);
        FloatVector a03 = FloatVector.fromArray(SPECIES, part, 3 * LANES);
        FloatVector a10 = FloatVector.fromArray(SPECIES, part, 4 * LANES);
        FloatVector a11 = FloatVector.fromArray(SPECIES, part, 5 * LANES);
        FloatVector a12 = FloatVector.fromArray(SPECIES, part, 6 * LANES);
        FloatVector a13 = FloatVector.fromArray(SPECIES, part, 7 * LANES);
        FloatVector a20 = FloatVector.fromArray(SPECIES, part, 8 * LANES);
        FloatVector a21 = FloatVector.fromArray(SPECIES, part, 9 * LANES);
        FloatVector a22 = FloatVector.fromArray(SPECIES, part, 10 * LANES);
        FloatVector a23 = FloatVector.fromArray(SPECIES, part, 11 * LANES);
        FloatVector a30 = FloatVector.fromArray(SPECIES, part, 12 * LANES);
        FloatVector a31 = FloatVector.fromArray(SPECIES, part, 13 * LANES);
        FloatVector a32 = FloatVector.fromArray(SPECIES, part, 14 * LANES);
        FloatVector a33 = FloatVector.fromArray(SPECIES, part, 15 * LANES);
        for (int j = 0; j < whole; j += LANES) {
            FloatVector y0 = FloatVector.fromArray(SPECIES, y, y0s + j);
            FloatVector y1 = FloatVector.fromArray(SPECIES, y, y1s + j);
            FloatVector y2 = FloatVector.fromArray(SPECIES, y, y2s + j);
            FloatVector y3 = FloatVector.fromArray(SPECIES, y, y3s + j);
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, x0s + j);
            a00 = y0.fma(x0, a00);
            a10 = y1.fma(x0, a10);
            a20 = y2.fma(x0, a20);
            a30 = y3.fma(x0, a30);
            FloatVector x1 = FloatVector.fromArray(SPECIES, x, x1s + j);
            a01 = y0.fma(x1, a01);
            a11 = y1.fma(x1, a11);
            a21 = y2.fma(x1, a21);
            a31 = y3.fma(x1, a31);
            FloatVector x2 = FloatVector.fromArray(SPECIES, x, x2s + j);
            a02 = y0.fma(x2, a02);
            a12 = y1.fma(x2, a12);
            a22 = y2.fma(x2, a22);
            a32 = y3.fma(x2, a32);
            FloatVector x3 = FloatVector.fromArray(SPECIES, x, x3s + j);
            a03 = y0.fma(x3, a03);
            a13 = y1.fma(x3, a13);
            a23 = y2.fma(x3, a23);
            a33 = y3.fma(x3, a33);
        }
        {
            FloatVector y0 = FloatVector.fromArray(SPECIES, y, y0s + at).mul(keep);
            FloatVector y1 = FloatVector.fromArray(SPECIES, y, y1s + at).mul(keep);
            FloatVector y2 = FloatVector.fromArray(SPECIES, y, y2s + at).mul(keep);
            FloatVector y3 = FloatVector.fromArray(SPECIES, y, y3s + at).mul(keep);
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, x0s + at);
            a00 = y0.fma(x0, a00);
            a10 = y1.fma(x0, a10);
            a20 = y2.fma(x0, a20);
            a30 = y3.fma(x0, a30);
            FloatVector x1 = FloatVector.fromArray(SPECIES, x, x1s + at);
            a01 = y0.fma(x1, a01);
            a11 = y1.fma(x1, a11);
            a21 = y2.fma(x1, a21);
            a31 = y3.fma(x1, a31);
            FloatVector x2 = FloatVector.fromArray(SPECIES, x, x2s + at);
            a02 = y0.fma(x2, a02);
            a12 = y1.fma(x2, a12);
            a22 = y2.fma(x2, a22);
            a32 = y3.fma(x2, a32);
            FloatVector x3 = FloatVector.fromArray(SPECIES, x, x3s + at);
            a03 = y0.fma(x3, a03);
            a13 = y1.fma(x3, a13);
            a23 = y2.fma(x3, a23);
            a33 = y3.fma(x3, a33);
        }
        a00.intoArray(part, 0 * LANES);
        a01.intoArray(part, 1 * LANES);
        a02.intoArray(part, 2 * LANES);
        a03.intoArray(part, 3 * LANES);
        a10.intoArray(part, 4 * LANES);
        a11.intoArray(part, 5 * LANES);
        a12.intoArray(part, 6 * LANES);
        a13.intoArray(part, 7 * LANES);
        a20.intoArray(part, 8 * LANES);
        a21.intoArray(part, 9 * LANES);
        a22.intoArray(part, 10 * LANES);
        a23.intoArray(part, 11 * LANES);
        a30.intoArray(part, 12 * LANES);
        a31.intoArray(part, 13 * LANES);
        a32.intoArray(part, 14 * LANES);
        a33.intoArray(part, 15 * LANES);
    }

    private static final ThreadScratch TAP_LANES = new ThreadScratch();
    private static final ThreadScratch TAP_PART = new ThreadScratch();

    /** The lanes at {@code lanes[o..o+LANES)} added in {@link #addLanesPairwise}'s order, left zero. */
    private static float sumLanesPairwise(float[] lanes, int o) {
        for (int step = LANES / 2; step >= 1; step /= 2) {
            for (int i = 0; i < step; i++) {
                lanes[o + i] += lanes[o + i + step];
                lanes[o + i + step] = 0f;
            }
        }
        float sum = lanes[o];
        lanes[o] = 0f;
        return sum;
    }

    // dwconv4: depthwise rows that all read the same kernel rows, without a branch per weight

    @Override
    public void convRowsDirect(float[] x, int x0, int qStep, int kStep, int kernelRows, int kw, int[] tapColumns,
                               float[] w, int wo, float[] out, int o0, int outWidth, int rows, int n) {
        // every accumulator is updated on every tap (no merge of vectors after a branch, which C2 may box);
        // column blocks past the row's end are moved back as in convRowBlock (same bits for the overlap)
        if (n >= LANES) {
            for (int j = 0; j < n; j += 2 * LANES) {
                int j0 = Math.min(j, n - LANES);
                int j1 = Math.min(j + LANES, n - LANES);
                if (rows == 4) {
                    rows4x2(x, x0, qStep, kStep, kernelRows, kw, tapColumns, w, wo, out, o0, outWidth, j0, j1);
                } else {
                    for (int q = 0; q < rows; q++) {
                        rows1x2(x, x0 + q * qStep, kStep, kernelRows, kw, tapColumns, w, wo, out, o0 + q * outWidth, j0, j1);
                    }
                }
            }
        } else if (n >= HALF.length()) {
            int half = HALF.length();
            for (int q = 0; q < rows; q++) {
                for (int j = 0; j < n; j += half) {
                    rows1Half(x, x0 + q * qStep, kStep, kernelRows, kw, tapColumns, w, wo, out, o0 + q * outWidth,
                            Math.min(j, n - half));
                }
            }
        } else {
            VectorOps.super.convRowsDirect(x, x0, qStep, kStep, kernelRows, kw, tapColumns, w, wo, out, o0, outWidth, rows, n);
        }
    }

    private static void rows4x2(float[] x, int x0, int qStep, int kStep, int kernelRows, int kw, int[] tapColumns,
                                float[] w, int wo, float[] out, int o0, int outWidth, int j0, int j1) {
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = FloatVector.zero(SPECIES);
        FloatVector a10 = FloatVector.zero(SPECIES);
        FloatVector a11 = FloatVector.zero(SPECIES);
        FloatVector a20 = FloatVector.zero(SPECIES);
        FloatVector a21 = FloatVector.zero(SPECIES);
        FloatVector a30 = FloatVector.zero(SPECIES);
        FloatVector a31 = FloatVector.zero(SPECIES);
        for (int k = 0; k < kernelRows; k++) {
            int r0 = x0 + k * kStep;
            int r1 = r0 + qStep;
            int r2 = r1 + qStep;
            int r3 = r2 + qStep;
            int wk = wo + k * kw;
            for (int t = 0; t < kw; t++) {
                FloatVector b = FloatVector.broadcast(SPECIES, w[wk + t]);
                int c = tapColumns[t];
                a00 = FloatVector.fromArray(SPECIES, x, r0 + c + j0).fma(b, a00);
                a01 = FloatVector.fromArray(SPECIES, x, r0 + c + j1).fma(b, a01);
                a10 = FloatVector.fromArray(SPECIES, x, r1 + c + j0).fma(b, a10);
                a11 = FloatVector.fromArray(SPECIES, x, r1 + c + j1).fma(b, a11);
                a20 = FloatVector.fromArray(SPECIES, x, r2 + c + j0).fma(b, a20);
                a21 = FloatVector.fromArray(SPECIES, x, r2 + c + j1).fma(b, a21);
                a30 = FloatVector.fromArray(SPECIES, x, r3 + c + j0).fma(b, a30);
                a31 = FloatVector.fromArray(SPECIES, x, r3 + c + j1).fma(b, a31);
            }
        }
        a00.intoArray(out, o0 + j0);
        a01.intoArray(out, o0 + j1);
        a10.intoArray(out, o0 + outWidth + j0);
        a11.intoArray(out, o0 + outWidth + j1);
        a20.intoArray(out, o0 + 2 * outWidth + j0);
        a21.intoArray(out, o0 + 2 * outWidth + j1);
        a30.intoArray(out, o0 + 3 * outWidth + j0);
        a31.intoArray(out, o0 + 3 * outWidth + j1);
    }

    private static void rows1x2(float[] x, int x0, int kStep, int kernelRows, int kw, int[] tapColumns,
                                float[] w, int wo, float[] out, int o0, int j0, int j1) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = FloatVector.zero(SPECIES);
        for (int k = 0; k < kernelRows; k++) {
            int r = x0 + k * kStep;
            int wk = wo + k * kw;
            for (int t = 0; t < kw; t++) {
                FloatVector b = FloatVector.broadcast(SPECIES, w[wk + t]);
                int c = r + tapColumns[t];
                a0 = FloatVector.fromArray(SPECIES, x, c + j0).fma(b, a0);
                a1 = FloatVector.fromArray(SPECIES, x, c + j1).fma(b, a1);
            }
        }
        a0.intoArray(out, o0 + j0);
        a1.intoArray(out, o0 + j1);
    }

    private static void rows1Half(float[] x, int x0, int kStep, int kernelRows, int kw, int[] tapColumns,
                                  float[] w, int wo, float[] out, int o0, int j0) {
        FloatVector a0 = FloatVector.zero(HALF);
        for (int k = 0; k < kernelRows; k++) {
            int r = x0 + k * kStep + j0;
            int wk = wo + k * kw;
            for (int t = 0; t < kw; t++) {
                a0 = FloatVector.fromArray(HALF, x, r + tapColumns[t]).fma(FloatVector.broadcast(HALF, w[wk + t]), a0);
            }
        }
        a0.intoArray(out, o0 + j0);
    }

    // wino23: Winograd F(2, 3)'s transforms, the same operations in the same order as VectorOps' scalar ones

    @Override
    public void winograd2Input(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector d0 = FloatVector.fromArray(SPECIES, in, x + i);
            FloatVector d1 = FloatVector.fromArray(SPECIES, in, x + inStep + i);
            FloatVector d2 = FloatVector.fromArray(SPECIES, in, x + 2 * inStep + i);
            FloatVector d3 = FloatVector.fromArray(SPECIES, in, x + 3 * inStep + i);
            d0.sub(d2).intoArray(out, o + i);
            d1.add(d2).intoArray(out, o + outStep + i);
            d2.sub(d1).intoArray(out, o + 2 * outStep + i);
            d1.sub(d3).intoArray(out, o + 3 * outStep + i);
        }
        for (; i < n; i++) {
            VectorOps.winograd2InputAt(in, x + i, inStep, out, o + i, outStep);
        }
    }

    @Override
    public void winograd2Output(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector m0 = FloatVector.fromArray(SPECIES, in, x + i);
            FloatVector m1 = FloatVector.fromArray(SPECIES, in, x + inStep + i);
            FloatVector m2 = FloatVector.fromArray(SPECIES, in, x + 2 * inStep + i);
            FloatVector m3 = FloatVector.fromArray(SPECIES, in, x + 3 * inStep + i);
            m0.add(m1).add(m2).intoArray(out, o + i);
            m1.sub(m2).sub(m3).intoArray(out, o + outStep + i);
        }
        for (; i < n; i++) {
            VectorOps.winograd2OutputAt(in, x + i, inStep, out, o + i, outStep);
        }
    }

    // lenet5: the weight gradient's tap products into vector partial sums

    @Override
    public int tapLanes() {
        return LANES;
    }

    @Override
    public void tapProductLanes(float[] y, int[] yStarts, int yStride, int channels, float[] x, int[] xStarts,
                                int images, int[] tapStarts, int taps, float[] acc, int ao, int n) {
        if (n < LANES) {
            VectorOps.super.tapProductLanes(y, yStarts, yStride, channels, x, xStarts, images, tapStarts, taps, acc, ao, n);
            return;
        }
        int rowStride = (taps + 3) / 4 * 4;
        for (int c0 = 0; c0 < channels; c0 += 4) {
            for (int k0 = 0; k0 < taps; k0 += 4) {
                tapProducts4x4(y, yStarts, yStride, channels, x, xStarts, images, tapStarts, taps, n, c0, k0,
                        acc, ao + (c0 * rowStride + k0) * LANES, rowStride);
            }
        }
    }

    // pool7: vectors C2 can type exactly, whatever else ran in the JVM.
    //
    // A vector carried around a loop (a sum, a running maximum) has only its declared type, FloatVector,
    // where C2 parses the loop. FloatVector's final shortcuts (add, intoArray, ...) call the species'
    // methods virtually from the JDK's own bytecode, whose type profile every caller in the JVM shares:
    // once the 512-bit and the 256-bit (HALF) float vectors had both gone through it, C2 inlined both
    // classes there, merged their results and boxed every vector (avg3s1p1's forward allocated 90.81 MB
    // a call after avg2s2 had run). So the pool kernels call lanewise and blend, whose virtual call is
    // their own bytecode (one class each), and store only vectors returned by such a call: a blend with
    // no lane selected, one helper per class, so that each helper's own call site sees one class.

    private static final VectorMask<Float> NO_FLOAT_LANES = SPECIES.maskAll(false);
    private static final VectorMask<Float> NO_HALF_FLOAT_LANES = HALF.maskAll(false);
    private static final VectorMask<Integer> NO_INT_LANES = INT_SPECIES.maskAll(false);
    private static final VectorMask<Integer> NO_HALF_INT_LANES = HALF_INT.maskAll(false);

    /** {@code v} itself (a {@link #SPECIES} vector), typed exactly for the JDK code it is passed to. */
    private static FloatVector exactFloats(FloatVector v) {
        return v.blend(v, NO_FLOAT_LANES);
    }

    /** {@code v} itself (a {@link #HALF} vector), typed exactly. */
    private static FloatVector exactHalfFloats(FloatVector v) {
        return v.blend(v, NO_HALF_FLOAT_LANES);
    }

    /** {@code v} itself (an {@link #INT_SPECIES} vector), typed exactly. */
    private static IntVector exactInts(IntVector v) {
        return v.blend(v, NO_INT_LANES);
    }

    /** {@code v} itself (a {@link #HALF_INT} vector), typed exactly. */
    private static IntVector exactHalfInts(IntVector v) {
        return v.blend(v, NO_HALF_INT_LANES);
    }

    // small6: first layers with the response channels in the lanes

    @Override
    public int channelLanes() {
        return LANES;
    }

    @Override
    public void convChannelLanes(float[] x, int xo, int[] inStarts, int[] outStarts, int segments, int segment,
                                 int width, int[] tapStarts, int taps, int kernelWidth, float[] wT, int wo,
                                 int wStride, int channels, float[] out, int oo, int outStride) {
        PanamaLaneCorrelate.correlate(x, xo, inStarts, outStarts, segments, segment, width, tapStarts, taps,
                kernelWidth, wT, wo, wStride, channels, out, oo, outStride);
    }

    // dw15: unit-stride depthwise rows narrower than a vector (dw5x5-14's 14 columns took two half vectors a row,
    // 16 floats of work for 14, and 17's C2 boxed the half vectors)

    private static final ThreadScratch NARROW_ROWS = new ThreadScratch();

    /** Per-thread kernel row offsets of {@link #depthwiseRows}' unit-stride rows under a vector. */
    private static final ThreadScratch NARROW_TAPS = new ThreadScratch();

    /**
     * {@link #depthwiseRows} at stride 1 with rows under a vector, on {@link #narrowRows}: kernel row kh at
     * kh·rowLength.
     */
    private static void narrowUnitRows(float[] x, int x0, int rowLength, int[] tapColumns, int k, float[] w, int wo,
                                       float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        int[] kernelRows = NARROW_TAPS.ints(k);
        for (int kh = 0; kh < k; kh++) {
            kernelRows[kh] = kh * rowLength;
        }
        narrowRows(x, x0 + rowFrom * rowLength, rowLength, kernelRows, tapColumns, k, w, wo, out,
                o0 + rowFrom * outWidth, outWidth, rowTo - rowFrom);
    }

    /**
     * {@code rows} depthwise output rows under a vector, rows {@code rowStep} apart in {@code x} and tap (kh, t) at
     * {@code kernelRows[kh] + tapColumns[t]} from each: the input read as one flat run, so a vector spans several
     * rows. Flat position v (from {@code x[x0]}) is output (v / rowStep, v % rowStep), summed over those taps,
     * kh then t, from zero; columns at or past outWidth are the padded row's wrap-around, computed and dropped
     * (outWidth / rowStep of the work is kept: 14 of 18 for dw5x5-14, 14 of 15 for dw3x3-s2-28's phase planes). The
     * run goes to a per-thread buffer in vector blocks (the last moved back: its overlap summed in the same order,
     * the same bits), then its rows to {@code out[o0]}. Needs a run of at least a vector.
     */
    private static void narrowRows(float[] x, int x0, int rowStep, int[] kernelRows, int[] tapColumns, int k,
                                   float[] w, int wo, float[] out, int o0, int outWidth, int rows) {
        int span = (rows - 1) * rowStep + outWidth;
        float[] flat = NARROW_ROWS.floats(span + LANES); // + LANES: each row moved out by one full load
        if (k == 3) {
            narrow3(x, x0, kernelRows, tapColumns, w, wo, flat, span);
        } else {
            narrow5(x, x0, kernelRows, tapColumns, w, wo, flat, span);
        }
        // rows out in order by full vectors, each overrunning into the next row, which the next store rewrites;
        // the rows whose vector would pass the last output (another task's plane) one float at a time
        int r = 0;
        for (; r * outWidth + LANES <= rows * outWidth; r++) {
            FloatVector.fromArray(SPECIES, flat, r * rowStep).intoArray(out, o0 + r * outWidth);
        }
        for (; r < rows; r++) {
            for (int c = 0; c < outWidth; c++) {
                out[o0 + r * outWidth + c] = flat[r * rowStep + c];
            }
        }
    }

    /**
     * {@link #narrowRows}' flat run of a 3×3 kernel from {@code x[x0]} into {@code flat[0, span)}: four vectors
     * at a time while whole, then one at a time, the last moved back (dws2b21: four moved back recomputed up to
     * three vectors, a third of dw3x3-s2-21's 131-float run); per kernel row its 3 taps written out (JDK 17's C2 boxed the sums of a loop over the taps inside the
     * loop over the rows; all 9 taps written out for four vectors made a method C1 gave up on and C2 took
     * seconds to reach).
     */
    private static void narrow3(float[] x, int x0, int[] kernelRows, int[] tapColumns, float[] w, int wo, float[] flat,
                                int span) {
        int c0 = tapColumns[0];
        int c1 = tapColumns[1];
        int c2 = tapColumns[2];
        FloatVector zero = FloatVector.zero(SPECIES);
        int v = 0;
        for (; v + 4 * LANES <= span; v += 4 * LANES) { // blocks of four while whole (a loop C2 bounds once)
            FloatVector a0 = zero;
            FloatVector a1 = zero;
            FloatVector a2 = zero;
            FloatVector a3 = zero;
            for (int kh = 0; kh < 3; kh++) {
                int b = x0 + v + kernelRows[kh];
                int wk = wo + kh * 3;
                FloatVector w0 = FloatVector.broadcast(SPECIES, w[wk + 0]);
                a0 = FloatVector.fromArray(SPECIES, x, b + c0).fma(w0, a0);
                a1 = FloatVector.fromArray(SPECIES, x, b + c0 + LANES).fma(w0, a1);
                a2 = FloatVector.fromArray(SPECIES, x, b + c0 + 2 * LANES).fma(w0, a2);
                a3 = FloatVector.fromArray(SPECIES, x, b + c0 + 3 * LANES).fma(w0, a3);
                FloatVector w1 = FloatVector.broadcast(SPECIES, w[wk + 1]);
                a0 = FloatVector.fromArray(SPECIES, x, b + c1).fma(w1, a0);
                a1 = FloatVector.fromArray(SPECIES, x, b + c1 + LANES).fma(w1, a1);
                a2 = FloatVector.fromArray(SPECIES, x, b + c1 + 2 * LANES).fma(w1, a2);
                a3 = FloatVector.fromArray(SPECIES, x, b + c1 + 3 * LANES).fma(w1, a3);
                FloatVector w2 = FloatVector.broadcast(SPECIES, w[wk + 2]);
                a0 = FloatVector.fromArray(SPECIES, x, b + c2).fma(w2, a0);
                a1 = FloatVector.fromArray(SPECIES, x, b + c2 + LANES).fma(w2, a1);
                a2 = FloatVector.fromArray(SPECIES, x, b + c2 + 2 * LANES).fma(w2, a2);
                a3 = FloatVector.fromArray(SPECIES, x, b + c2 + 3 * LANES).fma(w2, a3);
            }
            a0.intoArray(flat, v);
            a1.intoArray(flat, v + LANES);
            a2.intoArray(flat, v + 2 * LANES);
            a3.intoArray(flat, v + 3 * LANES);
        }
        for (int step = v; step < span; step += LANES) { // the rest a vector at a time, the last moved back
            int at = Math.min(step, span - LANES);
            FloatVector a0 = zero;
            for (int kh = 0; kh < 3; kh++) {
                int b = x0 + at + kernelRows[kh];
                int wk = wo + kh * 3;
                a0 = FloatVector.fromArray(SPECIES, x, b + c0).fma(FloatVector.broadcast(SPECIES, w[wk + 0]), a0);
                a0 = FloatVector.fromArray(SPECIES, x, b + c1).fma(FloatVector.broadcast(SPECIES, w[wk + 1]), a0);
                a0 = FloatVector.fromArray(SPECIES, x, b + c2).fma(FloatVector.broadcast(SPECIES, w[wk + 2]), a0);
            }
            a0.intoArray(flat, at);
        }
    }

    /**
     * {@link #narrowRows}' flat run of a 5×5 kernel from {@code x[x0]} into {@code flat[0, span)}: four vectors
     * at a time while whole, then one at a time, the last moved back (dws2b21: four moved back recomputed up to
     * three vectors, a third of dw3x3-s2-21's 131-float run); per kernel row its 5 taps written out (JDK 17's C2 boxed the sums of a loop over the taps inside the
     * loop over the rows; all 25 taps written out for four vectors made a method C1 gave up on and C2 took
     * seconds to reach).
     */
    private static void narrow5(float[] x, int x0, int[] kernelRows, int[] tapColumns, float[] w, int wo, float[] flat,
                                int span) {
        int c0 = tapColumns[0];
        int c1 = tapColumns[1];
        int c2 = tapColumns[2];
        int c3 = tapColumns[3];
        int c4 = tapColumns[4];
        FloatVector zero = FloatVector.zero(SPECIES);
        int v = 0;
        for (; v + 4 * LANES <= span; v += 4 * LANES) { // blocks of four while whole (a loop C2 bounds once)
            FloatVector a0 = zero;
            FloatVector a1 = zero;
            FloatVector a2 = zero;
            FloatVector a3 = zero;
            for (int kh = 0; kh < 5; kh++) {
                int b = x0 + v + kernelRows[kh];
                int wk = wo + kh * 5;
                FloatVector w0 = FloatVector.broadcast(SPECIES, w[wk + 0]);
                a0 = FloatVector.fromArray(SPECIES, x, b + c0).fma(w0, a0);
                a1 = FloatVector.fromArray(SPECIES, x, b + c0 + LANES).fma(w0, a1);
                a2 = FloatVector.fromArray(SPECIES, x, b + c0 + 2 * LANES).fma(w0, a2);
                a3 = FloatVector.fromArray(SPECIES, x, b + c0 + 3 * LANES).fma(w0, a3);
                FloatVector w1 = FloatVector.broadcast(SPECIES, w[wk + 1]);
                a0 = FloatVector.fromArray(SPECIES, x, b + c1).fma(w1, a0);
                a1 = FloatVector.fromArray(SPECIES, x, b + c1 + LANES).fma(w1, a1);
                a2 = FloatVector.fromArray(SPECIES, x, b + c1 + 2 * LANES).fma(w1, a2);
                a3 = FloatVector.fromArray(SPECIES, x, b + c1 + 3 * LANES).fma(w1, a3);
                FloatVector w2 = FloatVector.broadcast(SPECIES, w[wk + 2]);
                a0 = FloatVector.fromArray(SPECIES, x, b + c2).fma(w2, a0);
                a1 = FloatVector.fromArray(SPECIES, x, b + c2 + LANES).fma(w2, a1);
                a2 = FloatVector.fromArray(SPECIES, x, b + c2 + 2 * LANES).fma(w2, a2);
                a3 = FloatVector.fromArray(SPECIES, x, b + c2 + 3 * LANES).fma(w2, a3);
                FloatVector w3 = FloatVector.broadcast(SPECIES, w[wk + 3]);
                a0 = FloatVector.fromArray(SPECIES, x, b + c3).fma(w3, a0);
                a1 = FloatVector.fromArray(SPECIES, x, b + c3 + LANES).fma(w3, a1);
                a2 = FloatVector.fromArray(SPECIES, x, b + c3 + 2 * LANES).fma(w3, a2);
                a3 = FloatVector.fromArray(SPECIES, x, b + c3 + 3 * LANES).fma(w3, a3);
                FloatVector w4 = FloatVector.broadcast(SPECIES, w[wk + 4]);
                a0 = FloatVector.fromArray(SPECIES, x, b + c4).fma(w4, a0);
                a1 = FloatVector.fromArray(SPECIES, x, b + c4 + LANES).fma(w4, a1);
                a2 = FloatVector.fromArray(SPECIES, x, b + c4 + 2 * LANES).fma(w4, a2);
                a3 = FloatVector.fromArray(SPECIES, x, b + c4 + 3 * LANES).fma(w4, a3);
            }
            a0.intoArray(flat, v);
            a1.intoArray(flat, v + LANES);
            a2.intoArray(flat, v + 2 * LANES);
            a3.intoArray(flat, v + 3 * LANES);
        }
        for (int step = v; step < span; step += LANES) { // the rest a vector at a time, the last moved back
            int at = Math.min(step, span - LANES);
            FloatVector a0 = zero;
            for (int kh = 0; kh < 5; kh++) {
                int b = x0 + at + kernelRows[kh];
                int wk = wo + kh * 5;
                a0 = FloatVector.fromArray(SPECIES, x, b + c0).fma(FloatVector.broadcast(SPECIES, w[wk + 0]), a0);
                a0 = FloatVector.fromArray(SPECIES, x, b + c1).fma(FloatVector.broadcast(SPECIES, w[wk + 1]), a0);
                a0 = FloatVector.fromArray(SPECIES, x, b + c2).fma(FloatVector.broadcast(SPECIES, w[wk + 2]), a0);
                a0 = FloatVector.fromArray(SPECIES, x, b + c3).fma(FloatVector.broadcast(SPECIES, w[wk + 3]), a0);
                a0 = FloatVector.fromArray(SPECIES, x, b + c4).fma(FloatVector.broadcast(SPECIES, w[wk + 4]), a0);
            }
            a0.intoArray(flat, at);
        }
    }

    // dw6: depthwise 3x3 and 5x5 planes, stride 1 or 2: each input row loaded once per column strip and
    // multiplied into every output row that reads it, those rows' sums held in registers (rolling down the plane)

        @Override
    public int depthwiseRowsMinWidth(int stride) {
        return stride == 1 ? 1 : LANES; // unit stride: rows under a vector by narrowRows
    }

    @Override
    public void depthwiseRows(float[] x, int x0, int rowLength, int[] tapColumns, int k, int stride, float[] w,
                              int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        if (stride == 1 && (k == 3 || k == 5) && outWidth < LANES && (rowTo - rowFrom - 1) * rowLength + outWidth >= LANES) {
            narrowUnitRows(x, x0, rowLength, tapColumns, k, w, wo, out, o0, outWidth, rowFrom, rowTo);
            return;
        }
        if (outWidth < LANES || k != 3 && k != 5 || stride != 1 && stride != 2) {
            VectorOps.super.depthwiseRows(x, x0, rowLength, tapColumns, k, stride, w, wo, out, o0, outWidth, rowFrom, rowTo);
            return;
        }
        // 3x3: two strips of a vector each (for independent sums in flight); 5x5: the same strips one at a time
        // (their sums and weights fill the registers). The last pair moved back to end at the row's end (outputs
        // computed twice get the same bits: each is summed in the same order)
        for (int j = 0; j < outWidth; j += 2 * LANES) {
            int j0 = Math.min(j, outWidth - LANES);
            int j1 = Math.min(j + LANES, outWidth - LANES);
            if (k == 3) {
                if (stride == 1) {
                    rolling3s1(x, x0, rowLength, tapColumns[0], tapColumns[1], tapColumns[2], w, wo, out, o0, outWidth,
                            rowFrom, rowTo, j0, j1);
                } else {
                    rolling3s2(x, x0, rowLength, tapColumns[0], tapColumns[1], tapColumns[2], w, wo, out, o0, outWidth,
                            rowFrom, rowTo, j0, j1);
                }
            } else if (stride == 1 && PAIRED_5X5 && j1 != j0) {
                rolling5s1Pair(x, x0, rowLength, tapColumns, w, wo, out, o0, outWidth, rowFrom, rowTo, j0, j1);
            } else if (stride == 1) {
                rolling5s1(x, x0, rowLength, tapColumns, w, wo, out, o0, outWidth, rowFrom, rowTo, j0);
                if (j1 != j0) {
                    rolling5s1(x, x0, rowLength, tapColumns, w, wo, out, o0, outWidth, rowFrom, rowTo, j1);
                }
            } else {
                rolling5s2(x, x0, rowLength, tapColumns, w, wo, out, o0, outWidth, rowFrom, rowTo, j0);
                if (j1 != j0) {
                    rolling5s2(x, x0, rowLength, tapColumns, w, wo, out, o0, outWidth, rowFrom, rowTo, j1);
                }
            }
        }
    }

    @Override
    public void depthwiseTapRows(float[] x, int x0, int rowStep, int[] kernelRows, int[] tapColumns, int k, float[] w,
                                 int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        if ((k == 3 || k == 5) && (rowTo - rowFrom - 1) * rowStep + outWidth >= LANES) {
            narrowRows(x, x0 + rowFrom * rowStep, rowStep, kernelRows, tapColumns, k, w, wo, out,
                    o0 + rowFrom * outWidth, outWidth, rowTo - rowFrom);
            return;
        }
        VectorOps.super.depthwiseTapRows(x, x0, rowStep, kernelRows, tapColumns, k, w, wo, out, o0, outWidth, rowFrom,
                rowTo);
    }

    /** 3×3, stride 1: input row i completes output row i-2, continues i-1 and starts i. */
    private static void rolling3s1(float[] x, int x0, int rowLength, int c0, int c1, int c2, float[] w, int wo,
                                   float[] out, int o0, int outWidth, int rowFrom, int rowTo, int j0, int j1) {
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector p1 = zero; // output row i-1 (strip j0), kernel row 0 done
        FloatVector q1 = zero; // the same, strip j1
        FloatVector p2 = zero; // output row i-2, kernel rows 0 and 1 done
        FloatVector q2 = zero;
        for (int i = rowFrom; i < rowTo + 2; i++) {
            int xs = x0 + i * rowLength;
            FloatVector x0v = FloatVector.fromArray(SPECIES, x, xs + c0 + j0);
            FloatVector x1v = FloatVector.fromArray(SPECIES, x, xs + c1 + j0);
            FloatVector x2v = FloatVector.fromArray(SPECIES, x, xs + c2 + j0);
            FloatVector y0v = FloatVector.fromArray(SPECIES, x, xs + c0 + j1);
            FloatVector y1v = FloatVector.fromArray(SPECIES, x, xs + c1 + j1);
            FloatVector y2v = FloatVector.fromArray(SPECIES, x, xs + c2 + j1);
            FloatVector p = x2v.fma(w22, x1v.fma(w21, x0v.fma(w20, p2)));
            FloatVector q = y2v.fma(w22, y1v.fma(w21, y0v.fma(w20, q2)));
            if (i >= rowFrom + 2) {
                int o = o0 + (i - 2) * outWidth;
                p.intoArray(out, o + j0);
                q.intoArray(out, o + j1);
            }
            p2 = x2v.fma(w12, x1v.fma(w11, x0v.fma(w10, p1)));
            q2 = y2v.fma(w12, y1v.fma(w11, y0v.fma(w10, q1)));
            p1 = x2v.fma(w02, x1v.fma(w01, x0v.fma(w00, zero)));
            q1 = y2v.fma(w02, y1v.fma(w01, y0v.fma(w00, zero)));
        }
    }

    // dw24: the unit-stride 3×3 forward read in place (its padded copy was 30 % of dw3x3-17-96's forward)

    /**
     * Whether masked vector loads and stores compile to vector instructions: from JDK 18 (JEP 417). On JDK 17 the
     * depthwise kernels that read planes in place with masks boxed every vector (stop 43: dw3x3-17-96's forward 19.9
     * ms against 0.13 on JDK 25, dw3x3-s2-19-144's 13.5 against 0.23 before dws25), so there they keep the padded
     * copies and phase planes, which need no masks.
     */
    static final boolean MASKED_ACCESS_COMPILED = Runtime.version().feature() >= 18;

    @Override
    public int depthwiseInPlaceMinWidth() {
        return MASKED_ACCESS_COMPILED ? LANES : Integer.MAX_VALUE;
    }

    @Override
    public void depthwiseRows3InPlace(float[] x, int x0, int height, int width, int padTop, int padLeft, float[] w,
                                      int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        if (outWidth < LANES) {
            VectorOps.super.depthwiseRows3InPlace(x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth,
                    rowFrom, rowTo);
            return;
        }
        int padRight = outWidth + 2 - width - padLeft;
        int inside = width - LANES - 2 + padLeft; // the last strip whose reads all fall inside the row
        // four strips pay only where a row needs more than one pair of strips: on rows of 18-32 columns the four
        // overlap and read 1.1-2.1x slower than one masked pair (8x64x24^2 0.120 -> 0.188 ms, 28^2 0.140 -> 0.299)
        boolean quad = outWidth > 2 * LANES && inside >= padLeft;
        // (a pair's rows but the plane's first and last read within their neighbours: padding at most a row a side)
        boolean pair = outWidth <= 2 * LANES && padLeft <= width && padRight <= width;
        if ((quad || pair) && padLeft <= LANES && padRight <= LANES) {
            // dw30: four strips a pass, no masked loads (6 masked loads a row cost 3x the pass's memory traffic):
            // the middle strips inside the row, the outer ones' reads past it blended to zeros, whole-vector loads
            // that stay inside the array; the output rows whose loads would leave it (reading image row 0 of the
            // array's first plane, or the last row of its last plane) in scalar fmas, the same bits. dw48: rows of
            // one or two strips as one blended pair, no masked loads either
            int from = x0 < padLeft ? Math.min(rowTo, Math.max(rowFrom, padTop + 1)) : rowFrom;
            int to = x0 + height * width + padRight > x.length ? Math.max(from, Math.min(rowTo, height - 3 + padTop)) : rowTo;
            inPlaceFma(3, x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, rowFrom, from);
            inPlaceFma(3, x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, to, rowTo);
            if (from < to && !quad) {
                inPlace3s1Pair(x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, from, to, 0,
                        outWidth - LANES);
            } else if (from < to) { // a group's strips cover its columns, the last group moved back
                for (int j = 0; j < outWidth; j += 4 * LANES) {
                    inPlace3s1Quad(x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, from, to,
                            Math.min(j, outWidth - LANES), Math.min(j + LANES, inside),
                            Math.min(j + 2 * LANES, inside), Math.min(j + 3 * LANES, outWidth - LANES));
                }
            }
            return;
        }
        for (int j = 0; j < outWidth; j += 2 * LANES) { // strips paired as depthwiseRows' (the last pair moved back)
            int j0 = Math.min(j, outWidth - LANES);
            int j1 = Math.min(j + LANES, outWidth - LANES);
            inPlace3s1(x, x0, height, width, padTop, j0 - padLeft, j1 - padLeft, w, wo, out, o0, outWidth, rowFrom,
                    rowTo, j0, j1);
        }
    }

    /**
     * Output rows [rowFrom, rowTo) of {@link #depthwiseRows3InPlace} ({@code k} = 3) or
     * {@link #depthwiseRows5InPlace} ({@code k} = 5) in scalar fmas: each output the fma chain of the vector kernels
     * (kernel rows, then taps, in order from zero, the zeros included), so the same bits.
     */
    private static void inPlaceFma(int k, float[] x, int x0, int height, int width, int padTop, int padLeft, float[] w,
                                   int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            for (int j = 0; j < outWidth; j++) {
                float s = 0f;
                for (int kh = 0; kh < k; kh++) {
                    int iy = r + kh - padTop;
                    for (int t = 0; t < k; t++) {
                        int ix = j + t - padLeft;
                        boolean in = iy >= 0 && iy < height && ix >= 0 && ix < width;
                        s = Math.fma(in ? x[x0 + iy * width + ix] : 0f, w[wo + kh * k + t], s);
                    }
                }
                out[o0 + r * outWidth + j] = s;
            }
        }
    }

    /**
     * {@link #rolling3s1} of four strips at output columns {@code s0..s3} reading the image rows in place with
     * whole-vector loads: strips s1 and s2 read inside the row, the lanes of s0 and s3 whose tap column falls outside
     * it are blended to zeros (the loads stay inside {@code x}: the caller checks), rows outside the plane are zero
     * vectors. Each output the same sums in the same order as {@link #inPlace3s1}. Output rows [rowFrom, rowTo).
     */
    private static void inPlace3s1Quad(float[] x, int x0, int height, int width, int padTop, int padLeft, float[] w,
                                       int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo, int s0,
                                       int s1, int s2, int s3) {
        FloatVector lanes = FloatVector.fromArray(SPECIES, LANE_NUMBERS, 0);
        int a0 = s0 - padLeft; // image column of each strip's first tap
        int b0 = s1 - padLeft;
        int c0 = s2 - padLeft;
        int d0 = s3 - padLeft;
        VectorMask<Float> e0 = columnsInside(lanes, a0, width).not(); // lanes read as zeros
        VectorMask<Float> e1 = columnsInside(lanes, a0 + 1, width).not();
        VectorMask<Float> e2 = columnsInside(lanes, a0 + 2, width).not();
        VectorMask<Float> f0 = columnsInside(lanes, d0, width).not();
        VectorMask<Float> f1 = columnsInside(lanes, d0 + 1, width).not();
        VectorMask<Float> f2 = columnsInside(lanes, d0 + 2, width).not();
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector a1 = zero; // output row i-1 of strip s0, kernel row 0 done
        FloatVector b1 = zero;
        FloatVector c1 = zero;
        FloatVector d1 = zero;
        FloatVector a2 = zero; // output row i-2, kernel rows 0 and 1 done
        FloatVector b2 = zero;
        FloatVector c2 = zero;
        FloatVector d2 = zero;
        for (int i = rowFrom; i < rowTo + 2; i++) {
            int iy = i - padTop;
            FloatVector xa0 = zero; // a padding row: zeros, multiplied as the padded copy's
            FloatVector xa1 = zero;
            FloatVector xa2 = zero;
            FloatVector xb0 = zero;
            FloatVector xb1 = zero;
            FloatVector xb2 = zero;
            FloatVector xc0 = zero;
            FloatVector xc1 = zero;
            FloatVector xc2 = zero;
            FloatVector xd0 = zero;
            FloatVector xd1 = zero;
            FloatVector xd2 = zero;
            if (iy >= 0 && iy < height) {
                int xs = x0 + iy * width;
                xa0 = FloatVector.fromArray(SPECIES, x, xs + a0).blend(zero, e0);
                xa1 = FloatVector.fromArray(SPECIES, x, xs + a0 + 1).blend(zero, e1);
                xa2 = FloatVector.fromArray(SPECIES, x, xs + a0 + 2).blend(zero, e2);
                xb0 = FloatVector.fromArray(SPECIES, x, xs + b0);
                xb1 = FloatVector.fromArray(SPECIES, x, xs + b0 + 1);
                xb2 = FloatVector.fromArray(SPECIES, x, xs + b0 + 2);
                xc0 = FloatVector.fromArray(SPECIES, x, xs + c0);
                xc1 = FloatVector.fromArray(SPECIES, x, xs + c0 + 1);
                xc2 = FloatVector.fromArray(SPECIES, x, xs + c0 + 2);
                xd0 = FloatVector.fromArray(SPECIES, x, xs + d0).blend(zero, f0);
                xd1 = FloatVector.fromArray(SPECIES, x, xs + d0 + 1).blend(zero, f1);
                xd2 = FloatVector.fromArray(SPECIES, x, xs + d0 + 2).blend(zero, f2);
            }
            FloatVector pa = xa2.fma(w22, xa1.fma(w21, xa0.fma(w20, a2)));
            FloatVector pb = xb2.fma(w22, xb1.fma(w21, xb0.fma(w20, b2)));
            FloatVector pc = xc2.fma(w22, xc1.fma(w21, xc0.fma(w20, c2)));
            FloatVector pd = xd2.fma(w22, xd1.fma(w21, xd0.fma(w20, d2)));
            if (i >= rowFrom + 2) {
                int o = o0 + (i - 2) * outWidth;
                pa.intoArray(out, o + s0);
                pb.intoArray(out, o + s1);
                pc.intoArray(out, o + s2);
                pd.intoArray(out, o + s3);
            }
            a2 = xa2.fma(w12, xa1.fma(w11, xa0.fma(w10, a1)));
            b2 = xb2.fma(w12, xb1.fma(w11, xb0.fma(w10, b1)));
            c2 = xc2.fma(w12, xc1.fma(w11, xc0.fma(w10, c1)));
            d2 = xd2.fma(w12, xd1.fma(w11, xd0.fma(w10, d1)));
            a1 = xa2.fma(w02, xa1.fma(w01, xa0.fma(w00, zero)));
            b1 = xb2.fma(w02, xb1.fma(w01, xb0.fma(w00, zero)));
            c1 = xc2.fma(w02, xc1.fma(w01, xc0.fma(w00, zero)));
            d1 = xd2.fma(w02, xd1.fma(w01, xd0.fma(w00, zero)));
        }
    }

    /**
     * {@link #inPlace3s1} of the strips at output columns {@code s0} and {@code s1} with whole-vector loads, the lanes
     * whose tap column falls outside the row blended to zeros (at either edge: rows of one or two strips), as
     * {@link #inPlace3s1Quad}'s outer strips (the loads stay inside {@code x}: the caller checks). Each output the
     * same sums in the same order as {@link #inPlace3s1}. Output rows [rowFrom, rowTo).
     */
    private static void inPlace3s1Pair(float[] x, int x0, int height, int width, int padTop, int padLeft, float[] w,
                                       int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo, int s0,
                                       int s1) {
        FloatVector lanes = FloatVector.fromArray(SPECIES, LANE_NUMBERS, 0);
        int a0 = s0 - padLeft; // image column of each strip's first tap
        int b0 = s1 - padLeft;
        VectorMask<Float> e0 = columnsInside(lanes, a0, width).not(); // lanes read as zeros
        VectorMask<Float> e1 = columnsInside(lanes, a0 + 1, width).not();
        VectorMask<Float> e2 = columnsInside(lanes, a0 + 2, width).not();
        VectorMask<Float> f0 = columnsInside(lanes, b0, width).not();
        VectorMask<Float> f1 = columnsInside(lanes, b0 + 1, width).not();
        VectorMask<Float> f2 = columnsInside(lanes, b0 + 2, width).not();
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector a1 = zero; // output row i-1 of strip s0, kernel row 0 done
        FloatVector b1 = zero;
        FloatVector a2 = zero; // output row i-2, kernel rows 0 and 1 done
        FloatVector b2 = zero;
        for (int i = rowFrom; i < rowTo + 2; i++) {
            int iy = i - padTop;
            FloatVector xa0 = zero; // a padding row: zeros, multiplied as the padded copy's
            FloatVector xa1 = zero;
            FloatVector xa2 = zero;
            FloatVector xb0 = zero;
            FloatVector xb1 = zero;
            FloatVector xb2 = zero;
            if (iy >= 0 && iy < height) {
                int xs = x0 + iy * width;
                xa0 = FloatVector.fromArray(SPECIES, x, xs + a0).blend(zero, e0);
                xa1 = FloatVector.fromArray(SPECIES, x, xs + a0 + 1).blend(zero, e1);
                xa2 = FloatVector.fromArray(SPECIES, x, xs + a0 + 2).blend(zero, e2);
                xb0 = FloatVector.fromArray(SPECIES, x, xs + b0).blend(zero, f0);
                xb1 = FloatVector.fromArray(SPECIES, x, xs + b0 + 1).blend(zero, f1);
                xb2 = FloatVector.fromArray(SPECIES, x, xs + b0 + 2).blend(zero, f2);
            }
            FloatVector pa = xa2.fma(w22, xa1.fma(w21, xa0.fma(w20, a2)));
            FloatVector pb = xb2.fma(w22, xb1.fma(w21, xb0.fma(w20, b2)));
            if (i >= rowFrom + 2) {
                int o = o0 + (i - 2) * outWidth;
                pa.intoArray(out, o + s0);
                pb.intoArray(out, o + s1);
            }
            a2 = xa2.fma(w12, xa1.fma(w11, xa0.fma(w10, a1)));
            b2 = xb2.fma(w12, xb1.fma(w11, xb0.fma(w10, b1)));
            a1 = xa2.fma(w02, xa1.fma(w01, xa0.fma(w00, zero)));
            b1 = xb2.fma(w02, xb1.fma(w01, xb0.fma(w00, zero)));
        }
    }

    /**
     * {@link #rolling3s1} of two strips reading the image rows in place: strip lanes whose tap column falls outside
     * the row are masked off the loads (zeros), rows outside the plane are zero vectors; image column {@code a0}
     * (may be negative) is strip j0's first tap column.
     */
    private static void inPlace3s1(float[] x, int x0, int height, int width, int padTop, int a0, int a1, float[] w,
                                   int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo, int j0, int j1) {
        FloatVector lanes = FloatVector.fromArray(SPECIES, LANE_NUMBERS, 0);
        VectorMask<Float> m0 = columnsInside(lanes, a0, width);
        VectorMask<Float> m1 = columnsInside(lanes, a0 + 1, width);
        VectorMask<Float> m2 = columnsInside(lanes, a0 + 2, width);
        VectorMask<Float> n0 = columnsInside(lanes, a1, width);
        VectorMask<Float> n1 = columnsInside(lanes, a1 + 1, width);
        VectorMask<Float> n2 = columnsInside(lanes, a1 + 2, width);
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector p1 = zero; // output row i-1 (strip j0), kernel row 0 done
        FloatVector q1 = zero; // the same, strip j1
        FloatVector p2 = zero; // output row i-2, kernel rows 0 and 1 done
        FloatVector q2 = zero;
        for (int i = rowFrom; i < rowTo + 2; i++) {
            int iy = i - padTop;
            FloatVector x0v = zero; // a padding row: zeros, multiplied as the padded copy's
            FloatVector x1v = zero;
            FloatVector x2v = zero;
            FloatVector y0v = zero;
            FloatVector y1v = zero;
            FloatVector y2v = zero;
            if (iy >= 0 && iy < height) {
                int xs = x0 + iy * width;
                x0v = FloatVector.fromArray(SPECIES, x, xs + a0, m0);
                x1v = FloatVector.fromArray(SPECIES, x, xs + a0 + 1, m1);
                x2v = FloatVector.fromArray(SPECIES, x, xs + a0 + 2, m2);
                y0v = FloatVector.fromArray(SPECIES, x, xs + a1, n0);
                y1v = FloatVector.fromArray(SPECIES, x, xs + a1 + 1, n1);
                y2v = FloatVector.fromArray(SPECIES, x, xs + a1 + 2, n2);
            }
            FloatVector p = x2v.fma(w22, x1v.fma(w21, x0v.fma(w20, p2)));
            FloatVector q = y2v.fma(w22, y1v.fma(w21, y0v.fma(w20, q2)));
            if (i >= rowFrom + 2) {
                int o = o0 + (i - 2) * outWidth;
                p.intoArray(out, o + j0);
                q.intoArray(out, o + j1);
            }
            p2 = x2v.fma(w12, x1v.fma(w11, x0v.fma(w10, p1)));
            q2 = y2v.fma(w12, y1v.fma(w11, y0v.fma(w10, q1)));
            p1 = x2v.fma(w02, x1v.fma(w01, x0v.fma(w00, zero)));
            q1 = y2v.fma(w02, y1v.fma(w01, y0v.fma(w00, zero)));
        }
    }

    /** The lanes l with image column {@code a} + l inside a row of {@code width}. */
    private static VectorMask<Float> columnsInside(FloatVector lanes, int a, int width) {
        return lanes.compare(VectorOperators.GE, (float) -a).and(lanes.compare(VectorOperators.LT, (float) (width - a)));
    }

    // dw48: the unit-stride 5×5 forward read in place (the padded copy came before every plane's strips), one strip
    // at a time as rolling5s1 (two strips rolled together measured slower: 25 weights and 10 sums spill)

    // dw51: rows of LANES / 2 + 1 to LANES - 1 columns the same way, a row a vector (h50-k5-15's 15 columns went
    // through the padded copy and narrowRows' flat run: 25 loads a vector, 19 floats of work for 15)

    /** The narrowest output row {@link #depthwiseRows5InPlace} takes: a row a vector pays from more than half of it. */
    private static final int UNIT5_IN_PLACE_MIN_WIDTH = LANES / 2 + 1;

    @Override
    public boolean depthwiseUnit5InPlace(int width, int padLeft, int outWidth) {
        // whole-vector loads: every row but the plane's first and last reads within its neighbours; on 8 lanes rows
        // past a vector take the padded copy's paired strips (rolling5s1Pair: no blends, 10 sums in flight)
        return MASKED_ACCESS_COMPILED && outWidth >= UNIT5_IN_PLACE_MIN_WIDTH && padLeft >= 0 && padLeft <= width
                && unit5Overrun(width, padLeft, outWidth) <= width && !(PAIRED_5X5 && outWidth > LANES);
    }

    /** Floats past a row's end that {@link #inPlace5s1}'s last strip reads (its narrow rows' lanes past outWidth too). */
    private static int unit5Overrun(int width, int padLeft, int outWidth) {
        return Math.max(outWidth, LANES) + 4 - width - padLeft;
    }

    @Override
    public void depthwiseRows5InPlace(float[] x, int x0, int height, int width, int padTop, int padLeft, float[] w,
                                      int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        if (!depthwiseUnit5InPlace(width, padLeft, outWidth)) {
            inPlaceFma(5, x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, rowFrom, rowTo);
            return;
        }
        int overrun = unit5Overrun(width, padLeft, outWidth);
        // the output rows whose whole-vector loads would leave the array (reading image row 0 of its first plane,
        // or the last row of its last plane) in scalar fmas, the same bits (as depthwiseRows3InPlace's)
        int from = x0 < padLeft ? Math.min(rowTo, Math.max(rowFrom, padTop + 1)) : rowFrom;
        int to = x0 + height * width + overrun > x.length ? Math.max(from, Math.min(rowTo, height - 5 + padTop)) : rowTo;
        inPlaceFma(5, x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, rowFrom, from);
        inPlaceFma(5, x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, to, rowTo);
        if (from < to && outWidth < LANES) {
            // a row a vector into a per-thread run: each row's lanes past outWidth reach into the next row, which
            // the next store rewrites; the last row's reach into the run's slack, not into another task's rows
            float[] rows = NARROW_ROWS.floats((to - from) * outWidth + LANES);
            inPlace5s1(x, x0, height, width, padTop, padLeft, w, wo, rows, -from * outWidth, outWidth, from, to, 0);
            System.arraycopy(rows, 0, out, o0 + from * outWidth, (to - from) * outWidth);
        } else if (from < to) {
            for (int j = 0; j < outWidth; j += LANES) { // the last strip moved back (its overlap the same bits)
                inPlace5s1(x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, from, to,
                        Math.min(j, outWidth - LANES));
            }
        }
    }

    /**
     * {@link #rolling5s1} of the strip at output column {@code s0} reading the image rows in place with whole-vector
     * loads, the lanes whose tap column falls outside the row blended to zeros (the loads stay inside {@code x}: the
     * caller checks), rows outside the plane zero vectors. Each output the same sums in the same order as
     * {@link #rolling5s1} on the padded copy. Output rows [rowFrom, rowTo).
     */
    private static void inPlace5s1(float[] x, int x0, int height, int width, int padTop, int padLeft, float[] w,
                                   int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo, int s0) {
        FloatVector lanes = FloatVector.fromArray(SPECIES, LANE_NUMBERS, 0);
        int a = s0 - padLeft; // image column of each strip's first tap
        VectorMask<Float> e0 = columnsInside(lanes, a, width).not();
        VectorMask<Float> e1 = columnsInside(lanes, a + 1, width).not();
        VectorMask<Float> e2 = columnsInside(lanes, a + 2, width).not();
        VectorMask<Float> e3 = columnsInside(lanes, a + 3, width).not();
        VectorMask<Float> e4 = columnsInside(lanes, a + 4, width).not();
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo + 0]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w03 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w04 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w13 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector w14 = FloatVector.broadcast(SPECIES, w[wo + 9]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 10]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 11]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 12]);
        FloatVector w23 = FloatVector.broadcast(SPECIES, w[wo + 13]);
        FloatVector w24 = FloatVector.broadcast(SPECIES, w[wo + 14]);
        FloatVector w30 = FloatVector.broadcast(SPECIES, w[wo + 15]);
        FloatVector w31 = FloatVector.broadcast(SPECIES, w[wo + 16]);
        FloatVector w32 = FloatVector.broadcast(SPECIES, w[wo + 17]);
        FloatVector w33 = FloatVector.broadcast(SPECIES, w[wo + 18]);
        FloatVector w34 = FloatVector.broadcast(SPECIES, w[wo + 19]);
        FloatVector w40 = FloatVector.broadcast(SPECIES, w[wo + 20]);
        FloatVector w41 = FloatVector.broadcast(SPECIES, w[wo + 21]);
        FloatVector w42 = FloatVector.broadcast(SPECIES, w[wo + 22]);
        FloatVector w43 = FloatVector.broadcast(SPECIES, w[wo + 23]);
        FloatVector w44 = FloatVector.broadcast(SPECIES, w[wo + 24]);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector p1 = zero; // strip s0's output row i-m, kernel rows below m done
        FloatVector p2 = zero;
        FloatVector p3 = zero;
        FloatVector p4 = zero;
        FloatVector v;
        for (int i = rowFrom; i < rowTo + 4; i++) {
            int iy = i - padTop;
            boolean in = iy >= 0 && iy < height; // else a padding row: zeros, multiplied as the padded copy's
            int xs = x0 + iy * width;
            FloatVector n4 = p4;
            FloatVector n3 = p3;
            FloatVector n2 = p2;
            FloatVector n1 = p1;
            FloatVector n0 = zero;
            v = in ? FloatVector.fromArray(SPECIES, x, xs + a).blend(zero, e0) : zero;
            n4 = v.fma(w40, n4);
            n3 = v.fma(w30, n3);
            n2 = v.fma(w20, n2);
            n1 = v.fma(w10, n1);
            n0 = v.fma(w00, n0);
            v = in ? FloatVector.fromArray(SPECIES, x, xs + a + 1).blend(zero, e1) : zero;
            n4 = v.fma(w41, n4);
            n3 = v.fma(w31, n3);
            n2 = v.fma(w21, n2);
            n1 = v.fma(w11, n1);
            n0 = v.fma(w01, n0);
            v = in ? FloatVector.fromArray(SPECIES, x, xs + a + 2).blend(zero, e2) : zero;
            n4 = v.fma(w42, n4);
            n3 = v.fma(w32, n3);
            n2 = v.fma(w22, n2);
            n1 = v.fma(w12, n1);
            n0 = v.fma(w02, n0);
            v = in ? FloatVector.fromArray(SPECIES, x, xs + a + 3).blend(zero, e3) : zero;
            n4 = v.fma(w43, n4);
            n3 = v.fma(w33, n3);
            n2 = v.fma(w23, n2);
            n1 = v.fma(w13, n1);
            n0 = v.fma(w03, n0);
            v = in ? FloatVector.fromArray(SPECIES, x, xs + a + 4).blend(zero, e4) : zero;
            n4 = v.fma(w44, n4);
            n3 = v.fma(w34, n3);
            n2 = v.fma(w24, n2);
            n1 = v.fma(w14, n1);
            n0 = v.fma(w04, n0);
            if (i >= rowFrom + 4) {
                int o = o0 + (i - 4) * outWidth;
                n4.intoArray(out, o + s0);
            }
            p4 = n3;
            p3 = n2;
            p2 = n1;
            p1 = n0;
        }
    }

    // dw52: unit-stride rows of at most half a vector, several output rows a vector (h51-k5-7's 7 columns went
    // through the padded copy's 11-float rows and narrowRows' flat run, 7 of every 11 lanes kept: 0.36x PyTorch)

    /** Per-thread image rows of {@link #depthwiseStackedPlanes}, {@code outWidth} apart between zero rows. */
    private static final ThreadScratch STACKED_PLANE = new ThreadScratch();

    /** Per-thread flipped kernel of one plane of {@link #depthwiseStackedPlanes}. */
    private static final ThreadScratch FLIPPED_KERNEL = new ThreadScratch();

    /** Floats before {@link #depthwiseStackedPlanes}' first row: the left taps of its first lanes read there (masked). */
    private static final int STACKED_LEAD = LANES;

    /** Vectors {@link #stackedRows} computes together: four independent fma chains. */
    private static final int STACKED_BLOCK = 4;

    /**
     * Lane l's output column in a vector of {@code LANES / width} rows of {@code width}, for width 1 to LANES / 2;
     * the lanes past those rows far outside any row (every tap masked off).
     */
    private static final float[][] STACKED_COLUMNS = new float[LANES / 2 + 1][LANES];

    static {
        for (int width = 1; width <= LANES / 2; width++) {
            for (int l = 0; l < LANES; l++) {
                STACKED_COLUMNS[width][l] = l < LANES / width * width ? l % width : -4 * LANES;
            }
        }
    }

    @Override
    public int depthwiseStackedRows(int k, int width, int padLeft, int outWidth) {
        // an image row fits in an output row's lanes (read where that row's lanes are); reads past them masked
        boolean taken = MASKED_ACCESS_COMPILED && (k == 3 || k == 5) && outWidth <= LANES / 2 && width <= outWidth
                && padLeft >= 0 && padLeft < k;
        return taken ? LANES / outWidth : 0;
    }

    @Override
    public void depthwiseStackedPlanes(float[] x, int height, int width, int padTop, int padLeft, int k, float[] w,
                                       boolean flipped, int channels, float[] out, int outHeight, int outWidth,
                                       int firstPlane, int lastPlane, int rowFrom, int rowTo) {
        int stacked = depthwiseStackedRows(k, width, padLeft, outWidth);
        if (stacked == 0) {
            VectorOps.super.depthwiseStackedPlanes(x, height, width, padTop, padLeft, k, w, flipped, channels, out,
                    outHeight, outWidth, firstPlane, lastPlane, rowFrom, rowTo);
            return;
        }
        if ((rowTo - rowFrom + stacked - 1) / stacked < STACKED_BLOCK && lastPlane - firstPlane > 1) {
            stackedPlaneRuns(x, height, width, padTop, padLeft, k, w, flipped, channels, out, outHeight, outWidth,
                    firstPlane, lastPlane, rowFrom, rowTo, stacked);
        } else { // each path its own method, so that its profile is its own (dwt54: h51-k5-7's input gradient after
            // the several-plane shapes in one JVM read 0.106 against 0.078 ms when both were one method)
            stackedPlanes(x, height, width, padTop, padLeft, k, w, flipped, channels, out, outHeight, outWidth,
                    firstPlane, lastPlane, rowFrom, rowTo, stacked);
        }
    }

    /** {@link #depthwiseStackedPlanes} a plane at a time: planes of at least {@link #STACKED_BLOCK} vectors. */
    private static void stackedPlanes(float[] x, int height, int width, int padTop, int padLeft, int k, float[] w,
                                      boolean flipped, int channels, float[] out, int outHeight, int outWidth,
                                      int firstPlane, int lastPlane, int rowFrom, int rowTo, int stacked) {
        int step = stacked * outWidth; // a vector's kept lanes
        int vectors = (rowTo - rowFrom + stacked - 1) / stacked;
        int blocks = (vectors + STACKED_BLOCK - 1) / STACKED_BLOCK;
        // padded rows outWidth apart: padTop zero rows, the image rows, zero rows down to the last block's reads
        int bufferRows = rowFrom + blocks * STACKED_BLOCK * stacked + k;
        int imageRows = Math.max(0, Math.min(height, bufferRows - padTop));
        int planeSize = STACKED_LEAD + bufferRows * outWidth + LANES + k; // + LANES + k: the last lanes' reads
        float[] plane = STACKED_PLANE.floats(planeSize);
        float[] run = NARROW_ROWS.floats(blocks * STACKED_BLOCK * step + LANES);
        java.util.Arrays.fill(plane, 0, planeSize, 0f); // the zero rows stay zero: only image rows are copied per plane
        float[] columns = STACKED_COLUMNS[outWidth];
        float[] taps = flipped ? FLIPPED_KERNEL.floats(k * k) : w; // the kernel as stackedRows reads it
        int first = STACKED_LEAD + rowFrom * outWidth - padLeft; // the first vector's tap (0, 0)
        for (int p = firstPlane; p < lastPlane; p++) {
            int x0 = p * height * width;
            if (width == outWidth) {
                System.arraycopy(x, x0, plane, STACKED_LEAD + padTop * outWidth, imageRows * width);
            } else { // the columns past an image row are masked off: left as they are
                for (int iy = 0; iy < imageRows; iy++) {
                    System.arraycopy(x, x0 + iy * width, plane, STACKED_LEAD + (padTop + iy) * outWidth, width);
                }
            }
            int wo = p % channels * k * k;
            if (flipped) { // a plane's taps reversed here: the forward's kernel loop stays as it was (dws53)
                VectorOps.flipKernel(w, wo, k, taps);
                wo = 0;
            }
            for (int b = 0; b < blocks; b++) {
                int at = b * STACKED_BLOCK * step;
                stackedRows(plane, first + at, outWidth, step, columns, padLeft, width, k, taps, wo, run, at);
            }
            System.arraycopy(run, 0, out, p * outHeight * outWidth + rowFrom * outWidth, (rowTo - rowFrom) * outWidth);
        }
    }

    // dwt54: planes of fewer than STACKED_BLOCK vectors (h53-dw3-4's 4×4 planes are one vector each: the block computed
    // four vectors and kept one) take the block's vectors from consecutive planes

    /** Planes {@link #stackedPlaneRuns} copies into its buffer at a time. */
    private static final int STACKED_CHUNK = 16;

    /** Per-thread buffer offsets of {@link #stackedPlaneRuns}' vectors. */
    private static final ThreadScratch STACKED_VECTORS = new ThreadScratch();

    /** Per-thread kernel offsets of {@link #stackedPlaneRuns}' vectors. */
    private static final ThreadScratch STACKED_KERNELS = new ThreadScratch();

    /**
     * {@link #depthwiseStackedPlanes} of planes whose rows [rowFrom, rowTo) take fewer than {@link #STACKED_BLOCK}
     * vectors: up to {@link #STACKED_CHUNK} planes copied into one buffer, each in its own region of zero rows and image
     * rows laid as the one-plane path lays them, and their vectors run in order, four at a time whichever plane each
     * belongs to ({@link #stackedVectors}), each with its plane's weights. Each output is the same fma chain as
     * {@link #stackedRows}' (kh then t, from zero): the same bits.
     */
    private static void stackedPlaneRuns(float[] x, int height, int width, int padTop, int padLeft, int k, float[] w,
                                         boolean flipped, int channels, float[] out, int outHeight, int outWidth,
                                         int firstPlane, int lastPlane, int rowFrom, int rowTo, int stacked) {
        int step = stacked * outWidth;
        int vectors = (rowTo - rowFrom + stacked - 1) / stacked;
        int regionRows = rowFrom + vectors * stacked + k; // one plane's rows, as the one-plane path's bufferRows
        int region = regionRows * outWidth;
        int imageRows = Math.max(0, Math.min(height, regionRows - padTop));
        int chunk = Math.min(STACKED_CHUNK, lastPlane - firstPlane);
        int planeSize = STACKED_LEAD + chunk * region + LANES + k; // + LANES + k: the last lanes' reads
        float[] plane = STACKED_PLANE.floats(planeSize);
        int slots = (chunk * vectors + STACKED_BLOCK - 1) / STACKED_BLOCK * STACKED_BLOCK;
        float[] run = NARROW_ROWS.floats(slots * step + LANES);
        int kv = k * k;
        float[] taps = flipped ? FLIPPED_KERNEL.floats(chunk * kv) : w; // the kernels as stackedVectors reads them
        int[] vectorAt = STACKED_VECTORS.ints(slots);
        int[] vectorKernel = STACKED_KERNELS.ints(slots);
        java.util.Arrays.fill(plane, 0, planeSize, 0f); // the zero rows stay zero: only image rows are copied
        float[] columns = STACKED_COLUMNS[outWidth];
        int first = STACKED_LEAD + rowFrom * outWidth - padLeft; // the first plane's first vector's tap (0, 0)
        int kept = (rowTo - rowFrom) * outWidth;
        int perPlane = vectors * step; // a plane's floats in run
        int outPlane = outHeight * outWidth;
        for (int p0 = firstPlane; p0 < lastPlane; p0 += chunk) {
            int planes = Math.min(chunk, lastPlane - p0);
            for (int i = 0; i < planes; i++) {
                int p = p0 + i;
                int x0 = p * height * width;
                int to = STACKED_LEAD + i * region + padTop * outWidth;
                if (width == outWidth) {
                    System.arraycopy(x, x0, plane, to, imageRows * width);
                } else { // the columns past an image row are masked off: left as they are
                    for (int iy = 0; iy < imageRows; iy++) {
                        System.arraycopy(x, x0 + iy * width, plane, to + iy * outWidth, width);
                    }
                }
                int wo = p % channels * kv;
                if (flipped) { // each plane's taps reversed, as the one-plane path's flipKernel
                    for (int t = 0; t < kv; t++) {
                        taps[i * kv + t] = w[wo + kv - 1 - t];
                    }
                    wo = i * kv;
                }
                for (int v = 0, n = i * vectors; v < vectors; v++, n++) { // its vectors' tap (0, 0) and kernel
                    vectorAt[n] = first + i * region + v * step;
                    vectorKernel[n] = wo;
                }
            }
            int total = planes * vectors;
            for (int n = total; n < slots; n++) { // past the last vector: the last one again, stored in run's slack
                vectorAt[n] = vectorAt[total - 1];
                vectorKernel[n] = vectorKernel[total - 1];
            }
            for (int j = 0; j < total; j += STACKED_BLOCK) {
                stackedVectors(plane, vectorAt[j], vectorAt[j + 1], vectorAt[j + 2], vectorAt[j + 3], outWidth,
                        columns, padLeft, width, k, taps, vectorKernel[j], vectorKernel[j + 1], vectorKernel[j + 2],
                        vectorKernel[j + 3], run, j * step, step);
            }
            if (perPlane == kept && rowFrom == 0 && rowTo == outHeight) { // whole planes, no rows past them
                System.arraycopy(run, 0, out, p0 * outPlane, planes * outPlane);
            } else {
                for (int i = 0; i < planes; i++) {
                    System.arraycopy(run, i * perPlane, out, (p0 + i) * outPlane + rowFrom * outWidth, kept);
                }
            }
        }
    }

    // dw55: planes of at most LANE_PLANES_SIDE_3 / _5 outputs a side with the channels in the lanes (oneDNN's blocked layout): each
    // tap one vector fma over LANES planes, no masks, no lanes left empty; whole blocks of planes transposed in and
    // out by 16 × 16 register transposes, small planes and a last partial block by gathers. Taken at 16 lanes only,
    // where it was measured.

    /**
     * Widest and tallest 3×3 response {@link #depthwiseLanePlanes} takes (dw55 took 7 on {@link #lanePositions}; dw56,
     * on {@link #laneRows}' groups: hx-k3-9 1.44x, hd-k3-10 1.73x in thread CPU against the in-place rows).
     */
    private static final int LANE_PLANES_SIDE_3 = 10;

    /** {@link #LANE_PLANES_SIDE_3} of 5×5 responses: 8 (h54-dw5-8 1.16-1.23x; 9 × 9 read even, 10 × 10 0.77x). */
    private static final int LANE_PLANES_SIDE_5 = 8;

    /** Per-thread padded input block of {@link #depthwiseLanePlanes}: a vector a position, channels in the lanes. */
    private static final ThreadScratch LANE_IMAGE = new ThreadScratch();

    /** Per-thread output block of {@link #depthwiseLanePlanes}, as {@link #LANE_IMAGE}. */
    private static final ThreadScratch LANE_RESPONSE = new ThreadScratch();

    /** Per-thread transposed image of {@link #depthwiseLanePlanes}' block, before its padding. */
    private static final ThreadScratch LANE_TILE = new ThreadScratch();

    /** Per-thread gather maps of {@link #depthwiseLanePlanes}: input lanes, output lanes, position offsets. */
    private static final ThreadScratch LANE_MAPS = new ThreadScratch();

    @Override
    public int depthwiseLanePlanes(int k, int padTop, int padLeft, int outHeight, int outWidth) {
        int side = k == 3 ? LANE_PLANES_SIDE_3 : LANE_PLANES_SIDE_5;
        boolean taken = MASKED_ACCESS_COMPILED && LANES == 16 && (k == 3 || k == 5) && padTop >= 0 && padTop < k && padLeft >= 0
                && padLeft < k && outHeight <= side && outWidth <= side;
        return taken ? LANES : 0;
    }

    @Override
    public void depthwiseLanePlanes(float[] x, int height, int width, int padTop, int padLeft, int k,
                                    float[] laneWeights, int weightRow, int channels, float[] out, int outHeight,
                                    int outWidth, int firstPlane, int lastPlane) {
        int rowLength = outWidth + k - 1;
        int rows = outHeight + k - 1;
        int inPlane = height * width;
        int outPlane = outHeight * outWidth;
        int imageRows = Math.min(height, rows - padTop);
        int imageColumns = Math.min(width, rowLength - padLeft);
        float[] image = LANE_IMAGE.floats(rows * rowLength * LANES);
        float[] response = LANE_RESPONSE.floats(outPlane * LANES);
        float[] tile = LANE_TILE.floats(inPlane * LANES);
        int[] maps = LANE_MAPS.ints(LANES + outPlane * LANES + outPlane);
        int outMap = LANES;
        int positions = outMap + outPlane * LANES;
        for (int l = 0; l < LANES; l++) { // lane l: plane l of the block
            maps[l] = l * inPlane;
        }
        if (outPlane < LANES) { // gathered out: the block's outputs in order, plane l's output s from lane l
            for (int l = 0, f = outMap; l < LANES; l++) {
                for (int s = 0; s < outPlane; s++, f++) {
                    maps[f] = s * LANES + l;
                }
            }
        }
        for (int r = 0, s = positions; r < outHeight; r++) { // each output's tap (0, 0) in the padded block
            for (int j = 0; j < outWidth; j++, s++) {
                maps[s] = (r * rowLength + j) * LANES;
            }
        }
        java.util.Arrays.fill(image, 0, rows * rowLength * LANES, 0f); // the padding stays zero: only image positions are written
        for (int p0 = firstPlane; p0 < lastPlane; p0 += LANES) {
            int planes = Math.min(LANES, lastPlane - p0);
            for (int l = planes; l < LANES; l++) { // a last block of fewer planes: its empty lanes read plane p0
                maps[l] = 0; // (a masked gather range-checks its masked lanes too)
            }
            int x0 = p0 * inPlane;
            if (planes == LANES && PanamaTileTranspose.byBlocks(LANES, inPlane)) {
                PanamaTileTranspose.toStrip(x, x0, inPlane, LANES, inPlane, tile, 0, LANES);
                for (int iy = 0; iy < imageRows; iy++) {
                    System.arraycopy(tile, iy * width * LANES, image, ((padTop + iy) * rowLength + padLeft) * LANES,
                            imageColumns * LANES);
                }
            } else {
                for (int iy = 0; iy < imageRows; iy++) {
                    for (int ix = 0; ix < imageColumns; ix++) {
                        FloatVector.fromArray(SPECIES, x, x0 + iy * width + ix, maps, 0)
                                .intoArray(image, ((padTop + iy) * rowLength + padLeft + ix) * LANES);
                    }
                }
            }
            if (outWidth >= 3 && (k == 5 || outHeight >= 2)) {
                laneRows(image, rowLength, k, laneWeights, weightRow, p0 % channels, outHeight, outWidth, response);
            } else {
                lanePositions(image, rowLength, k, laneWeights, weightRow, p0 % channels, maps, positions, outPlane,
                        response);
            }
            int o0 = p0 * outPlane;
            if (outPlane >= LANES) {
                PanamaTileTranspose.transpose(response, LANES, outPlane, planes, out, o0, outPlane);
                continue;
            }
            int total = planes * outPlane;
            int j = 0;
            for (; j + LANES <= total; j += LANES) {
                FloatVector.fromArray(SPECIES, response, 0, maps, outMap + j).intoArray(out, o0 + j);
            }
            if (j < total) {
                FloatVector.fromArray(SPECIES, response, 0, maps, outMap + j)
                        .intoArray(out, o0 + j, SPECIES.indexInRange(j, total));
            }
        }
    }

    /**
     * The {@code outPlane} outputs of one {@link #depthwiseLanePlanes} block, four at a time: each the fma chain kh
     * then t from zero over the padded block (the zeros included), as {@link #stackedRows}' lanes: the same bits.
     */
    private static void lanePositions(float[] image, int rowLength, int k, float[] laneWeights, int weightRow, int c0,
                                      int[] maps, int positions, int outPlane, float[] response) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int last = outPlane - 1;
        for (int s = 0; s < outPlane; s += 4) {
            int s1 = Math.min(s + 1, last);
            int s2 = Math.min(s + 2, last);
            int s3 = Math.min(s + 3, last);
            int b0 = maps[positions + s];
            int b1 = maps[positions + s1];
            int b2 = maps[positions + s2];
            int b3 = maps[positions + s3];
            FloatVector a0 = zero;
            FloatVector a1 = zero;
            FloatVector a2 = zero;
            FloatVector a3 = zero;
            for (int kh = 0; kh < k; kh++) {
                for (int t = 0; t < k; t++) {
                    FloatVector w = FloatVector.fromArray(SPECIES, laneWeights, (kh * k + t) * weightRow + c0);
                    int d = (kh * rowLength + t) * LANES;
                    a0 = FloatVector.fromArray(SPECIES, image, b0 + d).fma(w, a0);
                    a1 = FloatVector.fromArray(SPECIES, image, b1 + d).fma(w, a1);
                    a2 = FloatVector.fromArray(SPECIES, image, b2 + d).fma(w, a2);
                    a3 = FloatVector.fromArray(SPECIES, image, b3 + d).fma(w, a3);
                }
            }
            a3.intoArray(response, s3 * LANES); // a tail's clamped repeats store the same value again
            a2.intoArray(response, s2 * LANES);
            a1.intoArray(response, s1 * LANES);
            a0.intoArray(response, s * LANES);
        }
    }

    // dw56: a block's output row in groups of 3 or 4 neighbours sliding along each kernel row: a kernel row's k weights
    // and the k + 2 or k + 3 inputs the group reads loaded once each, every input fma'd into each output that reads it
    // (0.5-0.75 loads an fma against lanePositions' 1.25). Each output's chain kh then t from zero as there: the same
    // bits. Groups tile the row (3 + 3 for 6 wide, 4 + 3 for 7, 3 + 3 + 3 for 9; a 5-wide row's second group overlaps
    // its first, computing one output again); 3×3 rows go in pairs (the 9 weights loaded once), an odd height's last
    // pair overlapping the one before (the same outputs again).

    /**
     * The {@code outHeight} × {@code outWidth} outputs of one {@link #depthwiseLanePlanes} block (at least 3 wide, 3×3
     * ones at least 2 tall) by groups of 3 or 4 ({@link #laneRow5x3} and its kin, 3×3 rows in pairs); the bits of
     * {@link #lanePositions}.
     */
    private static void laneRows(float[] image, int rowLength, int k, float[] laneWeights, int weightRow, int c0,
                                 int outHeight, int outWidth, float[] response) {
        int rowStep = rowLength * LANES;
        for (int row = 0; row < outHeight; row += k == 3 ? 2 : 1) {
            int r = k == 3 ? Math.min(row, outHeight - 2) : row; // an odd height's last pair overlaps the one before
            for (int j = 0; j < outWidth; ) {
                int left = outWidth - j;
                boolean four = left == 4 || left == 7 || left == 8 || left >= 10;
                int at = left < 3 ? outWidth - 3 : j; // a 5-wide row's second group overlaps its first
                int b = (r * rowLength + at) * LANES;
                int o = (r * outWidth + at) * LANES;
                if (k == 5) {
                    if (four) {
                        laneRow5x4(image, b, rowStep, laneWeights, weightRow, c0, response, o);
                    } else {
                        laneRow5x3(image, b, rowStep, laneWeights, weightRow, c0, response, o);
                    }
                } else if (four) {
                    lanePair3x4(image, b, rowStep, laneWeights, weightRow, c0, response, o, outWidth * LANES);
                } else {
                    lanePair3x3(image, b, rowStep, laneWeights, weightRow, c0, response, o, outWidth * LANES);
                }
                j = at + (four ? 4 : 3);
            }
        }
    }

    /** 3 neighbouring outputs of a 5×5 {@link #laneRows} block: the first one's tap (0, 0) at b, stored at o. */
    private static void laneRow5x3(float[] image, int b, int rowStep, float[] w, int weightRow, int c0,
                                   float[] response, int o) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        for (int kh = 0; kh < 5; kh++, b += rowStep) {
            int v = kh * 5 * weightRow + c0;
            FloatVector w0 = FloatVector.fromArray(SPECIES, w, v);
            FloatVector w1 = FloatVector.fromArray(SPECIES, w, v + weightRow);
            FloatVector w2 = FloatVector.fromArray(SPECIES, w, v + 2 * weightRow);
            FloatVector w3 = FloatVector.fromArray(SPECIES, w, v + 3 * weightRow);
            FloatVector w4 = FloatVector.fromArray(SPECIES, w, v + 4 * weightRow);
            FloatVector x = FloatVector.fromArray(SPECIES, image, b);
            a0 = x.fma(w0, a0);
            x = FloatVector.fromArray(SPECIES, image, b + LANES);
            a0 = x.fma(w1, a0);
            a1 = x.fma(w0, a1);
            x = FloatVector.fromArray(SPECIES, image, b + 2 * LANES);
            a0 = x.fma(w2, a0);
            a1 = x.fma(w1, a1);
            a2 = x.fma(w0, a2);
            x = FloatVector.fromArray(SPECIES, image, b + 3 * LANES);
            a0 = x.fma(w3, a0);
            a1 = x.fma(w2, a1);
            a2 = x.fma(w1, a2);
            x = FloatVector.fromArray(SPECIES, image, b + 4 * LANES);
            a0 = x.fma(w4, a0);
            a1 = x.fma(w3, a1);
            a2 = x.fma(w2, a2);
            x = FloatVector.fromArray(SPECIES, image, b + 5 * LANES);
            a1 = x.fma(w4, a1);
            a2 = x.fma(w3, a2);
            x = FloatVector.fromArray(SPECIES, image, b + 6 * LANES);
            a2 = x.fma(w4, a2);
        }
        a0.intoArray(response, o);
        a1.intoArray(response, o + LANES);
        a2.intoArray(response, o + 2 * LANES);
    }

    /** {@link #laneRow5x3} of 4 outputs. */
    private static void laneRow5x4(float[] image, int b, int rowStep, float[] w, int weightRow, int c0,
                                   float[] response, int o) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int kh = 0; kh < 5; kh++, b += rowStep) {
            int v = kh * 5 * weightRow + c0;
            FloatVector w0 = FloatVector.fromArray(SPECIES, w, v);
            FloatVector w1 = FloatVector.fromArray(SPECIES, w, v + weightRow);
            FloatVector w2 = FloatVector.fromArray(SPECIES, w, v + 2 * weightRow);
            FloatVector w3 = FloatVector.fromArray(SPECIES, w, v + 3 * weightRow);
            FloatVector w4 = FloatVector.fromArray(SPECIES, w, v + 4 * weightRow);
            FloatVector x = FloatVector.fromArray(SPECIES, image, b);
            a0 = x.fma(w0, a0);
            x = FloatVector.fromArray(SPECIES, image, b + LANES);
            a0 = x.fma(w1, a0);
            a1 = x.fma(w0, a1);
            x = FloatVector.fromArray(SPECIES, image, b + 2 * LANES);
            a0 = x.fma(w2, a0);
            a1 = x.fma(w1, a1);
            a2 = x.fma(w0, a2);
            x = FloatVector.fromArray(SPECIES, image, b + 3 * LANES);
            a0 = x.fma(w3, a0);
            a1 = x.fma(w2, a1);
            a2 = x.fma(w1, a2);
            a3 = x.fma(w0, a3);
            x = FloatVector.fromArray(SPECIES, image, b + 4 * LANES);
            a0 = x.fma(w4, a0);
            a1 = x.fma(w3, a1);
            a2 = x.fma(w2, a2);
            a3 = x.fma(w1, a3);
            x = FloatVector.fromArray(SPECIES, image, b + 5 * LANES);
            a1 = x.fma(w4, a1);
            a2 = x.fma(w3, a2);
            a3 = x.fma(w2, a3);
            x = FloatVector.fromArray(SPECIES, image, b + 6 * LANES);
            a2 = x.fma(w4, a2);
            a3 = x.fma(w3, a3);
            x = FloatVector.fromArray(SPECIES, image, b + 7 * LANES);
            a3 = x.fma(w4, a3);
        }
        a0.intoArray(response, o);
        a1.intoArray(response, o + LANES);
        a2.intoArray(response, o + 2 * LANES);
        a3.intoArray(response, o + 3 * LANES);
    }

    /**
     * {@link #laneRow5x3} of two output rows of a 3×3 kernel at once ({@code o} and {@code o + outStep} their first outputs): the 3
     * kernel rows' weights loaded once, each of the 4 input rows the pair reads once, each input fma'd into both
     * rows' outputs that read it; each output's chain kh then t from zero, the same bits.
     */
    private static void lanePair3x3(float[] image, int b, int rowStep, float[] w, int weightRow, int c0,
                                   float[] response, int o, int outStep) {
        FloatVector w0 = FloatVector.fromArray(SPECIES, w, c0);
        FloatVector w1 = FloatVector.fromArray(SPECIES, w, c0 + weightRow);
        FloatVector w2 = FloatVector.fromArray(SPECIES, w, c0 + 2 * weightRow);
        FloatVector w3 = FloatVector.fromArray(SPECIES, w, c0 + 3 * weightRow);
        FloatVector w4 = FloatVector.fromArray(SPECIES, w, c0 + 4 * weightRow);
        FloatVector w5 = FloatVector.fromArray(SPECIES, w, c0 + 5 * weightRow);
        FloatVector w6 = FloatVector.fromArray(SPECIES, w, c0 + 6 * weightRow);
        FloatVector w7 = FloatVector.fromArray(SPECIES, w, c0 + 7 * weightRow);
        FloatVector w8 = FloatVector.fromArray(SPECIES, w, c0 + 8 * weightRow);
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector e0 = a0;
        FloatVector e1 = a0;
        FloatVector e2 = a0;
        FloatVector x;
        // input row 0: the first row's kernel row 0
        x = FloatVector.fromArray(SPECIES, image, b);
        a0 = x.fma(w0, a0);
        x = FloatVector.fromArray(SPECIES, image, b + LANES);
        a0 = x.fma(w1, a0);
        a1 = x.fma(w0, a1);
        x = FloatVector.fromArray(SPECIES, image, b + 2 * LANES);
        a0 = x.fma(w2, a0);
        a1 = x.fma(w1, a1);
        a2 = x.fma(w0, a2);
        x = FloatVector.fromArray(SPECIES, image, b + 3 * LANES);
        a1 = x.fma(w2, a1);
        a2 = x.fma(w1, a2);
        x = FloatVector.fromArray(SPECIES, image, b + 4 * LANES);
        a2 = x.fma(w2, a2);
        b += rowStep;
        // input row 1: the first row's kernel row 1, the second row's kernel row 0
        x = FloatVector.fromArray(SPECIES, image, b);
        a0 = x.fma(w3, a0);
        e0 = x.fma(w0, e0);
        x = FloatVector.fromArray(SPECIES, image, b + LANES);
        a0 = x.fma(w4, a0);
        e0 = x.fma(w1, e0);
        a1 = x.fma(w3, a1);
        e1 = x.fma(w0, e1);
        x = FloatVector.fromArray(SPECIES, image, b + 2 * LANES);
        a0 = x.fma(w5, a0);
        e0 = x.fma(w2, e0);
        a1 = x.fma(w4, a1);
        e1 = x.fma(w1, e1);
        a2 = x.fma(w3, a2);
        e2 = x.fma(w0, e2);
        x = FloatVector.fromArray(SPECIES, image, b + 3 * LANES);
        a1 = x.fma(w5, a1);
        e1 = x.fma(w2, e1);
        a2 = x.fma(w4, a2);
        e2 = x.fma(w1, e2);
        x = FloatVector.fromArray(SPECIES, image, b + 4 * LANES);
        a2 = x.fma(w5, a2);
        e2 = x.fma(w2, e2);
        b += rowStep;
        // input row 2: the first row's kernel row 2, the second row's kernel row 1
        x = FloatVector.fromArray(SPECIES, image, b);
        a0 = x.fma(w6, a0);
        e0 = x.fma(w3, e0);
        x = FloatVector.fromArray(SPECIES, image, b + LANES);
        a0 = x.fma(w7, a0);
        e0 = x.fma(w4, e0);
        a1 = x.fma(w6, a1);
        e1 = x.fma(w3, e1);
        x = FloatVector.fromArray(SPECIES, image, b + 2 * LANES);
        a0 = x.fma(w8, a0);
        e0 = x.fma(w5, e0);
        a1 = x.fma(w7, a1);
        e1 = x.fma(w4, e1);
        a2 = x.fma(w6, a2);
        e2 = x.fma(w3, e2);
        x = FloatVector.fromArray(SPECIES, image, b + 3 * LANES);
        a1 = x.fma(w8, a1);
        e1 = x.fma(w5, e1);
        a2 = x.fma(w7, a2);
        e2 = x.fma(w4, e2);
        x = FloatVector.fromArray(SPECIES, image, b + 4 * LANES);
        a2 = x.fma(w8, a2);
        e2 = x.fma(w5, e2);
        b += rowStep;
        // input row 3: the second row's kernel row 2
        x = FloatVector.fromArray(SPECIES, image, b);
        e0 = x.fma(w6, e0);
        x = FloatVector.fromArray(SPECIES, image, b + LANES);
        e0 = x.fma(w7, e0);
        e1 = x.fma(w6, e1);
        x = FloatVector.fromArray(SPECIES, image, b + 2 * LANES);
        e0 = x.fma(w8, e0);
        e1 = x.fma(w7, e1);
        e2 = x.fma(w6, e2);
        x = FloatVector.fromArray(SPECIES, image, b + 3 * LANES);
        e1 = x.fma(w8, e1);
        e2 = x.fma(w7, e2);
        x = FloatVector.fromArray(SPECIES, image, b + 4 * LANES);
        e2 = x.fma(w8, e2);
        a0.intoArray(response, o);
        a1.intoArray(response, o + LANES);
        a2.intoArray(response, o + 2 * LANES);
        e0.intoArray(response, o + outStep);
        e1.intoArray(response, o + outStep + LANES);
        e2.intoArray(response, o + outStep + 2 * LANES);
    }

    /** {@link #lanePair3x3} of 4 outputs a row (two rows of 4 neighbours, 8 sums in registers), the same bits. */
    private static void lanePair3x4(float[] image, int b, int rowStep, float[] w, int weightRow, int c0,
                                   float[] response, int o, int outStep) {
        FloatVector w0 = FloatVector.fromArray(SPECIES, w, c0);
        FloatVector w1 = FloatVector.fromArray(SPECIES, w, c0 + weightRow);
        FloatVector w2 = FloatVector.fromArray(SPECIES, w, c0 + 2 * weightRow);
        FloatVector w3 = FloatVector.fromArray(SPECIES, w, c0 + 3 * weightRow);
        FloatVector w4 = FloatVector.fromArray(SPECIES, w, c0 + 4 * weightRow);
        FloatVector w5 = FloatVector.fromArray(SPECIES, w, c0 + 5 * weightRow);
        FloatVector w6 = FloatVector.fromArray(SPECIES, w, c0 + 6 * weightRow);
        FloatVector w7 = FloatVector.fromArray(SPECIES, w, c0 + 7 * weightRow);
        FloatVector w8 = FloatVector.fromArray(SPECIES, w, c0 + 8 * weightRow);
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector e0 = a0;
        FloatVector e1 = a0;
        FloatVector e2 = a0;
        FloatVector e3 = a0;
        FloatVector x;
        // input row 0: the first row's kernel row 0
        x = FloatVector.fromArray(SPECIES, image, b);
        a0 = x.fma(w0, a0);
        x = FloatVector.fromArray(SPECIES, image, b + LANES);
        a0 = x.fma(w1, a0);
        a1 = x.fma(w0, a1);
        x = FloatVector.fromArray(SPECIES, image, b + 2 * LANES);
        a0 = x.fma(w2, a0);
        a1 = x.fma(w1, a1);
        a2 = x.fma(w0, a2);
        x = FloatVector.fromArray(SPECIES, image, b + 3 * LANES);
        a1 = x.fma(w2, a1);
        a2 = x.fma(w1, a2);
        a3 = x.fma(w0, a3);
        x = FloatVector.fromArray(SPECIES, image, b + 4 * LANES);
        a2 = x.fma(w2, a2);
        a3 = x.fma(w1, a3);
        x = FloatVector.fromArray(SPECIES, image, b + 5 * LANES);
        a3 = x.fma(w2, a3);
        b += rowStep;
        // input row 1: the first row's kernel row 1, the second row's kernel row 0
        x = FloatVector.fromArray(SPECIES, image, b);
        a0 = x.fma(w3, a0);
        e0 = x.fma(w0, e0);
        x = FloatVector.fromArray(SPECIES, image, b + LANES);
        a0 = x.fma(w4, a0);
        e0 = x.fma(w1, e0);
        a1 = x.fma(w3, a1);
        e1 = x.fma(w0, e1);
        x = FloatVector.fromArray(SPECIES, image, b + 2 * LANES);
        a0 = x.fma(w5, a0);
        e0 = x.fma(w2, e0);
        a1 = x.fma(w4, a1);
        e1 = x.fma(w1, e1);
        a2 = x.fma(w3, a2);
        e2 = x.fma(w0, e2);
        x = FloatVector.fromArray(SPECIES, image, b + 3 * LANES);
        a1 = x.fma(w5, a1);
        e1 = x.fma(w2, e1);
        a2 = x.fma(w4, a2);
        e2 = x.fma(w1, e2);
        a3 = x.fma(w3, a3);
        e3 = x.fma(w0, e3);
        x = FloatVector.fromArray(SPECIES, image, b + 4 * LANES);
        a2 = x.fma(w5, a2);
        e2 = x.fma(w2, e2);
        a3 = x.fma(w4, a3);
        e3 = x.fma(w1, e3);
        x = FloatVector.fromArray(SPECIES, image, b + 5 * LANES);
        a3 = x.fma(w5, a3);
        e3 = x.fma(w2, e3);
        b += rowStep;
        // input row 2: the first row's kernel row 2, the second row's kernel row 1
        x = FloatVector.fromArray(SPECIES, image, b);
        a0 = x.fma(w6, a0);
        e0 = x.fma(w3, e0);
        x = FloatVector.fromArray(SPECIES, image, b + LANES);
        a0 = x.fma(w7, a0);
        e0 = x.fma(w4, e0);
        a1 = x.fma(w6, a1);
        e1 = x.fma(w3, e1);
        x = FloatVector.fromArray(SPECIES, image, b + 2 * LANES);
        a0 = x.fma(w8, a0);
        e0 = x.fma(w5, e0);
        a1 = x.fma(w7, a1);
        e1 = x.fma(w4, e1);
        a2 = x.fma(w6, a2);
        e2 = x.fma(w3, e2);
        x = FloatVector.fromArray(SPECIES, image, b + 3 * LANES);
        a1 = x.fma(w8, a1);
        e1 = x.fma(w5, e1);
        a2 = x.fma(w7, a2);
        e2 = x.fma(w4, e2);
        a3 = x.fma(w6, a3);
        e3 = x.fma(w3, e3);
        x = FloatVector.fromArray(SPECIES, image, b + 4 * LANES);
        a2 = x.fma(w8, a2);
        e2 = x.fma(w5, e2);
        a3 = x.fma(w7, a3);
        e3 = x.fma(w4, e3);
        x = FloatVector.fromArray(SPECIES, image, b + 5 * LANES);
        a3 = x.fma(w8, a3);
        e3 = x.fma(w5, e3);
        b += rowStep;
        // input row 3: the second row's kernel row 2
        x = FloatVector.fromArray(SPECIES, image, b);
        e0 = x.fma(w6, e0);
        x = FloatVector.fromArray(SPECIES, image, b + LANES);
        e0 = x.fma(w7, e0);
        e1 = x.fma(w6, e1);
        x = FloatVector.fromArray(SPECIES, image, b + 2 * LANES);
        e0 = x.fma(w8, e0);
        e1 = x.fma(w7, e1);
        e2 = x.fma(w6, e2);
        x = FloatVector.fromArray(SPECIES, image, b + 3 * LANES);
        e1 = x.fma(w8, e1);
        e2 = x.fma(w7, e2);
        e3 = x.fma(w6, e3);
        x = FloatVector.fromArray(SPECIES, image, b + 4 * LANES);
        e2 = x.fma(w8, e2);
        e3 = x.fma(w7, e3);
        x = FloatVector.fromArray(SPECIES, image, b + 5 * LANES);
        e3 = x.fma(w8, e3);
        a0.intoArray(response, o);
        a1.intoArray(response, o + LANES);
        a2.intoArray(response, o + 2 * LANES);
        a3.intoArray(response, o + 3 * LANES);
        e0.intoArray(response, o + outStep);
        e1.intoArray(response, o + outStep + LANES);
        e2.intoArray(response, o + outStep + 2 * LANES);
        e3.intoArray(response, o + outStep + 3 * LANES);
    }
    /**
     * {@link #stackedRows}' four vectors from any four places in {@link #stackedPlaneRuns}' buffer ({@code b0} to
     * {@code b3}: each one's tap (0, 0)), each with its own kernel ({@code w[wo0]} to {@code w[wo3]}), into
     * {@code run[at]}, {@code step} apart in order; each load blended as there.
     */
    private static void stackedVectors(float[] plane, int b0, int b1, int b2, int b3, int rowLength, float[] columns,
                                       int padLeft, int width, int k, float[] w, int wo0, int wo1, int wo2, int wo3,
                                       float[] run, int at, int step) {
        FloatVector lanes = FloatVector.fromArray(SPECIES, columns, 0);
        VectorMask<Float> e0 = columnsInside(lanes, -padLeft, width).not();
        VectorMask<Float> e1 = columnsInside(lanes, 1 - padLeft, width).not();
        VectorMask<Float> e2 = columnsInside(lanes, 2 - padLeft, width).not();
        VectorMask<Float> e3 = columnsInside(lanes, 3 - padLeft, width).not();
        VectorMask<Float> e4 = columnsInside(lanes, 4 - padLeft, width).not();
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector a0 = zero;
        FloatVector a1 = zero;
        FloatVector a2 = zero;
        FloatVector a3 = zero;
        for (int kh = 0; kh < k; kh++) {
            int r = kh * rowLength;
            int c0 = b0 + r;
            int c1 = b1 + r;
            int c2 = b2 + r;
            int c3 = b3 + r;
            int v0 = wo0 + kh * k;
            int v1 = wo1 + kh * k;
            int v2 = wo2 + kh * k;
            int v3 = wo3 + kh * k;
            a0 = FloatVector.fromArray(SPECIES, plane, c0).blend(zero, e0)
                    .fma(FloatVector.broadcast(SPECIES, w[v0]), a0);
            a1 = FloatVector.fromArray(SPECIES, plane, c1).blend(zero, e0)
                    .fma(FloatVector.broadcast(SPECIES, w[v1]), a1);
            a2 = FloatVector.fromArray(SPECIES, plane, c2).blend(zero, e0)
                    .fma(FloatVector.broadcast(SPECIES, w[v2]), a2);
            a3 = FloatVector.fromArray(SPECIES, plane, c3).blend(zero, e0)
                    .fma(FloatVector.broadcast(SPECIES, w[v3]), a3);
            a0 = FloatVector.fromArray(SPECIES, plane, c0 + 1).blend(zero, e1)
                    .fma(FloatVector.broadcast(SPECIES, w[v0 + 1]), a0);
            a1 = FloatVector.fromArray(SPECIES, plane, c1 + 1).blend(zero, e1)
                    .fma(FloatVector.broadcast(SPECIES, w[v1 + 1]), a1);
            a2 = FloatVector.fromArray(SPECIES, plane, c2 + 1).blend(zero, e1)
                    .fma(FloatVector.broadcast(SPECIES, w[v2 + 1]), a2);
            a3 = FloatVector.fromArray(SPECIES, plane, c3 + 1).blend(zero, e1)
                    .fma(FloatVector.broadcast(SPECIES, w[v3 + 1]), a3);
            a0 = FloatVector.fromArray(SPECIES, plane, c0 + 2).blend(zero, e2)
                    .fma(FloatVector.broadcast(SPECIES, w[v0 + 2]), a0);
            a1 = FloatVector.fromArray(SPECIES, plane, c1 + 2).blend(zero, e2)
                    .fma(FloatVector.broadcast(SPECIES, w[v1 + 2]), a1);
            a2 = FloatVector.fromArray(SPECIES, plane, c2 + 2).blend(zero, e2)
                    .fma(FloatVector.broadcast(SPECIES, w[v2 + 2]), a2);
            a3 = FloatVector.fromArray(SPECIES, plane, c3 + 2).blend(zero, e2)
                    .fma(FloatVector.broadcast(SPECIES, w[v3 + 2]), a3);
            if (k == 5) {
                a0 = FloatVector.fromArray(SPECIES, plane, c0 + 3).blend(zero, e3)
                        .fma(FloatVector.broadcast(SPECIES, w[v0 + 3]), a0);
                a1 = FloatVector.fromArray(SPECIES, plane, c1 + 3).blend(zero, e3)
                        .fma(FloatVector.broadcast(SPECIES, w[v1 + 3]), a1);
                a2 = FloatVector.fromArray(SPECIES, plane, c2 + 3).blend(zero, e3)
                        .fma(FloatVector.broadcast(SPECIES, w[v2 + 3]), a2);
                a3 = FloatVector.fromArray(SPECIES, plane, c3 + 3).blend(zero, e3)
                        .fma(FloatVector.broadcast(SPECIES, w[v3 + 3]), a3);
                a0 = FloatVector.fromArray(SPECIES, plane, c0 + 4).blend(zero, e4)
                        .fma(FloatVector.broadcast(SPECIES, w[v0 + 4]), a0);
                a1 = FloatVector.fromArray(SPECIES, plane, c1 + 4).blend(zero, e4)
                        .fma(FloatVector.broadcast(SPECIES, w[v1 + 4]), a1);
                a2 = FloatVector.fromArray(SPECIES, plane, c2 + 4).blend(zero, e4)
                        .fma(FloatVector.broadcast(SPECIES, w[v2 + 4]), a2);
                a3 = FloatVector.fromArray(SPECIES, plane, c3 + 4).blend(zero, e4)
                        .fma(FloatVector.broadcast(SPECIES, w[v3 + 4]), a3);
            }
        }
        a0.intoArray(run, at);
        a1.intoArray(run, at + step);
        a2.intoArray(run, at + 2 * step);
        a3.intoArray(run, at + 3 * step);
    }

    /**
     * {@link #STACKED_BLOCK} vectors of {@link #depthwiseStackedPlanes}' rows of a {@code k}×{@code k} kernel (3 or 5),
     * {@code step} floats apart, from tap (0, 0) at {@code plane[b0]}, rows {@code rowLength} apart; into
     * {@code run[at]} in order (each vector's lanes past its rows rewritten by the next). Lanes whose tap column
     * ({@code columns}: each lane's output column) falls outside the image row read zeros (each load blended in place:
     * a helper taking the mask was not inlined here, and boxed 4.7 MB a call).
     */
    private static void stackedRows(float[] plane, int b0, int rowLength, int step, float[] columns, int padLeft,
                                    int width, int k, float[] w, int wo, float[] run, int at) {
        FloatVector lanes = FloatVector.fromArray(SPECIES, columns, 0);
        VectorMask<Float> e0 = columnsInside(lanes, -padLeft, width).not();
        VectorMask<Float> e1 = columnsInside(lanes, 1 - padLeft, width).not();
        VectorMask<Float> e2 = columnsInside(lanes, 2 - padLeft, width).not();
        VectorMask<Float> e3 = columnsInside(lanes, 3 - padLeft, width).not();
        VectorMask<Float> e4 = columnsInside(lanes, 4 - padLeft, width).not();
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector a0 = zero;
        FloatVector a1 = zero;
        FloatVector a2 = zero;
        FloatVector a3 = zero;
        for (int kh = 0; kh < k; kh++) {
            int b = b0 + kh * rowLength;
            int wk = wo + kh * k;
            FloatVector w0 = FloatVector.broadcast(SPECIES, w[wk]);
            a0 = FloatVector.fromArray(SPECIES, plane, b).blend(zero, e0).fma(w0, a0);
            a1 = FloatVector.fromArray(SPECIES, plane, b + step).blend(zero, e0).fma(w0, a1);
            a2 = FloatVector.fromArray(SPECIES, plane, b + 2 * step).blend(zero, e0).fma(w0, a2);
            a3 = FloatVector.fromArray(SPECIES, plane, b + 3 * step).blend(zero, e0).fma(w0, a3);
            FloatVector w1 = FloatVector.broadcast(SPECIES, w[wk + 1]);
            a0 = FloatVector.fromArray(SPECIES, plane, b + 1).blend(zero, e1).fma(w1, a0);
            a1 = FloatVector.fromArray(SPECIES, plane, b + 1 + step).blend(zero, e1).fma(w1, a1);
            a2 = FloatVector.fromArray(SPECIES, plane, b + 1 + 2 * step).blend(zero, e1).fma(w1, a2);
            a3 = FloatVector.fromArray(SPECIES, plane, b + 1 + 3 * step).blend(zero, e1).fma(w1, a3);
            FloatVector w2 = FloatVector.broadcast(SPECIES, w[wk + 2]);
            a0 = FloatVector.fromArray(SPECIES, plane, b + 2).blend(zero, e2).fma(w2, a0);
            a1 = FloatVector.fromArray(SPECIES, plane, b + 2 + step).blend(zero, e2).fma(w2, a1);
            a2 = FloatVector.fromArray(SPECIES, plane, b + 2 + 2 * step).blend(zero, e2).fma(w2, a2);
            a3 = FloatVector.fromArray(SPECIES, plane, b + 2 + 3 * step).blend(zero, e2).fma(w2, a3);
            if (k == 5) {
                FloatVector w3 = FloatVector.broadcast(SPECIES, w[wk + 3]);
                a0 = FloatVector.fromArray(SPECIES, plane, b + 3).blend(zero, e3).fma(w3, a0);
                a1 = FloatVector.fromArray(SPECIES, plane, b + 3 + step).blend(zero, e3).fma(w3, a1);
                a2 = FloatVector.fromArray(SPECIES, plane, b + 3 + 2 * step).blend(zero, e3).fma(w3, a2);
                a3 = FloatVector.fromArray(SPECIES, plane, b + 3 + 3 * step).blend(zero, e3).fma(w3, a3);
                FloatVector w4 = FloatVector.broadcast(SPECIES, w[wk + 4]);
                a0 = FloatVector.fromArray(SPECIES, plane, b + 4).blend(zero, e4).fma(w4, a0);
                a1 = FloatVector.fromArray(SPECIES, plane, b + 4 + step).blend(zero, e4).fma(w4, a1);
                a2 = FloatVector.fromArray(SPECIES, plane, b + 4 + 2 * step).blend(zero, e4).fma(w4, a2);
                a3 = FloatVector.fromArray(SPECIES, plane, b + 4 + 3 * step).blend(zero, e4).fma(w4, a3);
            }
        }
        a0.intoArray(run, at);
        a1.intoArray(run, at + step);
        a2.intoArray(run, at + 2 * step);
        a3.intoArray(run, at + 3 * step);
    }

    // dws25: narrow stride-2 rows read in place, each image row de-interleaved in registers (the phase-plane
    // copy, splitPhases, came before every plane's rolling sums)

    @Override
    public boolean depthwiseStride2InPlace(int k, int padLeft, int outWidth) {
        // the last output's last tap within the 2·LANES floats from the row's first tap column, -padLeft
        return MASKED_ACCESS_COMPILED && outWidth <= LANES && 2 * (outWidth - 1) + k - 1 < 2 * LANES;
    }

    @Override
    public void depthwiseRows2InPlace(float[] x, int x0, int height, int width, int padTop, int padLeft, int k,
                                      float[] w, int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        if (!depthwiseStride2InPlace(k, padLeft, outWidth)) {
            VectorOps.super.depthwiseRows2InPlace(x, x0, height, width, padTop, padLeft, k, w, wo, out, o0, outWidth,
                    rowFrom, rowTo);
        } else if (k == 3) {
            inPlace3s2(x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, rowFrom, rowTo);
        } else {
            inPlace5s2(x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, rowFrom, rowTo);
        }
    }

    /**
     * {@link #depthwiseRows2InPlace} of a 3×3 kernel, rolling as {@link #rolling3s2}: each image row loaded once, two
     * vectors from its first tap column (column -padLeft) masked to the row, split into its even and odd floats in
     * the registers, the taps those moved by a lane (no helpers taking vectors: C2 compiled them on their own, too
     * big to inline later, and boxed every vector).
     */
    private static void inPlace3s2(float[] x, int x0, int height, int width, int padTop, int padLeft, float[] w,
                                   int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        FloatVector lanes = FloatVector.fromArray(SPECIES, LANE_NUMBERS, 0);
        VectorMask<Float> low = columnsInside(lanes, -padLeft, width);
        VectorMask<Float> high = columnsInside(lanes, LANES - padLeft, width);
        VectorMask<Float> kept = lanes.lt((float) outWidth);
        int x1 = x0 - padLeft; // tap t of lane j reads column 2j + t from x1's row
        int limit = o0 + rowTo * outWidth; // a whole-vector store past it would reach another task's rows
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo + 0]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector a;
        FloatVector b;
        FloatVector e; // lane j: float 2j from x1's row
        FloatVector o; // lane j: float 2j + 1
        FloatVector t0;
        FloatVector t1;
        FloatVector t2; // float 2j + 2 (the last lane wraps round: no output is kept there)
        int iy = 2 * rowFrom - padTop;
        a = zero; // a padding row: zeros, multiplied as the phase planes' zeros
        b = zero;
        if (iy >= 0 && iy < height) {
            a = FloatVector.fromArray(SPECIES, x, x1 + iy * width, low).rearrange(SPLIT_PAIRS);
            b = FloatVector.fromArray(SPECIES, x, x1 + iy * width + LANES, high).rearrange(SPLIT_PAIRS_ODD_FIRST);
        }
        e = a.blend(b, HIGH_HALF);
        o = b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
        t0 = e;
        t1 = o;
        t2 = e.rearrange(LANE_DOWN);
        FloatVector p = t2.fma(w02, t1.fma(w01, t0.fma(w00, zero)));
        for (int r = rowFrom; r < rowTo; r++) {
            iy = 2 * r - padTop + 1;
            a = zero; // a padding row: zeros, multiplied as the phase planes' zeros
            b = zero;
            if (iy >= 0 && iy < height) {
                a = FloatVector.fromArray(SPECIES, x, x1 + iy * width, low).rearrange(SPLIT_PAIRS);
                b = FloatVector.fromArray(SPECIES, x, x1 + iy * width + LANES, high).rearrange(SPLIT_PAIRS_ODD_FIRST);
            }
            e = a.blend(b, HIGH_HALF);
            o = b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
            t0 = e;
            t1 = o;
            t2 = e.rearrange(LANE_DOWN);
            p = t2.fma(w12, t1.fma(w11, t0.fma(w10, p)));
            iy++;
            a = zero; // a padding row: zeros, multiplied as the phase planes' zeros
            b = zero;
            if (iy >= 0 && iy < height) {
                a = FloatVector.fromArray(SPECIES, x, x1 + iy * width, low).rearrange(SPLIT_PAIRS);
                b = FloatVector.fromArray(SPECIES, x, x1 + iy * width + LANES, high).rearrange(SPLIT_PAIRS_ODD_FIRST);
            }
            e = a.blend(b, HIGH_HALF);
            o = b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
            t0 = e;
            t1 = o;
            t2 = e.rearrange(LANE_DOWN);
            FloatVector done = t2.fma(w22, t1.fma(w21, t0.fma(w20, p)));
            int at = o0 + r * outWidth;
            if (at + LANES <= limit) { // its lanes past the row land on the next row, stored after it
                done.intoArray(out, at);
            } else {
                done.intoArray(out, at, kept);
            }
            p = t2.fma(w02, t1.fma(w01, t0.fma(w00, zero))); // the next output row's kernel row 0
        }
    }

    /**
     * {@link #depthwiseRows2InPlace} of a 5×5 kernel, rolling as {@link #rolling5s2}, rows read as
     * {@link #inPlace3s2}'s.
     */
    private static void inPlace5s2(float[] x, int x0, int height, int width, int padTop, int padLeft, float[] w,
                                   int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        FloatVector lanes = FloatVector.fromArray(SPECIES, LANE_NUMBERS, 0);
        VectorMask<Float> low = columnsInside(lanes, -padLeft, width);
        VectorMask<Float> high = columnsInside(lanes, LANES - padLeft, width);
        VectorMask<Float> kept = lanes.lt((float) outWidth);
        int x1 = x0 - padLeft; // tap t of lane j reads column 2j + t from x1's row
        int limit = o0 + rowTo * outWidth; // a whole-vector store past it would reach another task's rows
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo + 0]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w03 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w04 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w13 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector w14 = FloatVector.broadcast(SPECIES, w[wo + 9]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 10]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 11]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 12]);
        FloatVector w23 = FloatVector.broadcast(SPECIES, w[wo + 13]);
        FloatVector w24 = FloatVector.broadcast(SPECIES, w[wo + 14]);
        FloatVector w30 = FloatVector.broadcast(SPECIES, w[wo + 15]);
        FloatVector w31 = FloatVector.broadcast(SPECIES, w[wo + 16]);
        FloatVector w32 = FloatVector.broadcast(SPECIES, w[wo + 17]);
        FloatVector w33 = FloatVector.broadcast(SPECIES, w[wo + 18]);
        FloatVector w34 = FloatVector.broadcast(SPECIES, w[wo + 19]);
        FloatVector w40 = FloatVector.broadcast(SPECIES, w[wo + 20]);
        FloatVector w41 = FloatVector.broadcast(SPECIES, w[wo + 21]);
        FloatVector w42 = FloatVector.broadcast(SPECIES, w[wo + 22]);
        FloatVector w43 = FloatVector.broadcast(SPECIES, w[wo + 23]);
        FloatVector w44 = FloatVector.broadcast(SPECIES, w[wo + 24]);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector a;
        FloatVector b;
        FloatVector e; // lane j: float 2j from x1's row
        FloatVector o; // lane j: float 2j + 1
        FloatVector t0;
        FloatVector t1;
        FloatVector t2; // float 2j + 2 (the last lane wraps round: no output is kept there)
        FloatVector t3;
        FloatVector t4; // float 2j + 4 (the last two lanes wrap round)
        int iy = 2 * rowFrom - padTop;
        a = zero; // a padding row: zeros, multiplied as the phase planes' zeros
        b = zero;
        if (iy >= 0 && iy < height) {
            a = FloatVector.fromArray(SPECIES, x, x1 + iy * width, low).rearrange(SPLIT_PAIRS);
            b = FloatVector.fromArray(SPECIES, x, x1 + iy * width + LANES, high).rearrange(SPLIT_PAIRS_ODD_FIRST);
        }
        e = a.blend(b, HIGH_HALF);
        o = b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
        t0 = e;
        t1 = o;
        t2 = e.rearrange(LANE_DOWN);
        t3 = o.rearrange(LANE_DOWN);
        t4 = e.rearrange(LANE_DOWN_TWO);
        // output row r: kernel rows 0-2 on entering r
        FloatVector pa = t4.fma(w04, t3.fma(w03, t2.fma(w02, t1.fma(w01, t0.fma(w00, zero)))));
        a = zero; // a padding row: zeros, multiplied as the phase planes' zeros
        b = zero;
        if ((iy + 1) >= 0 && (iy + 1) < height) {
            a = FloatVector.fromArray(SPECIES, x, x1 + (iy + 1) * width, low).rearrange(SPLIT_PAIRS);
            b = FloatVector.fromArray(SPECIES, x, x1 + (iy + 1) * width + LANES, high).rearrange(SPLIT_PAIRS_ODD_FIRST);
        }
        e = a.blend(b, HIGH_HALF);
        o = b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
        t0 = e;
        t1 = o;
        t2 = e.rearrange(LANE_DOWN);
        t3 = o.rearrange(LANE_DOWN);
        t4 = e.rearrange(LANE_DOWN_TWO);
        pa = t4.fma(w14, t3.fma(w13, t2.fma(w12, t1.fma(w11, t0.fma(w10, pa)))));
        a = zero; // a padding row: zeros, multiplied as the phase planes' zeros
        b = zero;
        if ((iy + 2) >= 0 && (iy + 2) < height) {
            a = FloatVector.fromArray(SPECIES, x, x1 + (iy + 2) * width, low).rearrange(SPLIT_PAIRS);
            b = FloatVector.fromArray(SPECIES, x, x1 + (iy + 2) * width + LANES, high).rearrange(SPLIT_PAIRS_ODD_FIRST);
        }
        e = a.blend(b, HIGH_HALF);
        o = b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
        t0 = e;
        t1 = o;
        t2 = e.rearrange(LANE_DOWN);
        t3 = o.rearrange(LANE_DOWN);
        t4 = e.rearrange(LANE_DOWN_TWO);
        pa = t4.fma(w24, t3.fma(w23, t2.fma(w22, t1.fma(w21, t0.fma(w20, pa)))));
        // output row r + 1: kernel row 0
        FloatVector pb = t4.fma(w04, t3.fma(w03, t2.fma(w02, t1.fma(w01, t0.fma(w00, zero)))));
        for (int r = rowFrom; r < rowTo; r++) {
            iy = 2 * r - padTop + 3;
            a = zero; // a padding row: zeros, multiplied as the phase planes' zeros
            b = zero;
            if (iy >= 0 && iy < height) {
                a = FloatVector.fromArray(SPECIES, x, x1 + iy * width, low).rearrange(SPLIT_PAIRS);
                b = FloatVector.fromArray(SPECIES, x, x1 + iy * width + LANES, high).rearrange(SPLIT_PAIRS_ODD_FIRST);
            }
            e = a.blend(b, HIGH_HALF);
            o = b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
            t0 = e;
            t1 = o;
            t2 = e.rearrange(LANE_DOWN);
            t3 = o.rearrange(LANE_DOWN);
            t4 = e.rearrange(LANE_DOWN_TWO);
            pa = t4.fma(w34, t3.fma(w33, t2.fma(w32, t1.fma(w31, t0.fma(w30, pa)))));
            pb = t4.fma(w14, t3.fma(w13, t2.fma(w12, t1.fma(w11, t0.fma(w10, pb)))));
            iy++;
            a = zero; // a padding row: zeros, multiplied as the phase planes' zeros
            b = zero;
            if (iy >= 0 && iy < height) {
                a = FloatVector.fromArray(SPECIES, x, x1 + iy * width, low).rearrange(SPLIT_PAIRS);
                b = FloatVector.fromArray(SPECIES, x, x1 + iy * width + LANES, high).rearrange(SPLIT_PAIRS_ODD_FIRST);
            }
            e = a.blend(b, HIGH_HALF);
            o = b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
            t0 = e;
            t1 = o;
            t2 = e.rearrange(LANE_DOWN);
            t3 = o.rearrange(LANE_DOWN);
            t4 = e.rearrange(LANE_DOWN_TWO);
            FloatVector done = t4.fma(w44, t3.fma(w43, t2.fma(w42, t1.fma(w41, t0.fma(w40, pa)))));
            int at = o0 + r * outWidth;
            if (at + LANES <= limit) { // its lanes past the row land on the next row, stored after it
                done.intoArray(out, at);
            } else {
                done.intoArray(out, at, kept);
            }
            pa = t4.fma(w24, t3.fma(w23, t2.fma(w22, t1.fma(w21, t0.fma(w20, pb)))));
            pb = t4.fma(w04, t3.fma(w03, t2.fma(w02, t1.fma(w01, t0.fma(w00, zero)))));
        }
    }

    @Override
    public void depthwiseStride2TapSums3(float[] y, int y0, int yStep, int outRows, int outWidth, float[] x, int x0,
                                         int xStep, int images, int height, int width, int padTop, int padLeft,
                                         double[] sums, int so) {
        if (!depthwiseStride2InPlace(3, padLeft, outWidth)) {
            VectorOps.super.depthwiseStride2TapSums3(y, y0, yStep, outRows, outWidth, x, x0, xStep, images, height,
                    width, padTop, padLeft, sums, so);
            return;
        }
        FloatVector lanes = FloatVector.fromArray(SPECIES, LANE_NUMBERS, 0);
        VectorMask<Float> low = columnsInside(lanes, -padLeft, width);
        VectorMask<Float> high = columnsInside(lanes, LANES - padLeft, width);
        VectorMask<Float> kept = lanes.lt((float) outWidth);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector s00 = zero; // tap (kh, t)'s products, lane j of every response row
        FloatVector s01 = zero;
        FloatVector s02 = zero;
        FloatVector s10 = zero;
        FloatVector s11 = zero;
        FloatVector s12 = zero;
        FloatVector s20 = zero;
        FloatVector s21 = zero;
        FloatVector s22 = zero;
        FloatVector a;
        FloatVector b;
        FloatVector t0; // lane j: float 2j of the row from its first tap column
        FloatVector t1; // 2j + 1
        FloatVector t2; // 2j + 2 (the last lane wraps round: its response lane is a masked zero)
        for (int i = 0; i < images; i++) {
            int x1 = x0 + i * xStep - padLeft;
            int yi = y0 + i * yStep;
            int iy = -padTop;
            a = zero; // a padding row: zeros
            b = zero;
            if (iy >= 0 && iy < height) {
                a = FloatVector.fromArray(SPECIES, x, x1 + iy * width, low).rearrange(SPLIT_PAIRS);
                b = FloatVector.fromArray(SPECIES, x, x1 + iy * width + LANES, high).rearrange(SPLIT_PAIRS_ODD_FIRST);
            }
            t0 = a.blend(b, HIGH_HALF);
            t1 = b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
            t2 = t0.rearrange(LANE_DOWN);
            for (int r = 0; r < outRows; r++) { // image row 2r - padTop in t0..t2 on entering
                FloatVector dy = FloatVector.fromArray(SPECIES, y, yi + r * outWidth, kept);
                s00 = dy.fma(t0, s00);
                s01 = dy.fma(t1, s01);
                s02 = dy.fma(t2, s02);
                iy = 2 * r - padTop + 1;
                a = zero; // a padding row: zeros
                b = zero;
                if (iy >= 0 && iy < height) {
                    a = FloatVector.fromArray(SPECIES, x, x1 + iy * width, low).rearrange(SPLIT_PAIRS);
                    b = FloatVector.fromArray(SPECIES, x, x1 + iy * width + LANES, high)
                            .rearrange(SPLIT_PAIRS_ODD_FIRST);
                }
                t0 = a.blend(b, HIGH_HALF);
                t1 = b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
                t2 = t0.rearrange(LANE_DOWN);
                s10 = dy.fma(t0, s10);
                s11 = dy.fma(t1, s11);
                s12 = dy.fma(t2, s12);
                iy++;
                a = zero; // a padding row: zeros
                b = zero;
                if (iy >= 0 && iy < height) {
                    a = FloatVector.fromArray(SPECIES, x, x1 + iy * width, low).rearrange(SPLIT_PAIRS);
                    b = FloatVector.fromArray(SPECIES, x, x1 + iy * width + LANES, high)
                            .rearrange(SPLIT_PAIRS_ODD_FIRST);
                }
                t0 = a.blend(b, HIGH_HALF);
                t1 = b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
                t2 = t0.rearrange(LANE_DOWN);
                s20 = dy.fma(t0, s20);
                s21 = dy.fma(t1, s21);
                s22 = dy.fma(t2, s22); // and t0..t2 are the next response row's kernel row 0
            }
        }
        float[] tapLanes = DW_TAP_LANES.floats(9 * LANES); // each tap's lanes added in lane order, once a call
        s00.intoArray(tapLanes, 0);
        s01.intoArray(tapLanes, LANES);
        s02.intoArray(tapLanes, 2 * LANES);
        s10.intoArray(tapLanes, 3 * LANES);
        s11.intoArray(tapLanes, 4 * LANES);
        s12.intoArray(tapLanes, 5 * LANES);
        s20.intoArray(tapLanes, 6 * LANES);
        s21.intoArray(tapLanes, 7 * LANES);
        s22.intoArray(tapLanes, 8 * LANES);
        for (int tap = 0; tap < 9; tap++) {
            double sum = 0;
            for (int l = 0; l < LANES; l++) {
                sum += tapLanes[tap * LANES + l];
            }
            sums[so + tap] += sum;
        }
    }

    /** Lane l takes lane l + 1, then l + 2 (wrapped). */
    private static final VectorShuffle<Float> LANE_DOWN = VectorShuffle.fromArray(SPECIES, rotation(1), 0);
    private static final VectorShuffle<Float> LANE_DOWN_TWO = VectorShuffle.fromArray(SPECIES, rotation(2), 0);

    private static int[] rotation(int by) {
        int[] lanes = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            lanes[l] = (l + by) % LANES;
        }
        return lanes;
    }

    /** 3×3, stride 2: output row s reads input rows 2s, 2s+1 and 2s+2, the last also its next row's first. */
    private static void rolling3s2(float[] x, int x0, int rowLength, int c0, int c1, int c2, float[] w, int wo,
                                   float[] out, int o0, int outWidth, int rowFrom, int rowTo, int j0, int j1) {
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector zero = FloatVector.zero(SPECIES);
        int xs = x0 + 2 * rowFrom * rowLength;
        FloatVector p = FloatVector.fromArray(SPECIES, x, xs + c2 + j0).fma(w02, FloatVector.fromArray(SPECIES, x, xs + c1 + j0)
                .fma(w01, FloatVector.fromArray(SPECIES, x, xs + c0 + j0).fma(w00, zero)));
        FloatVector q = FloatVector.fromArray(SPECIES, x, xs + c2 + j1).fma(w02, FloatVector.fromArray(SPECIES, x, xs + c1 + j1)
                .fma(w01, FloatVector.fromArray(SPECIES, x, xs + c0 + j1).fma(w00, zero)));
        for (int s = rowFrom; s < rowTo; s++) {
            int odd = x0 + (2 * s + 1) * rowLength;
            p = FloatVector.fromArray(SPECIES, x, odd + c2 + j0).fma(w12, FloatVector.fromArray(SPECIES, x, odd + c1 + j0)
                    .fma(w11, FloatVector.fromArray(SPECIES, x, odd + c0 + j0).fma(w10, p)));
            q = FloatVector.fromArray(SPECIES, x, odd + c2 + j1).fma(w12, FloatVector.fromArray(SPECIES, x, odd + c1 + j1)
                    .fma(w11, FloatVector.fromArray(SPECIES, x, odd + c0 + j1).fma(w10, q)));
            int even = odd + rowLength;
            FloatVector x0v = FloatVector.fromArray(SPECIES, x, even + c0 + j0);
            FloatVector x1v = FloatVector.fromArray(SPECIES, x, even + c1 + j0);
            FloatVector x2v = FloatVector.fromArray(SPECIES, x, even + c2 + j0);
            FloatVector y0v = FloatVector.fromArray(SPECIES, x, even + c0 + j1);
            FloatVector y1v = FloatVector.fromArray(SPECIES, x, even + c1 + j1);
            FloatVector y2v = FloatVector.fromArray(SPECIES, x, even + c2 + j1);
            int o = o0 + s * outWidth;
            x2v.fma(w22, x1v.fma(w21, x0v.fma(w20, p))).intoArray(out, o + j0);
            y2v.fma(w22, y1v.fma(w21, y0v.fma(w20, q))).intoArray(out, o + j1);
            p = x2v.fma(w02, x1v.fma(w01, x0v.fma(w00, zero)));
            q = y2v.fma(w02, y1v.fma(w01, y0v.fma(w00, zero)));
        }
    }

    /**
     * 5×5, stride 1, one strip of a vector: input row i completes output row i-4, continues i-3 .. i-1 and
     * starts i. Each of its 5 tap vectors is loaded and multiplied into all 5 rows before the next is loaded
     * (small14: 25 weights + 5 sums + 1 input vector fit the 32 registers; two strips at once spilled and
     * ran 1.6-1.8x slower). Each row's sum is still taken kernel row by kernel row, tap by tap: the same bits.
     */
    private static void rolling5s1(float[] x, int x0, int rowLength, int[] tapColumns, float[] w, int wo,
                                   float[] out, int o0, int outWidth, int rowFrom, int rowTo, int j) {
        int c0 = tapColumns[0];
        int c1 = tapColumns[1];
        int c2 = tapColumns[2];
        int c3 = tapColumns[3];
        int c4 = tapColumns[4];
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo + 0]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w03 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w04 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w13 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector w14 = FloatVector.broadcast(SPECIES, w[wo + 9]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 10]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 11]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 12]);
        FloatVector w23 = FloatVector.broadcast(SPECIES, w[wo + 13]);
        FloatVector w24 = FloatVector.broadcast(SPECIES, w[wo + 14]);
        FloatVector w30 = FloatVector.broadcast(SPECIES, w[wo + 15]);
        FloatVector w31 = FloatVector.broadcast(SPECIES, w[wo + 16]);
        FloatVector w32 = FloatVector.broadcast(SPECIES, w[wo + 17]);
        FloatVector w33 = FloatVector.broadcast(SPECIES, w[wo + 18]);
        FloatVector w34 = FloatVector.broadcast(SPECIES, w[wo + 19]);
        FloatVector w40 = FloatVector.broadcast(SPECIES, w[wo + 20]);
        FloatVector w41 = FloatVector.broadcast(SPECIES, w[wo + 21]);
        FloatVector w42 = FloatVector.broadcast(SPECIES, w[wo + 22]);
        FloatVector w43 = FloatVector.broadcast(SPECIES, w[wo + 23]);
        FloatVector w44 = FloatVector.broadcast(SPECIES, w[wo + 24]);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector p1 = zero; // output row i-m, kernel rows below m done
        FloatVector p2 = zero;
        FloatVector p3 = zero;
        FloatVector p4 = zero;
        FloatVector v;
        for (int i = rowFrom; i < rowTo + 4; i++) {
            int xs = x0 + i * rowLength;
            FloatVector n4 = p4;
            FloatVector n3 = p3;
            FloatVector n2 = p2;
            FloatVector n1 = p1;
            FloatVector n0 = zero;
            v = FloatVector.fromArray(SPECIES, x, xs + c0 + j);
            n4 = v.fma(w40, n4);
            n3 = v.fma(w30, n3);
            n2 = v.fma(w20, n2);
            n1 = v.fma(w10, n1);
            n0 = v.fma(w00, n0);
            v = FloatVector.fromArray(SPECIES, x, xs + c1 + j);
            n4 = v.fma(w41, n4);
            n3 = v.fma(w31, n3);
            n2 = v.fma(w21, n2);
            n1 = v.fma(w11, n1);
            n0 = v.fma(w01, n0);
            v = FloatVector.fromArray(SPECIES, x, xs + c2 + j);
            n4 = v.fma(w42, n4);
            n3 = v.fma(w32, n3);
            n2 = v.fma(w22, n2);
            n1 = v.fma(w12, n1);
            n0 = v.fma(w02, n0);
            v = FloatVector.fromArray(SPECIES, x, xs + c3 + j);
            n4 = v.fma(w43, n4);
            n3 = v.fma(w33, n3);
            n2 = v.fma(w23, n2);
            n1 = v.fma(w13, n1);
            n0 = v.fma(w03, n0);
            v = FloatVector.fromArray(SPECIES, x, xs + c4 + j);
            n4 = v.fma(w44, n4);
            n3 = v.fma(w34, n3);
            n2 = v.fma(w24, n2);
            n1 = v.fma(w14, n1);
            n0 = v.fma(w04, n0);
            if (i >= rowFrom + 4) {
                n4.intoArray(out, o0 + (i - 4) * outWidth + j);
            }
            p4 = n3;
            p3 = n2;
            p2 = n1;
            p1 = n0;
        }
    }

    // dw256: with 16 registers (AVX2) rolling5s1's 25 weights spill whatever it does, and its 5 sums, each a chain of
    // dependent fmas, keep 1.25 of the 2 fma pipes busy; two strips rolled together have 10 chains in flight and
    // read each weight once for both

    /** Whether {@link #depthwiseRows} rolls 5×5 unit-stride strips in pairs ({@link #rolling5s1Pair}): 8 lanes. */
    static final boolean PAIRED_5X5 = LANES == 8;

    /**
     * {@link #rolling5s1} of the strips at {@code j0} and {@code j1} together, each tap vector of both loaded and
     * multiplied into both strips' 5 rows weight by weight. Each output the same sums in the same order: the same bits.
     */
    private static void rolling5s1Pair(float[] x, int x0, int rowLength, int[] tapColumns, float[] w, int wo,
                                       float[] out, int o0, int outWidth, int rowFrom, int rowTo, int j0, int j1) {
        int a0 = tapColumns[0] + j0;
        int a1 = tapColumns[1] + j0;
        int a2 = tapColumns[2] + j0;
        int a3 = tapColumns[3] + j0;
        int a4 = tapColumns[4] + j0;
        int d = j1 - j0;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector p1 = zero; // strip j0's output row i-m, kernel rows below m done
        FloatVector p2 = zero;
        FloatVector p3 = zero;
        FloatVector p4 = zero;
        FloatVector q1 = zero; // strip j1's
        FloatVector q2 = zero;
        FloatVector q3 = zero;
        FloatVector q4 = zero;
        for (int i = rowFrom; i < rowTo + 4; i++) {
            int xs = x0 + i * rowLength;
            FloatVector n4 = p4;
            FloatVector n3 = p3;
            FloatVector n2 = p2;
            FloatVector n1 = p1;
            FloatVector n0 = zero;
            FloatVector m4 = q4;
            FloatVector m3 = q3;
            FloatVector m2 = q2;
            FloatVector m1 = q1;
            FloatVector m0 = zero;
            FloatVector u;
            FloatVector v;
            FloatVector c;
            u = FloatVector.fromArray(SPECIES, x, xs + a0);
            v = FloatVector.fromArray(SPECIES, x, xs + a0 + d);
            c = FloatVector.broadcast(SPECIES, w[wo + 20]);
            n4 = u.fma(c, n4);
            m4 = v.fma(c, m4);
            c = FloatVector.broadcast(SPECIES, w[wo + 15]);
            n3 = u.fma(c, n3);
            m3 = v.fma(c, m3);
            c = FloatVector.broadcast(SPECIES, w[wo + 10]);
            n2 = u.fma(c, n2);
            m2 = v.fma(c, m2);
            c = FloatVector.broadcast(SPECIES, w[wo + 5]);
            n1 = u.fma(c, n1);
            m1 = v.fma(c, m1);
            c = FloatVector.broadcast(SPECIES, w[wo]);
            n0 = u.fma(c, n0);
            m0 = v.fma(c, m0);
            u = FloatVector.fromArray(SPECIES, x, xs + a1);
            v = FloatVector.fromArray(SPECIES, x, xs + a1 + d);
            c = FloatVector.broadcast(SPECIES, w[wo + 21]);
            n4 = u.fma(c, n4);
            m4 = v.fma(c, m4);
            c = FloatVector.broadcast(SPECIES, w[wo + 16]);
            n3 = u.fma(c, n3);
            m3 = v.fma(c, m3);
            c = FloatVector.broadcast(SPECIES, w[wo + 11]);
            n2 = u.fma(c, n2);
            m2 = v.fma(c, m2);
            c = FloatVector.broadcast(SPECIES, w[wo + 6]);
            n1 = u.fma(c, n1);
            m1 = v.fma(c, m1);
            c = FloatVector.broadcast(SPECIES, w[wo + 1]);
            n0 = u.fma(c, n0);
            m0 = v.fma(c, m0);
            u = FloatVector.fromArray(SPECIES, x, xs + a2);
            v = FloatVector.fromArray(SPECIES, x, xs + a2 + d);
            c = FloatVector.broadcast(SPECIES, w[wo + 22]);
            n4 = u.fma(c, n4);
            m4 = v.fma(c, m4);
            c = FloatVector.broadcast(SPECIES, w[wo + 17]);
            n3 = u.fma(c, n3);
            m3 = v.fma(c, m3);
            c = FloatVector.broadcast(SPECIES, w[wo + 12]);
            n2 = u.fma(c, n2);
            m2 = v.fma(c, m2);
            c = FloatVector.broadcast(SPECIES, w[wo + 7]);
            n1 = u.fma(c, n1);
            m1 = v.fma(c, m1);
            c = FloatVector.broadcast(SPECIES, w[wo + 2]);
            n0 = u.fma(c, n0);
            m0 = v.fma(c, m0);
            u = FloatVector.fromArray(SPECIES, x, xs + a3);
            v = FloatVector.fromArray(SPECIES, x, xs + a3 + d);
            c = FloatVector.broadcast(SPECIES, w[wo + 23]);
            n4 = u.fma(c, n4);
            m4 = v.fma(c, m4);
            c = FloatVector.broadcast(SPECIES, w[wo + 18]);
            n3 = u.fma(c, n3);
            m3 = v.fma(c, m3);
            c = FloatVector.broadcast(SPECIES, w[wo + 13]);
            n2 = u.fma(c, n2);
            m2 = v.fma(c, m2);
            c = FloatVector.broadcast(SPECIES, w[wo + 8]);
            n1 = u.fma(c, n1);
            m1 = v.fma(c, m1);
            c = FloatVector.broadcast(SPECIES, w[wo + 3]);
            n0 = u.fma(c, n0);
            m0 = v.fma(c, m0);
            u = FloatVector.fromArray(SPECIES, x, xs + a4);
            v = FloatVector.fromArray(SPECIES, x, xs + a4 + d);
            c = FloatVector.broadcast(SPECIES, w[wo + 24]);
            n4 = u.fma(c, n4);
            m4 = v.fma(c, m4);
            c = FloatVector.broadcast(SPECIES, w[wo + 19]);
            n3 = u.fma(c, n3);
            m3 = v.fma(c, m3);
            c = FloatVector.broadcast(SPECIES, w[wo + 14]);
            n2 = u.fma(c, n2);
            m2 = v.fma(c, m2);
            c = FloatVector.broadcast(SPECIES, w[wo + 9]);
            n1 = u.fma(c, n1);
            m1 = v.fma(c, m1);
            c = FloatVector.broadcast(SPECIES, w[wo + 4]);
            n0 = u.fma(c, n0);
            m0 = v.fma(c, m0);
            if (i >= rowFrom + 4) {
                int o = o0 + (i - 4) * outWidth;
                n4.intoArray(out, o + j0);
                m4.intoArray(out, o + j1);
            }
            p4 = n3;
            p3 = n2;
            p2 = n1;
            p1 = n0;
            q4 = m3;
            q3 = m2;
            q2 = m1;
            q1 = m0;
        }
    }

    /**
     * 5×5, stride 2, one strip: output row s reads input rows 2s .. 2s+4; entering step s, row s has kernel
     * rows 0-2 and row s+1 kernel row 0; step s adds rows 2s+3 and 2s+4, completes row s and starts row s+2.
     * One strip at a time, each tap vector loaded once into every row that reads it, as {@link #rolling5s1}.
     */
    private static void rolling5s2(float[] x, int x0, int rowLength, int[] tapColumns, float[] w, int wo,
                                   float[] out, int o0, int outWidth, int rowFrom, int rowTo, int j) {
        int c0 = tapColumns[0];
        int c1 = tapColumns[1];
        int c2 = tapColumns[2];
        int c3 = tapColumns[3];
        int c4 = tapColumns[4];
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo + 0]);
        FloatVector w01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector w03 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector w04 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector w10 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector w11 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector w12 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector w13 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector w14 = FloatVector.broadcast(SPECIES, w[wo + 9]);
        FloatVector w20 = FloatVector.broadcast(SPECIES, w[wo + 10]);
        FloatVector w21 = FloatVector.broadcast(SPECIES, w[wo + 11]);
        FloatVector w22 = FloatVector.broadcast(SPECIES, w[wo + 12]);
        FloatVector w23 = FloatVector.broadcast(SPECIES, w[wo + 13]);
        FloatVector w24 = FloatVector.broadcast(SPECIES, w[wo + 14]);
        FloatVector w30 = FloatVector.broadcast(SPECIES, w[wo + 15]);
        FloatVector w31 = FloatVector.broadcast(SPECIES, w[wo + 16]);
        FloatVector w32 = FloatVector.broadcast(SPECIES, w[wo + 17]);
        FloatVector w33 = FloatVector.broadcast(SPECIES, w[wo + 18]);
        FloatVector w34 = FloatVector.broadcast(SPECIES, w[wo + 19]);
        FloatVector w40 = FloatVector.broadcast(SPECIES, w[wo + 20]);
        FloatVector w41 = FloatVector.broadcast(SPECIES, w[wo + 21]);
        FloatVector w42 = FloatVector.broadcast(SPECIES, w[wo + 22]);
        FloatVector w43 = FloatVector.broadcast(SPECIES, w[wo + 23]);
        FloatVector w44 = FloatVector.broadcast(SPECIES, w[wo + 24]);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector pa = zero; // output row s, kernel rows 0-2 done on entering step s
        FloatVector pb = zero; // output row s + 1, kernel row 0 done
        FloatVector v;
        int xs = x0 + 2 * rowFrom * rowLength;
        v = FloatVector.fromArray(SPECIES, x, xs + c0 + j);
        pa = v.fma(w00, pa);
        v = FloatVector.fromArray(SPECIES, x, xs + c1 + j);
        pa = v.fma(w01, pa);
        v = FloatVector.fromArray(SPECIES, x, xs + c2 + j);
        pa = v.fma(w02, pa);
        v = FloatVector.fromArray(SPECIES, x, xs + c3 + j);
        pa = v.fma(w03, pa);
        v = FloatVector.fromArray(SPECIES, x, xs + c4 + j);
        pa = v.fma(w04, pa);
        xs += rowLength;
        v = FloatVector.fromArray(SPECIES, x, xs + c0 + j);
        pa = v.fma(w10, pa);
        v = FloatVector.fromArray(SPECIES, x, xs + c1 + j);
        pa = v.fma(w11, pa);
        v = FloatVector.fromArray(SPECIES, x, xs + c2 + j);
        pa = v.fma(w12, pa);
        v = FloatVector.fromArray(SPECIES, x, xs + c3 + j);
        pa = v.fma(w13, pa);
        v = FloatVector.fromArray(SPECIES, x, xs + c4 + j);
        pa = v.fma(w14, pa);
        xs += rowLength;
        v = FloatVector.fromArray(SPECIES, x, xs + c0 + j);
        pa = v.fma(w20, pa);
        pb = v.fma(w00, pb);
        v = FloatVector.fromArray(SPECIES, x, xs + c1 + j);
        pa = v.fma(w21, pa);
        pb = v.fma(w01, pb);
        v = FloatVector.fromArray(SPECIES, x, xs + c2 + j);
        pa = v.fma(w22, pa);
        pb = v.fma(w02, pb);
        v = FloatVector.fromArray(SPECIES, x, xs + c3 + j);
        pa = v.fma(w23, pa);
        pb = v.fma(w03, pb);
        v = FloatVector.fromArray(SPECIES, x, xs + c4 + j);
        pa = v.fma(w24, pa);
        pb = v.fma(w04, pb);
        for (int s = rowFrom; s < rowTo; s++) {
            int odd = x0 + (2 * s + 3) * rowLength;
            v = FloatVector.fromArray(SPECIES, x, odd + c0 + j);
            pa = v.fma(w30, pa);
            pb = v.fma(w10, pb);
            v = FloatVector.fromArray(SPECIES, x, odd + c1 + j);
            pa = v.fma(w31, pa);
            pb = v.fma(w11, pb);
            v = FloatVector.fromArray(SPECIES, x, odd + c2 + j);
            pa = v.fma(w32, pa);
            pb = v.fma(w12, pb);
            v = FloatVector.fromArray(SPECIES, x, odd + c3 + j);
            pa = v.fma(w33, pa);
            pb = v.fma(w13, pb);
            v = FloatVector.fromArray(SPECIES, x, odd + c4 + j);
            pa = v.fma(w34, pa);
            pb = v.fma(w14, pb);
            int even = odd + rowLength;
            FloatVector na = pb;
            FloatVector nb = zero;
            v = FloatVector.fromArray(SPECIES, x, even + c0 + j);
            pa = v.fma(w40, pa);
            na = v.fma(w20, na);
            nb = v.fma(w00, nb);
            v = FloatVector.fromArray(SPECIES, x, even + c1 + j);
            pa = v.fma(w41, pa);
            na = v.fma(w21, na);
            nb = v.fma(w01, nb);
            v = FloatVector.fromArray(SPECIES, x, even + c2 + j);
            pa = v.fma(w42, pa);
            na = v.fma(w22, na);
            nb = v.fma(w02, nb);
            v = FloatVector.fromArray(SPECIES, x, even + c3 + j);
            pa = v.fma(w43, pa);
            na = v.fma(w23, na);
            nb = v.fma(w03, nb);
            v = FloatVector.fromArray(SPECIES, x, even + c4 + j);
            pa = v.fma(w44, pa);
            na = v.fma(w24, na);
            nb = v.fma(w04, nb);
            pa.intoArray(out, o0 + s * outWidth + j);
            pa = na;
            pb = nb;
        }
    }

    @Override
    public void depthwiseTapSums(float[] y, int yo, int outRows, int outWidth, float[] x, int x0, int rowLength,
                                 int stride, int[] tapColumns, int k, double[] sums, int so) {
        if (outWidth < LANES || k != 3 && k != 5) {
            VectorOps.super.depthwiseTapSums(y, yo, outRows, outWidth, x, x0, rowLength, stride, tapColumns, k, sums, so);
            return;
        }
        // per kernel row, one vector of partial sums per tap and strip, held in registers down the plane; a
        // strip moved back to end at the row's end has the response lanes it shares with the one before zeroed
        float[] lanes = DW_TAP_LANES.floats(2 * k * LANES);
        for (int kh = 0; kh < k; kh++) {
            java.util.Arrays.fill(lanes, 0, 2 * k * LANES, 0f);
            for (int j = 0; j < outWidth; j += 2 * LANES) {
                int j0 = Math.min(j, outWidth - LANES);
                int j1 = Math.min(j + LANES, outWidth - LANES);
                int seen = Math.max(0, j + LANES - j1); // strip j1's lanes below this were counted by strip j0 or before
                if (k == 3) {
                    tapSums3(y, yo, outRows, outWidth, x, x0 + kh * rowLength, stride * rowLength, tapColumns[0],
                            tapColumns[1], tapColumns[2], j0, j1, j - j0, seen, lanes);
                } else {
                    tapSums5(y, yo, outRows, outWidth, x, x0 + kh * rowLength, stride * rowLength, tapColumns[0],
                            tapColumns[1], tapColumns[2], tapColumns[3], tapColumns[4], j0, j1, j - j0, seen, lanes);
                }
            }
            for (int t = 0; t < k; t++) {
                double s = 0;
                for (int l = 0; l < 2 * LANES; l++) {
                    s += lanes[2 * t * LANES + l];
                }
                sums[so + kh * k + t] += s;
            }
        }
    }

    private static final ThreadScratch DW_TAP_LANES = new ThreadScratch();

    // dwn20: the stride-2 depthwise weight gradient of rows under a vector, on the forward's phase planes: each
    // tap's products summed in a vector across the flat runs of a call's images (a vector spans several output rows)

    @Override
    public void depthwiseTapRowSums(float[] y, int y0, int yStep, int span, float[] x, int x0, int xStep, int images,
                                    int[] kernelRows, int[] tapColumns, int k, double[] sums, int so) {
        if (k != 3 && k != 5 || span < LANES) {
            VectorOps.super.depthwiseTapRowSums(y, y0, yStep, span, x, x0, xStep, images, kernelRows, tapColumns, k,
                    sums, so);
            return;
        }
        float[] lanes = DW_TAP_LANES.floats(k * k * LANES);
        if (k == 3) { // 9 sums + the response + an input vector in registers
            tapRowSums3(y, y0, yStep, span, x, x0, xStep, images, kernelRows, tapColumns, lanes);
        } else { // a kernel row at a time: 25 sums would leave no registers to spare
            for (int kh = 0; kh < 5; kh++) {
                tapRowSums5(y, y0, yStep, span, x, x0, xStep, images, kernelRows, tapColumns, kh, lanes, kh * 5 * LANES);
            }
        }
        for (int t = 0; t < k * k; t++) { // each tap's lanes in order
            double s = 0;
            for (int l = 0; l < LANES; l++) {
                s += lanes[t * LANES + l];
            }
            sums[so + t] += s;
        }
    }

    /**
     * Whether the tap-sum kernels carry their sums from one image to the next through {@code lanes} rather than in
     * registers: JDK 17's C2 boxed every vector of a loop whose sums were carried across an outer loop (stop 44:
     * dw3x3-56's weight gradient 174 MB a call, 12.6 ms of CPU against 4.0 unboxed); Temurin 25 keeps them in
     * registers, where the loads and stores an image would cost narrow planes.
     */
    static final boolean SPILL_SUMS = Runtime.version().feature() < 18;

    /** {@link #depthwiseTapRowSums}' 9 taps of a 3×3 kernel, each tap's sums a vector in {@code lanes}. */
    private static void tapRowSums3(float[] y, int y0, int yStep, int span, float[] x, int x0, int xStep,
                                    int images, int[] kernelRows, int[] tapColumns, float[] lanes) {
        int o0 = kernelRows[0] + tapColumns[0];
        int o1 = kernelRows[0] + tapColumns[1];
        int o2 = kernelRows[0] + tapColumns[2];
        int o3 = kernelRows[1] + tapColumns[0];
        int o4 = kernelRows[1] + tapColumns[1];
        int o5 = kernelRows[1] + tapColumns[2];
        int o6 = kernelRows[2] + tapColumns[0];
        int o7 = kernelRows[2] + tapColumns[1];
        int o8 = kernelRows[2] + tapColumns[2];
        FloatVector zero = FloatVector.zero(SPECIES);
        java.util.Arrays.fill(lanes, 0, 9 * LANES, 0f);
        int bound = SPECIES.loopBound(span); // whole vectors from each plane's start: no bounds checks in the loop
        int last = span - LANES; // the tail: a vector moved back to end at span, its lanes counted before zeroed
        VectorMask<Float> counted = SPECIES.indexInRange(0, bound - last);
        FloatVector a0 = zero;
        FloatVector a1 = zero;
        FloatVector a2 = zero;
        FloatVector a3 = zero;
        FloatVector a4 = zero;
        FloatVector a5 = zero;
        FloatVector a6 = zero;
        FloatVector a7 = zero;
        FloatVector a8 = zero;
        for (int i = 0; i < images; i++) {
            if (SPILL_SUMS) {
                a0 = FloatVector.fromArray(SPECIES, lanes, 0 * LANES);
                a1 = FloatVector.fromArray(SPECIES, lanes, 1 * LANES);
                a2 = FloatVector.fromArray(SPECIES, lanes, 2 * LANES);
                a3 = FloatVector.fromArray(SPECIES, lanes, 3 * LANES);
                a4 = FloatVector.fromArray(SPECIES, lanes, 4 * LANES);
                a5 = FloatVector.fromArray(SPECIES, lanes, 5 * LANES);
                a6 = FloatVector.fromArray(SPECIES, lanes, 6 * LANES);
                a7 = FloatVector.fromArray(SPECIES, lanes, 7 * LANES);
                a8 = FloatVector.fromArray(SPECIES, lanes, 8 * LANES);
            }
            int ys = y0 + i * yStep;
            int xs = x0 + i * xStep;
            for (int v = 0; v < bound; v += LANES) {
                FloatVector yv = FloatVector.fromArray(SPECIES, y, ys + v);
                a0 = FloatVector.fromArray(SPECIES, x, xs + o0 + v).fma(yv, a0);
                a1 = FloatVector.fromArray(SPECIES, x, xs + o1 + v).fma(yv, a1);
                a2 = FloatVector.fromArray(SPECIES, x, xs + o2 + v).fma(yv, a2);
                a3 = FloatVector.fromArray(SPECIES, x, xs + o3 + v).fma(yv, a3);
                a4 = FloatVector.fromArray(SPECIES, x, xs + o4 + v).fma(yv, a4);
                a5 = FloatVector.fromArray(SPECIES, x, xs + o5 + v).fma(yv, a5);
                a6 = FloatVector.fromArray(SPECIES, x, xs + o6 + v).fma(yv, a6);
                a7 = FloatVector.fromArray(SPECIES, x, xs + o7 + v).fma(yv, a7);
                a8 = FloatVector.fromArray(SPECIES, x, xs + o8 + v).fma(yv, a8);
            }
            if (bound < span) {
                int v = last;
                FloatVector yv = FloatVector.fromArray(SPECIES, y, ys + v).blend(zero, counted);
                a0 = FloatVector.fromArray(SPECIES, x, xs + o0 + v).fma(yv, a0);
                a1 = FloatVector.fromArray(SPECIES, x, xs + o1 + v).fma(yv, a1);
                a2 = FloatVector.fromArray(SPECIES, x, xs + o2 + v).fma(yv, a2);
                a3 = FloatVector.fromArray(SPECIES, x, xs + o3 + v).fma(yv, a3);
                a4 = FloatVector.fromArray(SPECIES, x, xs + o4 + v).fma(yv, a4);
                a5 = FloatVector.fromArray(SPECIES, x, xs + o5 + v).fma(yv, a5);
                a6 = FloatVector.fromArray(SPECIES, x, xs + o6 + v).fma(yv, a6);
                a7 = FloatVector.fromArray(SPECIES, x, xs + o7 + v).fma(yv, a7);
                a8 = FloatVector.fromArray(SPECIES, x, xs + o8 + v).fma(yv, a8);
            }
            if (SPILL_SUMS) {
                a0.intoArray(lanes, 0 * LANES);
                a1.intoArray(lanes, 1 * LANES);
                a2.intoArray(lanes, 2 * LANES);
                a3.intoArray(lanes, 3 * LANES);
                a4.intoArray(lanes, 4 * LANES);
                a5.intoArray(lanes, 5 * LANES);
                a6.intoArray(lanes, 6 * LANES);
                a7.intoArray(lanes, 7 * LANES);
                a8.intoArray(lanes, 8 * LANES);
            }
        }
        if (!SPILL_SUMS) {
            a0.intoArray(lanes, 0 * LANES);
            a1.intoArray(lanes, 1 * LANES);
            a2.intoArray(lanes, 2 * LANES);
            a3.intoArray(lanes, 3 * LANES);
            a4.intoArray(lanes, 4 * LANES);
            a5.intoArray(lanes, 5 * LANES);
            a6.intoArray(lanes, 6 * LANES);
            a7.intoArray(lanes, 7 * LANES);
            a8.intoArray(lanes, 8 * LANES);
        }
    }

    /** {@link #depthwiseTapRowSums}' 5 taps of kernel row kh0 of a 5×5 kernel, each tap's sums a vector in {@code lanes}. */
    private static void tapRowSums5(float[] y, int y0, int yStep, int span, float[] x, int x0, int xStep,
                                    int images, int[] kernelRows, int[] tapColumns, int kh0, float[] lanes, int lo) {
        int o0 = kernelRows[kh0] + tapColumns[0];
        int o1 = kernelRows[kh0] + tapColumns[1];
        int o2 = kernelRows[kh0] + tapColumns[2];
        int o3 = kernelRows[kh0] + tapColumns[3];
        int o4 = kernelRows[kh0] + tapColumns[4];
        FloatVector zero = FloatVector.zero(SPECIES);
        java.util.Arrays.fill(lanes, lo, lo + 5 * LANES, 0f);
        int bound = SPECIES.loopBound(span); // whole vectors from each plane's start: no bounds checks in the loop
        int last = span - LANES; // the tail: a vector moved back to end at span, its lanes counted before zeroed
        VectorMask<Float> counted = SPECIES.indexInRange(0, bound - last);
        FloatVector a0 = zero;
        FloatVector a1 = zero;
        FloatVector a2 = zero;
        FloatVector a3 = zero;
        FloatVector a4 = zero;
        for (int i = 0; i < images; i++) {
            if (SPILL_SUMS) {
                a0 = FloatVector.fromArray(SPECIES, lanes, lo + 0 * LANES);
                a1 = FloatVector.fromArray(SPECIES, lanes, lo + 1 * LANES);
                a2 = FloatVector.fromArray(SPECIES, lanes, lo + 2 * LANES);
                a3 = FloatVector.fromArray(SPECIES, lanes, lo + 3 * LANES);
                a4 = FloatVector.fromArray(SPECIES, lanes, lo + 4 * LANES);
            }
            int ys = y0 + i * yStep;
            int xs = x0 + i * xStep;
            for (int v = 0; v < bound; v += LANES) {
                FloatVector yv = FloatVector.fromArray(SPECIES, y, ys + v);
                a0 = FloatVector.fromArray(SPECIES, x, xs + o0 + v).fma(yv, a0);
                a1 = FloatVector.fromArray(SPECIES, x, xs + o1 + v).fma(yv, a1);
                a2 = FloatVector.fromArray(SPECIES, x, xs + o2 + v).fma(yv, a2);
                a3 = FloatVector.fromArray(SPECIES, x, xs + o3 + v).fma(yv, a3);
                a4 = FloatVector.fromArray(SPECIES, x, xs + o4 + v).fma(yv, a4);
            }
            if (bound < span) {
                int v = last;
                FloatVector yv = FloatVector.fromArray(SPECIES, y, ys + v).blend(zero, counted);
                a0 = FloatVector.fromArray(SPECIES, x, xs + o0 + v).fma(yv, a0);
                a1 = FloatVector.fromArray(SPECIES, x, xs + o1 + v).fma(yv, a1);
                a2 = FloatVector.fromArray(SPECIES, x, xs + o2 + v).fma(yv, a2);
                a3 = FloatVector.fromArray(SPECIES, x, xs + o3 + v).fma(yv, a3);
                a4 = FloatVector.fromArray(SPECIES, x, xs + o4 + v).fma(yv, a4);
            }
            if (SPILL_SUMS) {
                a0.intoArray(lanes, lo + 0 * LANES);
                a1.intoArray(lanes, lo + 1 * LANES);
                a2.intoArray(lanes, lo + 2 * LANES);
                a3.intoArray(lanes, lo + 3 * LANES);
                a4.intoArray(lanes, lo + 4 * LANES);
            }
        }
        if (!SPILL_SUMS) {
            a0.intoArray(lanes, lo + 0 * LANES);
            a1.intoArray(lanes, lo + 1 * LANES);
            a2.intoArray(lanes, lo + 2 * LANES);
            a3.intoArray(lanes, lo + 3 * LANES);
            a4.intoArray(lanes, lo + 4 * LANES);
        }
    }


    // dws23: the unit-stride 3×3 depthwise weight gradient on whole planes: the response read in place, each image
    // plane one flat copy between zero rows, the column padding as masks (dw3x3-19-48's padded row copies were
    // 60 % of the flat tap rows' pass)

    @Override
    public void depthwiseSameTapSums3(float[] y, float[] x, int base, int step, int images, int height, int width,
                                      double[] sums, int so) {
        int size = height * width;
        if (size < LANES) {
            VectorOps.super.depthwiseSameTapSums3(y, x, base, step, images, height, width, sums, so);
            return;
        }
        ColumnEdges edges = COLUMN_EDGES.get().of(width, size);
        int pitch = size + width + 1; // each copy after width + 1 zeros, the last one's followed by as many
        float[] plane = SAME_PLANE.floats(images * pitch + width + 1);
        for (int i = 0; i < images; i++) { // all copies first: no load meets a store still in flight
            java.util.Arrays.fill(plane, i * pitch, i * pitch + width + 1, 0f);
            System.arraycopy(x, base + i * step, plane, i * pitch + width + 1, size);
        }
        java.util.Arrays.fill(plane, images * pitch, images * pitch + width + 1, 0f);
        float[] lanes = DW_TAP_LANES.floats(9 * LANES);
        sameTaps3(y, x, base, step, images, width, size, edges.first, edges.last, plane, lanes);
        for (int t = 0; t < 9; t++) { // each tap's lanes in order
            double s = 0;
            for (int l = 0; l < LANES; l++) {
                s += lanes[t * LANES + l];
            }
            sums[so + t] += s;
        }
    }

    private static final ThreadScratch SAME_PLANE = new ThreadScratch();

    /** Per thread: which flat positions of a plane lie in its first column and in its last. */
    private static final ThreadLocal<ColumnEdges> COLUMN_EDGES = ThreadLocal.withInitial(ColumnEdges::new);

    /**
     * Flat positions q of a plane {@code width} wide and {@code size} floats: {@code first[q]} whether q is in the
     * plane's first column (no input to its left), {@code last[q]} in its last.
     */
    private static final class ColumnEdges {
        int width = -1;
        int size = -1;
        boolean[] first;
        boolean[] last;

        ColumnEdges of(int width, int size) {
            if (width != this.width || size != this.size) {
                first = new boolean[size];
                last = new boolean[size];
                for (int q = 0; q < size; q++) {
                    first[q] = q % width == 0;
                    last[q] = q % width == width - 1;
                }
                this.width = width;
                this.size = size;
            }
            return this;
        }
    }

    /**
     * {@link #depthwiseSameTapSums3} over planes of {@code size} floats, each image plane copied into {@code plane}
     * after {@code width + 1} zeros: each tap's sums a vector in registers, stored to {@code lanes}; the last vector
     * moved back to end at the plane's end, the response lanes counted before zeroed.
     */
    private static void sameTaps3(float[] y, float[] x, int base, int step, int images, int width, int size,
                                  boolean[] first, boolean[] last, float[] plane, float[] lanes) {
        FloatVector zero = FloatVector.zero(SPECIES);
        java.util.Arrays.fill(lanes, 0, 9 * LANES, 0f);
        int bound = SPECIES.loopBound(size);
        int tail = size - LANES;
        VectorMask<Float> counted = SPECIES.indexInRange(0, bound - tail);
        FloatVector a0 = zero;
        FloatVector a1 = zero;
        FloatVector a2 = zero;
        FloatVector a3 = zero;
        FloatVector a4 = zero;
        FloatVector a5 = zero;
        FloatVector a6 = zero;
        FloatVector a7 = zero;
        FloatVector a8 = zero;
        for (int i = 0; i < images; i++) {
            if (SPILL_SUMS) {
                a0 = FloatVector.fromArray(SPECIES, lanes, 0 * LANES);
                a1 = FloatVector.fromArray(SPECIES, lanes, 1 * LANES);
                a2 = FloatVector.fromArray(SPECIES, lanes, 2 * LANES);
                a3 = FloatVector.fromArray(SPECIES, lanes, 3 * LANES);
                a4 = FloatVector.fromArray(SPECIES, lanes, 4 * LANES);
                a5 = FloatVector.fromArray(SPECIES, lanes, 5 * LANES);
                a6 = FloatVector.fromArray(SPECIES, lanes, 6 * LANES);
                a7 = FloatVector.fromArray(SPECIES, lanes, 7 * LANES);
                a8 = FloatVector.fromArray(SPECIES, lanes, 8 * LANES);
            }
            int b = base + i * step;
            int at = i * (size + width + 1) + width + 1; // the plane's first float in its copy
            for (int p = 0; p < bound; p += LANES) { // whole vectors from the plane's start: no bounds checks
                FloatVector yv = FloatVector.fromArray(SPECIES, y, b + p);
                VectorMask<Float> l = VectorMask.fromArray(SPECIES, first, p); // no input to the left: zero
                VectorMask<Float> r = VectorMask.fromArray(SPECIES, last, p);
                int up = at + p - width;
                int mid = at + p;
                int down = at + p + width;
                a0 = FloatVector.fromArray(SPECIES, plane, up - 1).blend(zero, l).fma(yv, a0);
                a1 = FloatVector.fromArray(SPECIES, plane, up).fma(yv, a1);
                a2 = FloatVector.fromArray(SPECIES, plane, up + 1).blend(zero, r).fma(yv, a2);
                a3 = FloatVector.fromArray(SPECIES, plane, mid - 1).blend(zero, l).fma(yv, a3);
                a4 = FloatVector.fromArray(SPECIES, plane, mid).fma(yv, a4);
                a5 = FloatVector.fromArray(SPECIES, plane, mid + 1).blend(zero, r).fma(yv, a5);
                a6 = FloatVector.fromArray(SPECIES, plane, down - 1).blend(zero, l).fma(yv, a6);
                a7 = FloatVector.fromArray(SPECIES, plane, down).fma(yv, a7);
                a8 = FloatVector.fromArray(SPECIES, plane, down + 1).blend(zero, r).fma(yv, a8);
            }
            if (bound < size) { // the last vector moved back to end at the plane's end, its lanes counted before zeroed
                FloatVector yv = FloatVector.fromArray(SPECIES, y, b + tail).blend(zero, counted);
                VectorMask<Float> l = VectorMask.fromArray(SPECIES, first, tail);
                VectorMask<Float> r = VectorMask.fromArray(SPECIES, last, tail);
                int up = at + tail - width;
                int mid = at + tail;
                int down = at + tail + width;
                a0 = FloatVector.fromArray(SPECIES, plane, up - 1).blend(zero, l).fma(yv, a0);
                a1 = FloatVector.fromArray(SPECIES, plane, up).fma(yv, a1);
                a2 = FloatVector.fromArray(SPECIES, plane, up + 1).blend(zero, r).fma(yv, a2);
                a3 = FloatVector.fromArray(SPECIES, plane, mid - 1).blend(zero, l).fma(yv, a3);
                a4 = FloatVector.fromArray(SPECIES, plane, mid).fma(yv, a4);
                a5 = FloatVector.fromArray(SPECIES, plane, mid + 1).blend(zero, r).fma(yv, a5);
                a6 = FloatVector.fromArray(SPECIES, plane, down - 1).blend(zero, l).fma(yv, a6);
                a7 = FloatVector.fromArray(SPECIES, plane, down).fma(yv, a7);
                a8 = FloatVector.fromArray(SPECIES, plane, down + 1).blend(zero, r).fma(yv, a8);
            }
            if (SPILL_SUMS) {
                a0.intoArray(lanes, 0 * LANES);
                a1.intoArray(lanes, 1 * LANES);
                a2.intoArray(lanes, 2 * LANES);
                a3.intoArray(lanes, 3 * LANES);
                a4.intoArray(lanes, 4 * LANES);
                a5.intoArray(lanes, 5 * LANES);
                a6.intoArray(lanes, 6 * LANES);
                a7.intoArray(lanes, 7 * LANES);
                a8.intoArray(lanes, 8 * LANES);
            }
        }
        if (!SPILL_SUMS) {
            a0.intoArray(lanes, 0 * LANES);
            a1.intoArray(lanes, 1 * LANES);
            a2.intoArray(lanes, 2 * LANES);
            a3.intoArray(lanes, 3 * LANES);
            a4.intoArray(lanes, 4 * LANES);
            a5.intoArray(lanes, 5 * LANES);
            a6.intoArray(lanes, 6 * LANES);
            a7.intoArray(lanes, 7 * LANES);
            a8.intoArray(lanes, 8 * LANES);
        }
    }

    /**
     * Adds the products of the response rows' strips at columns j0 and j1 (their first {@code seenA} and
     * {@code seenB} lanes zeroed: counted before) with the input rows' at {@code x[x0 + r·rowStep + c_t]}
     * to {@code lanes} (2 vectors per tap).
     */
    private static void tapSums3(float[] y, int yo, int outRows, int outWidth, float[] x, int x0, int rowStep, int c0,
                                 int c1, int c2, int j0, int j1, int seenA, int seenB, float[] lanes) {
        VectorMask<Float> countedA = SPECIES.indexInRange(0, seenA);
        VectorMask<Float> countedB = SPECIES.indexInRange(0, seenB);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector a0 = zero;
        FloatVector a1 = zero;
        FloatVector a2 = zero;
        FloatVector b0 = zero;
        FloatVector b1 = zero;
        FloatVector b2 = zero;
        for (int r = 0; r < outRows; r++) {
            int ys = yo + r * outWidth;
            int xs = x0 + r * rowStep;
            FloatVector ya = FloatVector.fromArray(SPECIES, y, ys + j0).blend(zero, countedA);
            FloatVector yb = FloatVector.fromArray(SPECIES, y, ys + j1).blend(zero, countedB);
            a0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0).fma(ya, a0);
            b0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1).fma(yb, b0);
            a1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0).fma(ya, a1);
            b1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1).fma(yb, b1);
            a2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0).fma(ya, a2);
            b2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1).fma(yb, b2);
        }
        FloatVector.fromArray(SPECIES, lanes, 0).add(a0).intoArray(lanes, 0);
        FloatVector.fromArray(SPECIES, lanes, LANES).add(b0).intoArray(lanes, LANES);
        FloatVector.fromArray(SPECIES, lanes, 2 * LANES).add(a1).intoArray(lanes, 2 * LANES);
        FloatVector.fromArray(SPECIES, lanes, 3 * LANES).add(b1).intoArray(lanes, 3 * LANES);
        FloatVector.fromArray(SPECIES, lanes, 4 * LANES).add(a2).intoArray(lanes, 4 * LANES);
        FloatVector.fromArray(SPECIES, lanes, 5 * LANES).add(b2).intoArray(lanes, 5 * LANES);
    }

    /**
     * Adds the products of the response rows' strips at columns j0 and j1 (their first {@code seenA} and
     * {@code seenB} lanes zeroed: counted before) with the input rows' at {@code x[x0 + r·rowStep + c_t]}, five taps,
     * to {@code lanes} (2 vectors per tap).
     */
    private static void tapSums5(float[] y, int yo, int outRows, int outWidth, float[] x, int x0, int rowStep, int c0,
                                 int c1, int c2, int c3, int c4, int j0, int j1, int seenA, int seenB, float[] lanes) {
        VectorMask<Float> countedA = SPECIES.indexInRange(0, seenA);
        VectorMask<Float> countedB = SPECIES.indexInRange(0, seenB);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector a0 = zero;
        FloatVector a1 = zero;
        FloatVector a2 = zero;
        FloatVector b0 = zero;
        FloatVector b1 = zero;
        FloatVector b2 = zero;
        FloatVector a3 = zero;
        FloatVector b3 = zero;
        FloatVector a4 = zero;
        FloatVector b4 = zero;
        for (int r = 0; r < outRows; r++) {
            int ys = yo + r * outWidth;
            int xs = x0 + r * rowStep;
            FloatVector ya = FloatVector.fromArray(SPECIES, y, ys + j0).blend(zero, countedA);
            FloatVector yb = FloatVector.fromArray(SPECIES, y, ys + j1).blend(zero, countedB);
            a0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j0).fma(ya, a0);
            b0 = FloatVector.fromArray(SPECIES, x, xs + c0 + j1).fma(yb, b0);
            a1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j0).fma(ya, a1);
            b1 = FloatVector.fromArray(SPECIES, x, xs + c1 + j1).fma(yb, b1);
            a2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j0).fma(ya, a2);
            b2 = FloatVector.fromArray(SPECIES, x, xs + c2 + j1).fma(yb, b2);
            a3 = FloatVector.fromArray(SPECIES, x, xs + c3 + j0).fma(ya, a3);
            b3 = FloatVector.fromArray(SPECIES, x, xs + c3 + j1).fma(yb, b3);
            a4 = FloatVector.fromArray(SPECIES, x, xs + c4 + j0).fma(ya, a4);
            b4 = FloatVector.fromArray(SPECIES, x, xs + c4 + j1).fma(yb, b4);
        }
        FloatVector.fromArray(SPECIES, lanes, 0).add(a0).intoArray(lanes, 0);
        FloatVector.fromArray(SPECIES, lanes, LANES).add(b0).intoArray(lanes, LANES);
        FloatVector.fromArray(SPECIES, lanes, 2 * LANES).add(a1).intoArray(lanes, 2 * LANES);
        FloatVector.fromArray(SPECIES, lanes, 3 * LANES).add(b1).intoArray(lanes, 3 * LANES);
        FloatVector.fromArray(SPECIES, lanes, 4 * LANES).add(a2).intoArray(lanes, 4 * LANES);
        FloatVector.fromArray(SPECIES, lanes, 5 * LANES).add(b2).intoArray(lanes, 5 * LANES);
        FloatVector.fromArray(SPECIES, lanes, 6 * LANES).add(a3).intoArray(lanes, 6 * LANES);
        FloatVector.fromArray(SPECIES, lanes, 7 * LANES).add(b3).intoArray(lanes, 7 * LANES);
        FloatVector.fromArray(SPECIES, lanes, 8 * LANES).add(a4).intoArray(lanes, 8 * LANES);
        FloatVector.fromArray(SPECIES, lanes, 9 * LANES).add(b4).intoArray(lanes, 9 * LANES);
    }

    // wgrad8: the row halves of the F(2×2, 3×3) weight gradient's transforms

    @Override
    public void winograd2InputFrom(float[] in, int x0, int x1, int x2, int x3, float[] out, int o, int outStep, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector d0 = FloatVector.fromArray(SPECIES, in, x0 + i);
            FloatVector d1 = FloatVector.fromArray(SPECIES, in, x1 + i);
            FloatVector d2 = FloatVector.fromArray(SPECIES, in, x2 + i);
            FloatVector d3 = FloatVector.fromArray(SPECIES, in, x3 + i);
            d0.sub(d2).intoArray(out, o + i);
            d1.add(d2).intoArray(out, o + outStep + i);
            d2.sub(d1).intoArray(out, o + 2 * outStep + i);
            d1.sub(d3).intoArray(out, o + 3 * outStep + i);
        }
        for (; i < n; i++) {
            VectorOps.winograd2InputFromAt(in, x0 + i, x1 + i, x2 + i, x3 + i, out, o + i, outStep);
        }
    }

    @Override
    public void winograd2GradientTile(float[] in, int x00, int x01, int x10, int x11, float[] out, int o, int s, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            gradientTileLanes(in, x00, x01, x10, x11, out, o, s, i);
        }
        if (i < n && n >= LANES && in != out) {
            // wgw56: the tail as one vector ending at n (rows of an odd number of tiles: 8 of 56 floats at 7 tiles);
            // its first lanes recompute outputs already written, with the same operations, so the bits are the same
            gradientTileLanes(in, x00, x01, x10, x11, out, o, s, n - LANES);
            return;
        }
        for (; i < n; i++) {
            VectorOps.winograd2GradientTileAt(in, x00 + i, x01 + i, x10 + i, x11 + i, out, o + i, s);
        }
    }

    /** {@link #winograd2GradientTile}'s lanes [i, i + LANES). */
    private static void gradientTileLanes(float[] in, int x00, int x01, int x10, int x11, float[] out, int o, int s, int i) {
        FloatVector g0e = FloatVector.fromArray(SPECIES, in, x00 + i);
        FloatVector g0o = FloatVector.fromArray(SPECIES, in, x01 + i);
        FloatVector g1e = FloatVector.fromArray(SPECIES, in, x10 + i);
        FloatVector g1o = FloatVector.fromArray(SPECIES, in, x11 + i);
        FloatVector h1e = g0e.add(g1e).mul(0.5f);
        FloatVector h1o = g0o.add(g1o).mul(0.5f);
        FloatVector h2e = g0e.sub(g1e).mul(0.5f);
        FloatVector h2o = g0o.sub(g1o).mul(0.5f);
        FloatVector n1e = g1e.neg();
        FloatVector n1o = g1o.neg();
        g0e.intoArray(out, o + i);
        g0e.add(g0o).mul(0.5f).intoArray(out, o + s + i);
        g0e.sub(g0o).mul(0.5f).intoArray(out, o + 2 * s + i);
        g0o.neg().intoArray(out, o + 3 * s + i);
        h1e.intoArray(out, o + 4 * s + i);
        h1e.add(h1o).mul(0.5f).intoArray(out, o + 5 * s + i);
        h1e.sub(h1o).mul(0.5f).intoArray(out, o + 6 * s + i);
        h1o.neg().intoArray(out, o + 7 * s + i);
        h2e.intoArray(out, o + 8 * s + i);
        h2e.add(h2o).mul(0.5f).intoArray(out, o + 9 * s + i);
        h2e.sub(h2o).mul(0.5f).intoArray(out, o + 10 * s + i);
        h2o.neg().intoArray(out, o + 11 * s + i);
        n1e.intoArray(out, o + 12 * s + i);
        n1e.add(n1o).mul(0.5f).intoArray(out, o + 13 * s + i);
        n1e.sub(n1o).mul(0.5f).intoArray(out, o + 14 * s + i);
        g1o.intoArray(out, o + 15 * s + i);
    }

    // bn8: ReLU's backward and batch norm's backward passes, as selects (no subnormal slopes; see VectorOps)

    // threshold_backward's select, g where out > 0 or is NaN, else 0, is written out in each loop below as
    // g.blend(zero, out <= 0): a helper taking and returning the vector was not always inlined into
    // reluSumAndCenteredDot, and then boxed both (train15: ~0.4 MB a cnn2 training step, in every JVM run).

    @Override
    public void reluBackward(float[] out, int oo, float[] g, int go, int n) {
        int i = 0;
        for (; i <= n - LANES; i += LANES) {
            FloatVector.fromArray(SPECIES, g, go + i).blend(FloatVector.zero(SPECIES),
                    FloatVector.fromArray(SPECIES, out, oo + i).compare(VectorOperators.LE, 0f)).intoArray(g, go + i);
        }
        for (; i < n; i++) {
            g[go + i] = out[oo + i] <= 0f ? 0f : g[go + i];
        }
    }

    /**
     * jit27: {@code LANES} trues then {@code LANES} falses, for {@link #reluSumAndCenteredDot}'s one vector left
     * after its two-vector loop (28×28 planes have one, 14×14 ones none): read {@code min(n - i, LANES)} back
     * from i's vector end with the lanes from {@code LAST_VECTOR_SKIPS[left & LANES]} zeroed, all of them when
     * fewer than LANES floats are left. A branch there was compiled out by the 14×14 planes of cnn2's backward
     * (the first it meets) and deoptimized by the 28×28 ones: a second C2 compile every run. The sums start at
     * +0 and never become -0, so adding the zeroed lanes' +0 leaves them as they were: the same bits.
     * (sumAndCenteredDot the same way only moved its trap to the scalar tail loop, which 28×28 planes never
     * enter and 14×14 ones do, and the forward meets 28×28 first: still two compiles, so it keeps its branch.)
     */
    private static final boolean[] LAST_VECTOR_SKIPS = new boolean[2 * LANES];

    static {
        java.util.Arrays.fill(LAST_VECTOR_SKIPS, 0, LANES, true);
    }

    @Override
    public void reluSumAndCenteredDot(float[] x, int xo, float[] out, int oo, float[] y, int yo, float shift, int n,
                                      float[] sums, int o) {
        // sumAndCenteredDot's lanes and order on the masked gradient; the sums carried through lanewise (see pool7)
        FloatVector center = FloatVector.broadcast(SPECIES, shift);
        // the sums start from zero(), never from a static final vector: a constant object entering a
        // loop-carried vector made C2 box the sums (2.4 against 0.6 ms over cnn2's first activation)
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = FloatVector.zero(SPECIES);
        FloatVector d0 = FloatVector.zero(SPECIES);
        FloatVector d1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i <= n - 2 * LANES; i += 2 * LANES) {
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, xo + i).blend(FloatVector.zero(SPECIES),
                    FloatVector.fromArray(SPECIES, out, oo + i).compare(VectorOperators.LE, 0f));
            FloatVector x1 = FloatVector.fromArray(SPECIES, x, xo + i + LANES).blend(FloatVector.zero(SPECIES),
                    FloatVector.fromArray(SPECIES, out, oo + i + LANES).compare(VectorOperators.LE, 0f));
            s0 = s0.lanewise(VectorOperators.ADD, x0);
            s1 = s1.lanewise(VectorOperators.ADD, x1);
            d0 = x0.fma(FloatVector.fromArray(SPECIES, y, yo + i).sub(center), d0);
            d1 = x1.fma(FloatVector.fromArray(SPECIES, y, yo + i + LANES).sub(center), d1);
        }
        if (n >= LANES) { // the one vector left, if any, without a branch on it (see LAST_VECTOR_SKIPS)
            int left = Math.min(n - i, LANES);
            int at = i + left - LANES;
            VectorMask<Float> skip = VectorMask.fromArray(SPECIES, LAST_VECTOR_SKIPS, left & LANES);
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, xo + at).blend(FloatVector.zero(SPECIES),
                    FloatVector.fromArray(SPECIES, out, oo + at).compare(VectorOperators.LE, 0f).or(skip));
            s0 = s0.lanewise(VectorOperators.ADD, x0);
            d0 = x0.fma(FloatVector.fromArray(SPECIES, y, yo + at).sub(center).blend(FloatVector.zero(SPECIES), skip), d0);
            i += left & LANES;
        }
        float s = addLanesPairwise(s0.lanewise(VectorOperators.ADD, s1));
        float d = addLanesPairwise(d0.lanewise(VectorOperators.ADD, d1));
        for (; i < n; i++) {
            float xi = out[oo + i] <= 0f ? 0f : x[xo + i];
            s += xi;
            d += xi * (y[yo + i] - shift);
        }
        sums[o] = s;
        sums[o + 1] = d;
    }

    @Override
    public void batchNormInputGradient(float[] g, int go, float[] x, int xo, float[] reluOut, int ro, float mean,
                                       float invStd, float k, float meanG, float meanGx, int n) {
        FloatVector mu = FloatVector.broadcast(SPECIES, mean);
        FloatVector is = FloatVector.broadcast(SPECIES, invStd);
        FloatVector scale = FloatVector.broadcast(SPECIES, k);
        FloatVector mg = FloatVector.broadcast(SPECIES, meanG);
        FloatVector mgx = FloatVector.broadcast(SPECIES, meanGx);
        int i = 0;
        if (reluOut == null) {
            for (; i <= n - LANES; i += LANES) {
                FloatVector h = FloatVector.fromArray(SPECIES, x, xo + i).sub(mu).mul(is);
                FloatVector gi = FloatVector.fromArray(SPECIES, g, go + i);
                exactFloats(scale.mul(gi.sub(mg).sub(h.mul(mgx)))).intoArray(g, go + i);
            }
        } else {
            for (; i <= n - LANES; i += LANES) {
                FloatVector h = FloatVector.fromArray(SPECIES, x, xo + i).sub(mu).mul(is);
                FloatVector gi = FloatVector.fromArray(SPECIES, g, go + i).blend(FloatVector.zero(SPECIES),
                        FloatVector.fromArray(SPECIES, reluOut, ro + i).compare(VectorOperators.LE, 0f));
                exactFloats(scale.mul(gi.sub(mg).sub(h.mul(mgx)))).intoArray(g, go + i);
            }
        }
        VectorOps.super.batchNormInputGradient(g, go + i, x, xo + i, reluOut, ro + i, mean, invStd, k, meanG, meanGx,
                n - i);
    }

    // tr51: dropout's mask, eight draws (sixteen elements) a 512-bit vector

    private static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, SPECIES.vectorShape());
    /** Whether {@link #dropoutMask} runs in the long lanes: 512-bit vectors, JDK 18 and later (see there). */
    private static final boolean LONG_LANES_COMPILED = LONGS.vectorBitSize() == 512 && Runtime.version().feature() >= 18;
    /** Draws 1 .. LONGS.length() of a range: {@code d·γ} added to its seed. */
    private static final LongVector FIRST_DRAWS = LongVector.fromArray(LONGS, firstDraws(), 0);

    private static long[] firstDraws() {
        long[] steps = new long[LONGS.length()];
        for (int j = 0; j < steps.length; j++) {
            steps[j] = (j + 1) * GOLDEN_GAMMA;
        }
        return steps;
    }

    /**
     * SplitMix64 in the long lanes; each draw's halves swapped (high bits to the lower int lane, element 2j) and
     * compared unsigned (sign bits flipped) with the threshold; the mask selected as bits, as the scalar form does.
     * Thresholds of 2^32 (every element dropped) take the scalar form, and so does every shape but 512 bits: measured
     * there only (AVX-512 multiplies long lanes in one instruction). Not on JDK 17, whose C2 boxed this kernel's vectors
     * in the training step (1.2 MB a call, 0.47 against the scalar form's 0.41 ms, -Xbatch; alone in a JVM it did not).
     */
    @Override
    public void dropoutMask(float[] x, float[] mask, float[] out, int from, int to, long seed, long threshold,
                            float keep) {
        int i = from;
        if (threshold <= 0xFFFFFFFFL && LONG_LANES_COMPILED) {
            int flippedThreshold = (int) threshold ^ Integer.MIN_VALUE;
            IntVector keepBits = IntVector.broadcast(INT_SPECIES, Float.floatToRawIntBits(keep));
            IntVector dropBits = IntVector.zero(INT_SPECIES);
            long vectorStride = (long) LONGS.length() * GOLDEN_GAMMA;
            LongVector z0 = FIRST_DRAWS.add(seed);
            for (; i <= to - LANES; i += LANES) {
                LongVector z = z0;
                z0 = z0.add(vectorStride);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xbf58476d1ce4e5b9L);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94d049bb133111ebL);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
                IntVector draws = z.lanewise(VectorOperators.LSHL, 32).or(z.lanewise(VectorOperators.LSHR, 32))
                        .reinterpretAsInts();
                VectorMask<Integer> kept = draws.lanewise(VectorOperators.XOR, Integer.MIN_VALUE)
                        .compare(VectorOperators.GE, flippedThreshold);
                FloatVector m = dropBits.blend(keepBits, kept).reinterpretAsFloats();
                m.intoArray(mask, i);
                FloatVector.fromArray(SPECIES, x, i).mul(m).intoArray(out, i);
            }
        }
        VectorOps.super.dropoutMask(x, mask, out, i, to, seed + (long) ((i - from) / 2) * GOLDEN_GAMMA, threshold, keep);
    }

    // pool8: stride-1 window sums rows first, from a short row of column sums in L1

    @Override
    public void slidingSums(float[] row, int from, int kw, int count, float[] out, int outOff) {
        sumRowSliding(row, from, kw, count, out, outOff);
    }

    /** In a method of its own, named as the launcher's dontinline patterns (sumRow*) match it: whole loads (the row has padding), a masked last store. */
    private static void sumRowSliding(float[] row, int from, int kw, int count, float[] out, int outOff) {
        for (int j = 0; j < count; j += LANES) {
            FloatVector s = slidingWindowSum(row, from + j, kw);
            if (j + LANES <= count) {
                exactFloats(s).intoArray(out, outOff + j);
            } else {
                exactFloats(s).intoArray(out, outOff + j, SPECIES.indexInRange(j, count));
            }
        }
    }

    @Override
    public void spreadRows(float[] from, int rowStride, int[] starts, int[] rows, int count, int n, float[] to, int at) {
        if (n < LANES) {
            VectorOps.super.spreadRows(from, rowStride, starts, rows, count, n, to, at);
            return;
        }
        sumRowLists(from, rowStride, starts, rows, count, n, to, at);
    }

    /**
     * pool29: {@link #spreadRows} on whole vectors, the last moved back to end at the row's end (it rewrites the same
     * sums: {@code to} is only written), so no store passes the row. Named for the launcher's dontinline pattern (sumRow*).
     */
    private static void sumRowLists(float[] from, int rowStride, int[] starts, int[] rows, int count, int n, float[] to,
                                    int at) {
        int last = n - LANES;
        for (int h = 0; h < count; h++, at += n) {
            int first = starts[h];
            int end = starts[h + 1];
            for (int c = 0; c < n; c += LANES) {
                int col = Math.min(c, last);
                FloatVector s = FloatVector.zero(SPECIES);
                for (int k = first; k < end; k++) {
                    s = s.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, from, rows[k] * rowStride + col));
                }
                exactFloats(s).intoArray(to, at + col);
            }
        }
    }

    @Override
    public void divideInPlace(float[] x, int xo, float[] d, int dOff, int n) {
        sumRowQuotients(x, xo, d, dOff, n);
    }

    /** Named for the launcher's dontinline pattern (sumRow*), as {@link #sumRowSliding}. */
    private static void sumRowQuotients(float[] x, int xo, float[] d, int dOff, int n) {
        int i = 0;
        for (; i <= n - LANES; i += LANES) {
            FloatVector q = FloatVector.fromArray(SPECIES, x, xo + i)
                    .lanewise(VectorOperators.DIV, FloatVector.fromArray(SPECIES, d, dOff + i));
            exactFloats(q).intoArray(x, xo + i);
        }
        if (i < n) {
            VectorMask<Float> m = SPECIES.indexInRange(i, n);
            FloatVector q = FloatVector.fromArray(SPECIES, x, xo + i, m)
                    .lanewise(VectorOperators.DIV, FloatVector.fromArray(SPECIES, d, dOff + i, m));
            exactFloats(q).intoArray(x, xo + i, m);
        }
    }

    // bwd8: small-channel weight gradients with the response channels in the lanes

    @Override
    public int gradientLanes() {
        return LANES;
    }

    @Override
    public void tapLaneGradient(float[] x, int xo, int[] tapStarts, int taps, int run, int[] positions, int from,
                                int to, float[] yT, int yo, float[] acc, int ao) {
        PanamaTapLaneGradient.gradient(x, xo, tapStarts, taps, run, positions, from, to, yT, yo, acc, ao);
    }

    @Override
    public void convColumnsSix(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,
                               float[] out, int oo, int outStride, int n) {
        if (n < LANES || channels > 6) {
            convColumns(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n);
        } else {
            PanamaSixChannelColumns.correlate(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n);
        }
    }

    // pool9: value-only max pooling rows first, through a row padded with -inf

    /** The work row's padding, stored a vector at a time. */
    private static final FloatVector NEGATIVE_INFINITIES = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);

    @Override
    public void maxRowWindows(float[] in, int planeBase, int[] rows, int kr, int width, int from, int kw, int stride,
                              int count, float[] row, float[] out, int outOff) {
        boolean strided = PanamaStridedMaxRow.fits(kw, stride, count); // pool11
        if (!strided && ((stride != 1 && stride != 2) || count < (stride == 1 ? LANES : HALF.length()))) {
            VectorOps.super.maxRowWindows(in, planeBase, rows, kr, width, from, kw, stride, count, row, out, outOff);
            return;
        }
        int end = from + stride * (count - 1) + kw;
        int lo = Math.max(0, from);
        int hi = Math.min(width, end);
        int shift = -from; // row[c + shift] holds column c
        for (int i = 0; i < lo + shift; i++) {
            row[i] = Float.NEGATIVE_INFINITY;
        }
        int vector = Math.min(hi - lo, wholeLoadColumns(in.length, planeBase, rows, kr, lo, hi - lo));
        maxRowColumns(in, planeBase, rows, 0, kr, lo, vector, row, lo + shift);
        VectorOps.maxRowColumnsLaneByLane(in, planeBase, rows, kr, lo + vector, hi, row, shift);
        // the padding right of the row, over what the last vector stored past it, up to the windows' last whole load;
        // by whole stores (pool18: Arrays.fill's stub call per row was 7 % of max3s2-stem's forward)
        int padEnd = end + shift;
        for (int i = hi + shift; i < padEnd; i += LANES) {
            NEGATIVE_INFINITIES.intoArray(row, i);
        }
        NEGATIVE_INFINITIES.intoArray(row, padEnd);
        boolean zeroOrNaN = true;
        if (strided) {
            PanamaStridedMaxRow.windows(row, kw, stride, count, out, outOff);
        } else if (stride == 1) {
            zeroOrNaN = maxRowSliding1(row, kw, count, out, outOff);
        } else {
            zeroOrNaN = stride2Windows(row, kw, count, out, outOff);
        }
        if (zeroOrNaN) { // pool18: the sliding kernels tested every output as they stored it
            maxRowRedoZerosAndNaNs(in, planeBase, rows, 0, kr, width, from, kw, stride, count, out, outOff);
        }
    }

    /**
     * pool27: a plane's rows of windows two columns apart in one call, the work row's -inf columns written once (the row
     * passes never write them): per output row main's rows-first pass ({@link #maxRowColumns}) of the input read in
     * place, {@link #stride2Windows}, and the zero / NaN redo, without {@link #maxRowWindows}' per-row lookups and fills.
     */
    @Override
    public void maxRowPlaneStride2(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int width,
                                   int from, int kw, int count, float[] row, float[] out, int outBase) {
        int end = from + 2 * (count - 1) + kw;
        int lo = Math.max(0, from);
        int hi = Math.min(width, end);
        if (count < HALF.length() || hi - lo < LANES) {
            VectorOps.super.maxRowPlaneStride2(in, inBase, rows, counts, rowStride, outRows, width, from, kw, count, row,
                    out, outBase);
            return;
        }
        int shift = -from; // row[c + shift] holds column c
        int length = VectorOps.maxRowWindowsLength(width, from, kw, 2, count);
        for (int i = 0; i < lo + shift; i++) {
            row[i] = Float.NEGATIVE_INFINITY;
        }
        for (int i = hi + shift; i < length; i++) {
            row[i] = Float.NEGATIVE_INFINITY;
        }
        for (int t = 0, o = outBase; t < outRows; t++, o += count) {
            int at = t * rowStride;
            maxRowColumns(in, inBase, rows, at, counts[t], lo, hi - lo, row, lo + shift);
            if (stride2Windows(row, kw, count, out, o)) {
                maxRowRedoZerosAndNaNs(in, inBase, rows, at, counts[t], width, from, kw, 2, count, out, o);
            }
        }
    }

    /**
     * Rows first selects column-major; that differs from PyTorch's row-major order only in which of tied zeros (+0, -0)
     * or which NaN is taken: the zero and NaN outputs of a row of {@link #maxRowWindows} again, in row-major order.
     */
    private static void maxRowRedoZerosAndNaNs(float[] in, int planeBase, int[] rows, int at, int kr, int width, int from,
                                               int kw, int stride, int count, float[] out, int outOff) {
        for (int j = 0; j < count; j += LANES) {
            int b = blockStart(j, count, LANES);
            if (count < LANES) {
                for (int l = 0; l < count; l++) {
                    maxRowRedo(in, planeBase, rows, at, kr, width, from, kw, stride, out, outOff, l);
                }
                break;
            }
            FloatVector v = FloatVector.fromArray(SPECIES, out, outOff + b);
            if (v.compare(VectorOperators.EQ, 0f).or(v.compare(VectorOperators.NE, v)).anyTrue()) {
                for (int l = b; l < b + LANES; l++) {
                    maxRowRedo(in, planeBase, rows, at, kr, width, from, kw, stride, out, outOff, l);
                }
            }
        }
    }

    /** Window j of {@link #maxRowWindows} in row-major order where it is a zero or NaN. */
    private static void maxRowRedo(float[] in, int planeBase, int[] rows, int at, int kr, int width, int from, int kw,
                                   int stride, float[] out, int outOff, int j) {
        float v = out[outOff + j];
        if (v == 0 || v != v) {
            out[outOff + j] = VectorOps.maxWindowRowMajor(in, planeBase, rows, at, kr, width, from + j * stride, kw);
        }
    }

    /**
     * The rows-first pass over rows[at..at + kr): whole vectors of columns (their loads stay inside the array; from n
     * columns on, the last vector moved back to end at n), column c0 + c into row[dst + c].
     */
    private static void maxRowColumns(float[] in, int planeBase, int[] rows, int at, int kr, int c0, int n, float[] row,
                                      int dst) {
        for (int j = 0; j < n; j += LANES) {
            int c = blockStart(j, n, LANES);
            int col = planeBase + c0 + c;
            FloatVector b = FloatVector.fromArray(SPECIES, in, rows[at] + col);
            // the second and third rows written out: C2 compiled a loop of two or three turns slowly
            if (kr > 1) {
                FloatVector v = FloatVector.fromArray(SPECIES, in, rows[at + 1] + col);
                b = b.blend(v, v.compare(VectorOperators.GT, b).or(v.compare(VectorOperators.NE, v)));
            }
            if (kr > 2) {
                FloatVector v = FloatVector.fromArray(SPECIES, in, rows[at + 2] + col);
                b = b.blend(v, v.compare(VectorOperators.GT, b).or(v.compare(VectorOperators.NE, v)));
            }
            for (int r = 3; r < kr; r++) {
                FloatVector v = FloatVector.fromArray(SPECIES, in, rows[at + r] + col);
                b = b.blend(v, v.compare(VectorOperators.GT, b).or(v.compare(VectorOperators.NE, v)));
            }
            exactFloats(b).intoArray(row, dst + c);
        }
    }

    /**
     * Stride-1 windows of the padded row: every window kw whole loads; count is at least LANES. Returns whether an
     * output is a zero or NaN (the windows the caller redoes in row-major order).
     */
    static boolean maxRowSliding1(float[] row, int kw, int count, float[] out, int outOff) {
        boolean zeroOrNaN = false;
        for (int j = 0; j < count; j += LANES) {
            int b = blockStart(j, count, LANES);
            FloatVector best = FloatVector.fromArray(SPECIES, row, b);
            if (kw > 1) {
                FloatVector v = FloatVector.fromArray(SPECIES, row, b + 1);
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            if (kw > 2) {
                FloatVector v = FloatVector.fromArray(SPECIES, row, b + 2);
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            for (int t = 3; t < kw; t++) {
                FloatVector v = FloatVector.fromArray(SPECIES, row, b + t);
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            zeroOrNaN |= best.compare(VectorOperators.EQ, 0f).or(best.compare(VectorOperators.NE, best)).anyTrue();
            exactFloats(best).intoArray(out, outOff + b);
        }
        return zeroOrNaN;
    }

    /**
     * pool28: whether {@link #stride2Windows} splits its loads ({@link #maxRowSliding2Split}): on JDK 25 (measured faster);
     * JDK 17 compiled the permutes slower than main's narrowings (bench/pool28/StemKernels, 3.3 against 2.5 ms), and JDK
     * 18-24 were not measured, so they keep the halves.
     */
    static final boolean SPLIT_STRIDE2_WINDOWS = Runtime.version().feature() >= 25;

    /**
     * Stride-2 windows of the padded row; count is at least HALF's lanes. Returns whether an output may be a zero or NaN
     * (the windows the caller redoes in row-major order). pool28: from LANES outputs on, a whole vector of outputs at a
     * time ({@link #maxRowSliding2Split}, on JDK 25: {@link #SPLIT_STRIDE2_WINDOWS}); else {@link #maxRowSliding2Halves},
     * which does not test its outputs (pool18: the test per half vector was slower than the redo scan). Not named
     * maxRow*: inlined into its callers, one call a row.
     */
    private static boolean stride2Windows(float[] row, int kw, int count, float[] out, int outOff) {
        if (SPLIT_STRIDE2_WINDOWS && count >= LANES) {
            return maxRowSliding2Split(row, kw, count, out, outOff);
        }
        maxRowSliding2Halves(row, kw, count, out, outOff);
        return true;
    }

    /**
     * pool28: LANES stride-2 windows at a time, each tap's columns split out of two whole loads (two permutes and a blend
     * for the even columns, a blend and a permute more for the odd ones: {@link #inPlace3s2}'s split), so every compare
     * runs on whole vectors and no lane is narrowed (the halves' kernel narrowed each tap's load, three per eight outputs
     * at kw = 3). The taps in the same order by the same rule: the same outputs. Returns whether one is a zero or NaN.
     */
    private static boolean maxRowSliding2Split(float[] row, int kw, int count, float[] out, int outOff) {
        boolean zeroOrNaN = false;
        for (int j = 0; j < count; j += LANES) {
            int b = blockStart(j, count, LANES);
            int at = 2 * b; // lane l of tap t reads row[at + 2l + t]
            FloatVector lo = FloatVector.fromArray(SPECIES, row, at).rearrange(SPLIT_PAIRS);
            FloatVector hi = FloatVector.fromArray(SPECIES, row, at + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
            FloatVector best = lo.blend(hi, HIGH_HALF);
            if (kw > 1) {
                FloatVector v = hi.blend(lo, HIGH_HALF).rearrange(SWAP_HALVES);
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            // taps 2 and 3 written out, as the rows in maxRowColumns
            if (kw > 2) {
                lo = FloatVector.fromArray(SPECIES, row, at + 2).rearrange(SPLIT_PAIRS);
                hi = FloatVector.fromArray(SPECIES, row, at + 2 + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
                FloatVector v = lo.blend(hi, HIGH_HALF);
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
                if (kw > 3) {
                    v = hi.blend(lo, HIGH_HALF).rearrange(SWAP_HALVES);
                    best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
                }
            }
            for (int t = 4; t < kw; t++) {
                FloatVector e = FloatVector.fromArray(SPECIES, row, at + (t & ~1)).rearrange(SPLIT_PAIRS);
                FloatVector f = FloatVector.fromArray(SPECIES, row, at + (t & ~1) + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
                FloatVector v = (t & 1) == 0 ? e.blend(f, HIGH_HALF) : f.blend(e, HIGH_HALF).rearrange(SWAP_HALVES);
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            zeroOrNaN |= best.compare(VectorOperators.EQ, 0f).or(best.compare(VectorOperators.NE, best)).anyTrue();
            exactFloats(best).intoArray(out, outOff + b);
        }
        return zeroOrNaN;
    }

    /** Stride-2 windows of the padded row, from the even lanes of whole loads; count is at least HALF's lanes. */
    private static void maxRowSliding2Halves(float[] row, int kw, int count, float[] out, int outOff) {
        int half = HALF.length();
        for (int j = 0; j < count; j += half) {
            int b = blockStart(j, count, half);
            int at = 2 * b;
            FloatVector best = ((IntVector) FloatVector.fromArray(SPECIES, row, at).reinterpretAsLongs()
                    .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
            if (kw > 1) {
                FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, row, at + 1).reinterpretAsLongs()
                        .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            if (kw > 2) {
                FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, row, at + 2).reinterpretAsLongs()
                        .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            for (int t = 3; t < kw; t++) {
                FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, row, at + t).reinterpretAsLongs()
                        .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            exactHalfFloats(best).intoArray(out, outOff + b);
        }
    }

    @Override
    public void multiplyInPlace(float[] x, int xo, float[] m, int mOff, int n) {
        sumRowProducts(x, xo, m, mOff, n);
    }

    /** Named for the launcher's dontinline pattern (sumRow*), as {@link #sumRowQuotients}. */
    private static void sumRowProducts(float[] x, int xo, float[] m, int mOff, int n) {
        int i = 0;
        for (; i <= n - LANES; i += LANES) {
            FloatVector p = FloatVector.fromArray(SPECIES, x, xo + i)
                    .lanewise(VectorOperators.MUL, FloatVector.fromArray(SPECIES, m, mOff + i));
            exactFloats(p).intoArray(x, xo + i);
        }
        for (; i < n; i++) {
            x[xo + i] = x[xo + i] * m[mOff + i];
        }
    }

    // ---- small9: Winograd F(2, 5)

    @Override
    public void winograd25Output(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector m0 = FloatVector.fromArray(SPECIES, in, x + i);
            FloatVector m1 = FloatVector.fromArray(SPECIES, in, x + inStep + i);
            FloatVector m2 = FloatVector.fromArray(SPECIES, in, x + 2 * inStep + i);
            FloatVector m3 = FloatVector.fromArray(SPECIES, in, x + 3 * inStep + i);
            FloatVector m4 = FloatVector.fromArray(SPECIES, in, x + 4 * inStep + i);
            FloatVector m5 = FloatVector.fromArray(SPECIES, in, x + 5 * inStep + i);
            m0.add(m1.add(m2)).add(m3.add(m4)).intoArray(out, o + i);
            m1.sub(m2).add(m3.sub(m4).mul(2f)).add(m5).intoArray(out, o + outStep + i);
        }
        for (; i < n; i++) {
            VectorOps.winograd25OutputAt(in, x + i, inStep, out, o + i, outStep);
        }
    }

    // ---- wino9: Winograd's weight transform, a vector of doubles of output channels at a time

    /**
     * {@link #DOUBLES}, and no float species of another shape: one (for a gather, or a narrowing store) made the
     * Vector API's shared float code generic, and the input windows' gather and the weight gradient ran 1.3-3x slower.
     */
    private static final VectorSpecies<Double> WEIGHT_DOUBLES = DOUBLES;
    private static final int WEIGHT_LANES = WEIGHT_DOUBLES.length();

    /**
     * The lanes' taps (one channel pair's 9 taps tapStep apart, the lanes laneStride apart) widened to double, F(2×2)'s passes in registers: the scalar loops ran 25-30 ns a channel pair, a fifth of r3x3-14's forward. Same expressions as {@link VectorOps#winogradFilter}, lane by lane.
     */
    @Override
    public void winogradWeights(int m, float[] w, int src, int laneStride, int channelStride, int tapStep, int lanes,
                                int channels, float[] u, int d, int lanesOut, int step) {
        if (lanes != lanesOut || lanes % WEIGHT_LANES != 0 || (m != 2 && m != 4)) {
            VectorOps.super.winogradWeights(m, w, src, laneStride, channelStride, tapStep, lanes, channels, u, d,
                    lanesOut, step);
            return;
        }
        int dl = WEIGHT_LANES;
        int[] index = new int[dl];
        double[] rows = new double[18 * dl]; // F(4×4)'s R[k][c] at (k*3 + c)*dl; F(2×2)'s middle rows at (k-1)*3*dl
        double[] taps = new double[9 * dl];
        double[] points = new double[6 * dl];
        for (int b = 0; b < lanes; b += dl) {
            for (int j = 0; j < dl; j++) {
                index[j] = (b + j) * laneStride;
            }
            for (int c = 0; c < channels; c++) {
                int s = src + c * channelStride;
                // the lanes' taps widened into a buffer by scalar loads (see WEIGHT_DOUBLES)
                for (int j = 0; j < dl; j++) {
                    int at = s + index[j];
                    for (int t = 0; t < 9; t++) {
                        taps[t * dl + j] = w[at + t * tapStep];
                    }
                }
                int o = d + c * lanesOut + b;
                // row i of R = G w (down the kernel's columns), then G along it: points 6i..6i+5 (4i..4i+3).
                // The helpers pass arrays, never vectors: a helper C2 compiled apart (or left out of a caller
                // past its inlining budget) boxed every vector argument (train15: ~0.9 MB a cnn2 training step).
                if (m == 4) {
                    // R through a small buffer: its 18 vectors and the 36 points' temporaries in registers were slower
                    weightFilter4(taps, 0, 3 * dl, 6 * dl, rows, 0, 3 * dl);
                    weightFilter4(taps, dl, 4 * dl, 7 * dl, rows, dl, 3 * dl);
                    weightFilter4(taps, 2 * dl, 5 * dl, 8 * dl, rows, 2 * dl, 3 * dl);
                    for (int i = 0; i < 6; i++) {
                        weightPoints4(rows, 3 * i * dl, u, o + 6 * i * step, step, points);
                    }
                } else {
                    for (int k = 0; k < 3; k++) {
                        DoubleVector top = DoubleVector.fromArray(WEIGHT_DOUBLES, taps, k * dl);
                        DoubleVector middle = DoubleVector.fromArray(WEIGHT_DOUBLES, taps, (3 + k) * dl);
                        DoubleVector outer = top.add(DoubleVector.fromArray(WEIGHT_DOUBLES, taps, (6 + k) * dl));
                        outer.add(middle).mul(0.5).intoArray(rows, k * dl);
                        outer.sub(middle).mul(0.5).intoArray(rows, (3 + k) * dl);
                    }
                    weightPoints2(taps, 0, u, o, step, points);
                    weightPoints2(rows, 0, u, o + 4 * step, step, points);
                    weightPoints2(rows, 3 * dl, u, o + 8 * step, step, points);
                    weightPoints2(taps, 6 * dl, u, o + 12 * step, step, points);
                }
            }
        }
    }

    /**
     * F(4×4)'s G (g0, g1, g2)ᵀ, as {@link VectorOps#winogradFilter}, for the lanes at {@code in[i0]}, {@code in[i1]},
     * {@code in[i2]}; the six outputs to out[o + k*step].
     */
    private static void weightFilter4(double[] in, int i0, int i1, int i2, double[] out, int o, int step) {
        DoubleVector g0 = DoubleVector.fromArray(WEIGHT_DOUBLES, in, i0);
        DoubleVector g1 = DoubleVector.fromArray(WEIGHT_DOUBLES, in, i1);
        DoubleVector g2 = DoubleVector.fromArray(WEIGHT_DOUBLES, in, i2);
        DoubleVector outer = g0.add(g2);
        DoubleVector g0s = g0.mul(1 / 24.0);
        DoubleVector g1s = g1.mul(1 / 12.0);
        DoubleVector g2s = g2.mul(1 / 6.0);
        g0.mul(1 / 4.0).intoArray(out, o);
        outer.add(g1).neg().mul(1 / 6.0).intoArray(out, o + step);
        outer.sub(g1).neg().mul(1 / 6.0).intoArray(out, o + 2 * step);
        g0s.add(g1s).add(g2s).intoArray(out, o + 3 * step);
        g0s.sub(g1s).add(g2s).intoArray(out, o + 4 * step);
        g2.intoArray(out, o + 5 * step);
    }

    /** F(4×4)'s G along the row of R at {@code in[r]} (three vectors dl apart): six points, rounded to float. */
    private static void weightPoints4(double[] in, int r, float[] u, int o, int step, double[] points) {
        int dl = WEIGHT_LANES;
        weightFilter4(in, r, r + dl, r + 2 * dl, points, 0, dl);
        roundPoints(points, 6, u, o, step);
    }

    /** F(2×2)'s G along the row of R at {@code in[r]} (three vectors dl apart): four points, rounded to float. */
    private static void weightPoints2(double[] in, int r, float[] u, int o, int step, double[] points) {
        int dl = WEIGHT_LANES;
        DoubleVector g0 = DoubleVector.fromArray(WEIGHT_DOUBLES, in, r);
        DoubleVector g1 = DoubleVector.fromArray(WEIGHT_DOUBLES, in, r + dl);
        DoubleVector g2 = DoubleVector.fromArray(WEIGHT_DOUBLES, in, r + 2 * dl);
        DoubleVector outer = g0.add(g2);
        g0.intoArray(points, 0);
        outer.add(g1).mul(0.5).intoArray(points, dl);
        outer.sub(g1).mul(0.5).intoArray(points, 2 * dl);
        g2.intoArray(points, 3 * dl);
        roundPoints(points, 4, u, o, step);
    }

    // ---- d5i58: the 5×5 weight transform, a vector of doubles of output channels at a time

    /**
     * {@link VectorOps#winograd5Weights} with a vector of doubles of lanes per step, the lanes' taps widened through
     * scratch by scalar loads (see {@link #WEIGHT_DOUBLES}): the scalar per-lane loops were ~13 % of a dense 5×5
     * input gradient on 15 × 15 planes (d5b57). Same expressions as {@link VectorOps#winograd5Filter}, lane by lane.
     */
    @Override
    public void winograd5Weights(int m, float[] w, int src, int laneStride, int channelStride, int tapStep, int lanes,
                                 int channels, float[] u, int d, int lanesOut, int step, double[] scratch) {
        if (lanesOut % WEIGHT_LANES != 0 || m != 2 && m != 3) {
            VectorOps.super.winograd5Weights(m, w, src, laneStride, channelStride, tapStep, lanes, channels, u, d,
                    lanesOut, step, scratch);
            return;
        }
        int dl = WEIGHT_LANES;
        int alpha = m + 4;
        int rows = 25 * dl;             // G w: R[k][col] at rows + (k*5 + col)*dl
        int points = rows + 35 * dl;    // one row of points, alpha vectors
        for (int b = 0; b < lanesOut; b += dl) {
            int live = Math.max(0, Math.min(dl, lanes - b));
            for (int c = 0; c < channels; c++) {
                int s = src + (b * laneStride) + c * channelStride;
                for (int j = 0; j < dl; j++) {
                    int at = s + j * laneStride;
                    for (int t = 0; t < 25; t++) {
                        scratch[t * dl + j] = j < live ? w[at + t * tapStep] : 0;
                    }
                }
                // the helpers pass arrays, never vectors (a helper compiled apart boxes its vector arguments)
                for (int col = 0; col < 5; col++) {
                    weightFilter5(m, scratch, col * dl, 5 * dl, scratch, rows + col * dl, 5 * dl);
                }
                int o = d + c * lanesOut + b;
                for (int i = 0; i < alpha; i++) {
                    weightFilter5(m, scratch, rows + 5 * i * dl, dl, scratch, points, dl);
                    roundPoints(scratch, points, alpha, u, o + i * alpha * step, step);
                }
            }
        }
    }

    /** {@link VectorOps#winograd5Filter} for the lanes at {@code in[i + t*inStep]}, t < 5; the m + 4 outputs to out[o + k*step]. */
    private static void weightFilter5(int m, double[] in, int i, int inStep, double[] out, int o, int step) {
        DoubleVector g0 = DoubleVector.fromArray(WEIGHT_DOUBLES, in, i);
        DoubleVector g1 = DoubleVector.fromArray(WEIGHT_DOUBLES, in, i + inStep);
        DoubleVector g2 = DoubleVector.fromArray(WEIGHT_DOUBLES, in, i + 2 * inStep);
        DoubleVector g3 = DoubleVector.fromArray(WEIGHT_DOUBLES, in, i + 3 * inStep);
        DoubleVector g4 = DoubleVector.fromArray(WEIGHT_DOUBLES, in, i + 4 * inStep);
        DoubleVector even = g0.add(g2).add(g4);
        DoubleVector odd = g1.add(g3);
        DoubleVector even2 = g0.add(g2.mul(4.0)).add(g4.mul(16.0));
        DoubleVector odd2 = g1.mul(2.0).add(g3.mul(8.0));
        if (m == 3) {
            g0.mul(-1 / 2.0).intoArray(out, o);
            even.add(odd).mul(-1 / 3.0).intoArray(out, o + step);
            even.sub(odd).mul(1 / 9.0).intoArray(out, o + 2 * step);
            even2.add(odd2).mul(1 / 36.0).intoArray(out, o + 3 * step);
            even2.sub(odd2).mul(-1 / 60.0).intoArray(out, o + 4 * step);
            g0.mul(16.0).add(g1.mul(8.0)).add(g2.mul(4.0)).add(g3.mul(2.0)).add(g4).mul(2 / 45.0)
                    .intoArray(out, o + 5 * step);
            g4.intoArray(out, o + 6 * step);
        } else {
            g0.mul(1 / 4.0).intoArray(out, o);
            even.add(odd).mul(-1 / 6.0).intoArray(out, o + step);
            even.sub(odd).mul(-1 / 6.0).intoArray(out, o + 2 * step);
            even2.add(odd2).mul(1 / 24.0).intoArray(out, o + 3 * step);
            even2.sub(odd2).mul(1 / 24.0).intoArray(out, o + 4 * step);
            g4.intoArray(out, o + 5 * step);
        }
    }

    // ---- wino22: F(2×2)'s weight transform in float, a vector of U's floats at a time

    /**
     * A vector covers U's floats of LANES / lanesOut image channels of one point side by side (two on AVX-512 with
     * MR = 8), so each tap is one gather of the floats those lanes read and each point one store; in float, the taps
     * halved first, as {@link VectorOps#winograd2WeightsAt}. No widening and no scalar rounding: those two were the
     * transform's cost (small20).
     */
    @Override
    public void winograd2Weights(float[] w, int src, int laneStride, int channelStride, int tapStep, int lanes,
                                 int channels, float[] u, int d, int lanesOut, int step) {
        if (lanes != lanesOut || LANES % lanesOut != 0) {
            VectorOps.super.winograd2Weights(w, src, laneStride, channelStride, tapStep, lanes, channels, u, d,
                    lanesOut, step);
            return;
        }
        int perVector = LANES / lanesOut;
        int[] index = new int[LANES]; // lane l reads lane l % lanesOut of channel l / lanesOut
        for (int l = 0; l < LANES; l++) {
            index[l] = l % lanesOut * laneStride + l / lanesOut * channelStride;
        }
        int c = 0;
        for (; c + perVector <= channels; c += perVector) {
            int s = src + c * channelStride;
            int o = d + c * lanesOut;
            FloatVector a0 = FloatVector.fromArray(SPECIES, w, s, index, 0);
            FloatVector a1 = FloatVector.fromArray(SPECIES, w, s + tapStep, index, 0);
            FloatVector a2 = FloatVector.fromArray(SPECIES, w, s + 2 * tapStep, index, 0);
            FloatVector b0 = FloatVector.fromArray(SPECIES, w, s + 6 * tapStep, index, 0);
            FloatVector b1 = FloatVector.fromArray(SPECIES, w, s + 7 * tapStep, index, 0);
            FloatVector b2 = FloatVector.fromArray(SPECIES, w, s + 8 * tapStep, index, 0);
            FloatVector ha0 = a0.mul(0.5f);
            FloatVector ha1 = a1.mul(0.5f);
            FloatVector ha2 = a2.mul(0.5f);
            FloatVector hb0 = b0.mul(0.5f);
            FloatVector hb1 = b1.mul(0.5f);
            FloatVector hb2 = b2.mul(0.5f);
            FloatVector outer0 = ha0.add(hb0);
            FloatVector outer1 = ha1.add(hb1);
            FloatVector outer2 = ha2.add(hb2);
            FloatVector hm0 = FloatVector.fromArray(SPECIES, w, s + 3 * tapStep, index, 0).mul(0.5f);
            FloatVector hm1 = FloatVector.fromArray(SPECIES, w, s + 4 * tapStep, index, 0).mul(0.5f);
            FloatVector hm2 = FloatVector.fromArray(SPECIES, w, s + 5 * tapStep, index, 0).mul(0.5f);
            // G along each row of R = G w, all in this method: no vector crosses a call (see weightPoints2)
            FloatVector outer = ha0.add(ha2);
            a0.intoArray(u, o);
            outer.add(ha1).intoArray(u, o + step);
            outer.sub(ha1).intoArray(u, o + 2 * step);
            a2.intoArray(u, o + 3 * step);
            FloatVector r0 = outer0.add(hm0);
            FloatVector r1 = outer1.add(hm1);
            FloatVector r2 = outer2.add(hm2);
            outer = r0.mul(0.5f).add(r2.mul(0.5f));
            r0.intoArray(u, o + 4 * step);
            outer.add(r1.mul(0.5f)).intoArray(u, o + 5 * step);
            outer.sub(r1.mul(0.5f)).intoArray(u, o + 6 * step);
            r2.intoArray(u, o + 7 * step);
            r0 = outer0.sub(hm0);
            r1 = outer1.sub(hm1);
            r2 = outer2.sub(hm2);
            outer = r0.mul(0.5f).add(r2.mul(0.5f));
            r0.intoArray(u, o + 8 * step);
            outer.add(r1.mul(0.5f)).intoArray(u, o + 9 * step);
            outer.sub(r1.mul(0.5f)).intoArray(u, o + 10 * step);
            r2.intoArray(u, o + 11 * step);
            outer = hb0.add(hb2);
            b0.intoArray(u, o + 12 * step);
            outer.add(hb1).intoArray(u, o + 13 * step);
            outer.sub(hb1).intoArray(u, o + 14 * step);
            b2.intoArray(u, o + 15 * step);
        }
        for (; c < channels; c++) {
            VectorOps.winograd2WeightsLanes(w, src + c * channelStride, laneStride, tapStep, lanes, u,
                    d + c * lanesOut, lanesOut, step);
        }
    }

    /** Point k's lanes (points[k*dl..]) rounded to float at u[o + k*step..]. */
    private static void roundPoints(double[] points, int count, float[] u, int o, int step) {
        int dl = WEIGHT_LANES;
        for (int k = 0; k < count; k++) {
            for (int j = 0; j < dl; j++) {
                u[o + k * step + j] = (float) points[k * dl + j];
            }
        }
    }

    /** {@link #roundPoints} of the points at {@code points[from]}. */
    private static void roundPoints(double[] points, int from, int count, float[] u, int o, int step) {
        int dl = WEIGHT_LANES;
        for (int k = 0; k < count; k++) {
            for (int j = 0; j < dl; j++) {
                u[o + k * step + j] = (float) points[from + k * dl + j];
            }
        }
    }

    // ---- pool10: LP roots for p = 3 without exp/log

    @Override
    public void cubeRoots(float[] t, int from, int n, float[] out, int to) {
        int whole = n - n % DOUBLES.length();
        sumRowCubeRoots(t, from, whole, out, to);
        for (int i = whole; i < n; i++) {
            out[to + i] = (float) CubeRoots.of(t[from + i]);
        }
    }

    /**
     * {@link CubeRoots#of} lane by lane, the same operations in the same order, for whole vectors only (no masks):
     * one pass of ~50 vector operations per 8 roots, where exp/log took three masked passes of ~80. Named for the
     * launcher's dontinline pattern (sumRow*), as {@link #powers}' passes.
     */
    private static void sumRowCubeRoots(float[] t, int from, int n, float[] out, int to) {
        DoubleVector one = DoubleVector.broadcast(DOUBLES, 1.0);
        DoubleVector third = DoubleVector.broadcast(DOUBLES, 1.0 / 3);
        DoubleVector c1 = DoubleVector.broadcast(DOUBLES, CubeRoots.C1);
        DoubleVector c0 = DoubleVector.broadcast(DOUBLES, CubeRoots.C0);
        for (int i = 0; i < n; i += DOUBLES.length()) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FLOATS_OF_DOUBLES, t, from + i)
                    .convertShape(VectorOperators.F2D, DOUBLES, 0);
            LongVector bits = x.reinterpretAsLongs();
            DoubleVector eMinusOne = bits.lanewise(VectorOperators.LSHR, 52).add(CubeRoots.ROUNDER_BITS - 1024)
                    .reinterpretAsDoubles().sub(CubeRoots.ROUNDER);
            DoubleVector roundedQ = eMinusOne.mul(1.0 / 3).add(CubeRoots.ROUNDER);
            DoubleVector restMinusOne = eMinusOne.sub(roundedQ.sub(CubeRoots.ROUNDER).mul(3.0));
            DoubleVector m = bits.and(CubeRoots.MANTISSA).or(CubeRoots.ONE_BITS).reinterpretAsDoubles();
            DoubleVector r = m.fma(CubeRoots.C3, CubeRoots.C2).fma(m, c1).fma(m, c0);
            // three Newton steps for m^(-1/3), written out (a loop carrying r made C2 box it in lp9's trial)
            DoubleVector negM = m.neg();
            r = r.mul(negM.fma(r.mul(r).mul(r), one)).fma(third, r);
            r = r.mul(negM.fma(r.mul(r).mul(r), one)).fma(third, r);
            r = r.mul(negM.fma(r.mul(r).mul(r), one)).fma(third, r);
            DoubleVector scale = one.blend(CubeRoots.CBRT_2, restMinusOne.compare(VectorOperators.EQ, 0.0))
                    .blend(CubeRoots.CBRT_4, restMinusOne.compare(VectorOperators.EQ, 1.0));
            DoubleVector twoToQ = roundedQ.reinterpretAsLongs().sub(CubeRoots.ROUNDER_BITS - 1023)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector root = m.mul(r.mul(r)).mul(scale).mul(twoToQ)
                    .blend(0.0, x.compare(VectorOperators.EQ, 0.0))
                    .blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                    .blend(Double.NaN, x.compare(VectorOperators.LT, 0.0).or(x.compare(VectorOperators.NE, x)));
            // stored as converted (the conversion's class is exact): a helper call here was past C2's inlining cutoff, and boxed
            ((FloatVector) root.convertShape(VectorOperators.D2F, FLOATS_OF_DOUBLES, 0)).intoArray(out, to + i);
        }
    }

    @Override
    public void scaledSquareRoots(float[] sums, int from, double[] extents, int e, double scale, float[] out, int to,
                                  int n) {
        int whole = n / DOUBLES.length() * DOUBLES.length();
        sumRowScaledSquareRoots(sums, from, extents, e, scale, out, to, whole);
        VectorOps.super.scaledSquareRoots(sums, from + whole, extents, e + whole, scale, out, to + whole, n - whole);
    }

    /** {@link #scaledSquareRoots}' whole vectors (sumRow*: dontinline under the launcher): division, product and root in double lanes, each correctly rounded as the scalar's. */
    private static void sumRowScaledSquareRoots(float[] sums, int from, double[] extents, int e, double scale, float[] out,
                                                int to, int n) {
        for (int i = 0; i < n; i += DOUBLES.length()) {
            DoubleVector t = ((DoubleVector) FloatVector.fromArray(FLOATS_OF_DOUBLES, sums, from + i)
                    .convertShape(VectorOperators.F2D, DOUBLES, 0))
                    .div(DoubleVector.fromArray(DOUBLES, extents, e + i)).mul(scale);
            ((FloatVector) t.sqrt().convertShape(VectorOperators.D2F, FLOATS_OF_DOUBLES, 0)).intoArray(out, to + i);
        }
    }

    @Override
    public void scaledMeans(float[] sums, int from, double[] extents, int e, double scale, float[] out, int to, int n) {
        int whole = n / DOUBLES.length() * DOUBLES.length();
        sumRowScaledMeans(sums, from, extents, e, scale, out, to, whole);
        VectorOps.super.scaledMeans(sums, from + whole, extents, e + whole, scale, out, to + whole, n - whole);
    }

    /** {@link #scaledMeans}' whole vectors (sumRow*: dontinline under the launcher): division and product in double lanes, each correctly rounded as the scalar's. */
    private static void sumRowScaledMeans(float[] sums, int from, double[] extents, int e, double scale, float[] out,
                                          int to, int n) {
        for (int i = 0; i < n; i += DOUBLES.length()) {
            DoubleVector t = ((DoubleVector) FloatVector.fromArray(FLOATS_OF_DOUBLES, sums, from + i)
                    .convertShape(VectorOperators.F2D, DOUBLES, 0))
                    .div(DoubleVector.fromArray(DOUBLES, extents, e + i)).mul(scale);
            ((FloatVector) t.convertShape(VectorOperators.D2F, FLOATS_OF_DOUBLES, 0)).intoArray(out, to + i);
        }
    }

    // ---- s2conv10: two column phases woven back into one image row

    /** The inverse of SPLIT_PAIRS: lane 2l takes lane l, lane 2l + 1 lane LANES/2 + l (a low half and a high half zipped). */
    private static final VectorShuffle<Float> ZIP_HALVES = VectorShuffle.fromArray(SPECIES, zipHalves(), 0);

    private static int[] zipHalves() {
        int[] lanes = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            lanes[l] = l / 2 + (l % 2 == 0 ? 0 : LANES / 2);
        }
        return lanes;
    }

    @Override
    public void interleave2(float[] even, int eo, float[] odd, int oo, float[] dst, int dOff, int n) {
        int k = 0;
        for (; k + LANES <= n; k += LANES) {
            FloatVector e = FloatVector.fromArray(SPECIES, even, eo + k);
            FloatVector o = FloatVector.fromArray(SPECIES, odd, oo + k);
            // one-vector permutes and blends (JDK 17 compiles a two-vector rearrange to much more)
            e.blend(o.rearrange(SWAP_HALVES), LOW_HALF.not()).rearrange(ZIP_HALVES).intoArray(dst, dOff + 2 * k);
            o.blend(e.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(dst, dOff + 2 * k + LANES);
        }
        for (; k < n; k++) {
            dst[dOff + 2 * k] = even[eo + k];
            dst[dOff + 2 * k + 1] = odd[oo + k];
        }
    }

    /** Lane l takes lane 2l + 1 (l < LANES/2), else lane 2l - LANES: a vector's odd floats, then its even ones. */
    private static final VectorShuffle<Float> SPLIT_PAIRS_ODD_FIRST = VectorShuffle.fromArray(SPECIES, oddFirst(), 0);
    /** The two halves of a vector swapped. */
    private static final VectorShuffle<Float> SWAP_HALVES = VectorShuffle.fromArray(SPECIES, swapHalves(), 0);

    private static int[] oddFirst() {
        int[] lanes = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            lanes[l] = l < LANES / 2 ? 2 * l + 1 : 2 * l - LANES;
        }
        return lanes;
    }

    private static int[] swapHalves() {
        int[] lanes = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            lanes[l] = (l + LANES / 2) % LANES;
        }
        return lanes;
    }

    /** LANES pairs from {@code x[xo]} split by parity into {@code even[eo]} and {@code odd[oo]}, full stores. */
    /** Lane numbers 0, 1, ..., for {@link #shortSplit}'s mask of the lanes under n. */
    private static final float[] LANE_NUMBERS = laneNumbers();

    private static float[] laneNumbers() {
        float[] l = new float[LANES];
        for (int i = 0; i < LANES; i++) {
            l[i] = i;
        }
        return l;
    }

    /**
     * {@link #splitPhaseRows} of rows under two vectors (dwn20: a 28-wide row a call of deinterleave2 took 60 % of a
     * narrow stride-2 weight gradient): {@link #shortSplit}'s permutes in one loop over the rows, each phase's lanes
     * past the row's floats zeroed in the register and stored whole, rows in order and a row's lower phase first, so
     * a later store rewrites the zeros an earlier one left on its floats (dws22: the blends into the floats loaded
     * from {@code out} were half the split, which was half of dw3x3-s2-21's forward and weight gradient); the rows
     * whose two loads or whose stores would pass an array's end as the interface's loop does.
     */
    @Override
    public void splitPhaseRows(float[] x, int xo, int xStep, int rows, int width, float[] out, int evenAt, int oddAt,
                               int outStep) {
        if (width > 2 * LANES || rows <= 0) {
            VectorOps.super.splitPhaseRows(x, xo, xStep, rows, width, out, evenAt, oddAt, outStep);
            return;
        }
        FloatVector lanes = FloatVector.fromArray(SPECIES, LANE_NUMBERS, 0);
        VectorMask<Float> evenLanes = lanes.lt((float) ((width + 1) / 2));
        VectorMask<Float> oddLanes = lanes.lt((float) (width / 2));
        FloatVector zero = FloatVector.zero(SPECIES);
        int safe = rows; // rows [0, safe) read 2 vectors of x and write a vector of each phase within the arrays
        while (safe > 0 && (xo + (safe - 1) * xStep + 2 * LANES > x.length
                || Math.max(evenAt, oddAt) + (safe - 1) * outStep + LANES > out.length)) {
            safe--;
        }
        int lower = Math.min(evenAt, oddAt);
        int upper = Math.max(evenAt, oddAt);
        boolean evenLower = evenAt <= oddAt;
        for (int m = 0; m < safe; m++) {
            int in = xo + m * xStep;
            FloatVector a = FloatVector.fromArray(SPECIES, x, in).rearrange(SPLIT_PAIRS);                   // even0 | odd0
            FloatVector b = FloatVector.fromArray(SPECIES, x, in + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST); // odd1 | even1
            FloatVector even = zero.blend(a.blend(b, HIGH_HALF), evenLanes);
            FloatVector odd = zero.blend(b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES), oddLanes);
            if (evenLower) {
                even.intoArray(out, lower + m * outStep);
                odd.intoArray(out, upper + m * outStep);
            } else {
                odd.intoArray(out, lower + m * outStep);
                even.intoArray(out, upper + m * outStep);
            }
        }
        VectorOps.super.splitPhaseRows(x, xo + safe * xStep, xStep, rows - safe, width, out, evenAt + safe * outStep,
                oddAt + safe * outStep, outStep);
    }

    /**
     * {@link #deinterleave2} of n under a vector (dws2f19: a dw3x3-s2-28 row's 14 pairs went float by float, more
     * than the forward's sums): {@link #splitBlock}'s permutes, each phase blended into the vector of floats it
     * lands on, which is stored back whole (the floats past n rewritten with the values they held, the even
     * phase's before the odd's is read: right when the two overlap). Reads a vector past n in each.
     */
    private static void shortSplit(float[] x, int xo, float[] even, int eo, float[] odd, int oo, int n) {
        VectorMask<Float> mine = FloatVector.fromArray(SPECIES, LANE_NUMBERS, 0).lt((float) n);
        FloatVector a = FloatVector.fromArray(SPECIES, x, xo).rearrange(SPLIT_PAIRS);                    // even0 | odd0
        FloatVector b = FloatVector.fromArray(SPECIES, x, xo + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);  // odd1 | even1
        FloatVector.fromArray(SPECIES, even, eo).blend(a.blend(b, HIGH_HALF), mine).intoArray(even, eo);
        FloatVector.fromArray(SPECIES, odd, oo).blend(b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES), mine)
                .intoArray(odd, oo);
    }

    private static void splitBlock(float[] x, int xo, float[] even, int eo, float[] odd, int oo) {
        FloatVector v0 = FloatVector.fromArray(SPECIES, x, xo);
        FloatVector v1 = FloatVector.fromArray(SPECIES, x, xo + LANES);
        // one-vector permutes and blends: JDK 17 compiles a two-vector rearrange to much more
        FloatVector a = v0.rearrange(SPLIT_PAIRS);           // even0 | odd0
        FloatVector b = v1.rearrange(SPLIT_PAIRS_ODD_FIRST); // odd1 | even1
        a.blend(b, HIGH_HALF).intoArray(even, eo);
        b.blend(a, HIGH_HALF).rearrange(SWAP_HALVES).intoArray(odd, oo);
    }

    // ---- wino10: F(2×2, 3×3) weight gradient's image rows gathered with the channels in the lanes

    @Override
    public void winograd2GatherColumns(float[] in, int base, int rowStep, int rows, int[] index, boolean[] valid, int k,
                                       float[] out, int o, int outStep, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            VectorMask<Float> lanes = VectorMask.fromArray(SPECIES, valid, k + i);
            FloatVector d0 = gatheredRow(in, base, rows, 0, index, k + i, lanes);
            FloatVector d1 = gatheredRow(in, base + rowStep, rows, 1, index, k + i, lanes);
            FloatVector d2 = gatheredRow(in, base + 2 * rowStep, rows, 2, index, k + i, lanes);
            FloatVector d3 = gatheredRow(in, base + 3 * rowStep, rows, 3, index, k + i, lanes);
            d0.sub(d2).intoArray(out, o + i);
            d1.add(d2).intoArray(out, o + outStep + i);
            d2.sub(d1).intoArray(out, o + 2 * outStep + i);
            d1.sub(d3).intoArray(out, o + 3 * outStep + i);
        }
        for (; i < n; i++) {
            VectorOps.winograd2GatherColumnsAt(in, base, rowStep, rows, index, valid, k + i, out, o + i, outStep);
        }
    }

    /** Row r of {@link #winograd2GatherColumns}'s lanes: zero where the row is not in {@code rows} or the lane not valid. */
    private static FloatVector gatheredRow(float[] in, int base, int rows, int r, int[] index, int k, VectorMask<Float> lanes) {
        FloatVector zero = FloatVector.zero(SPECIES);
        return (rows & (1 << r)) == 0 ? zero : zero.blend(FloatVector.fromArray(SPECIES, in, base, index, k), lanes);
    }

    // grp18: F(2×2, 3×3) weight gradient's output transform, the image channels in the lanes

    /** Lane i's first weight in {@link #winograd2GradientOutput}'s output: 9i. */
    private static final int[] NINE_APART = iota(9, LANES);

    @Override
    public void winograd2GradientOutput(float[] in, int at, int pointStep, int partStep, int parts, float[] out, int o,
                                        int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            int a = at + i;
            FloatVector p0 = FloatVector.fromArray(SPECIES, in, a);
            FloatVector p1 = FloatVector.fromArray(SPECIES, in, a + pointStep);
            FloatVector p2 = FloatVector.fromArray(SPECIES, in, a + 2 * pointStep);
            FloatVector p3 = FloatVector.fromArray(SPECIES, in, a + 3 * pointStep);
            FloatVector p4 = FloatVector.fromArray(SPECIES, in, a + 4 * pointStep);
            FloatVector p5 = FloatVector.fromArray(SPECIES, in, a + 5 * pointStep);
            FloatVector p6 = FloatVector.fromArray(SPECIES, in, a + 6 * pointStep);
            FloatVector p7 = FloatVector.fromArray(SPECIES, in, a + 7 * pointStep);
            FloatVector p8 = FloatVector.fromArray(SPECIES, in, a + 8 * pointStep);
            FloatVector p9 = FloatVector.fromArray(SPECIES, in, a + 9 * pointStep);
            FloatVector p10 = FloatVector.fromArray(SPECIES, in, a + 10 * pointStep);
            FloatVector p11 = FloatVector.fromArray(SPECIES, in, a + 11 * pointStep);
            FloatVector p12 = FloatVector.fromArray(SPECIES, in, a + 12 * pointStep);
            FloatVector p13 = FloatVector.fromArray(SPECIES, in, a + 13 * pointStep);
            FloatVector p14 = FloatVector.fromArray(SPECIES, in, a + 14 * pointStep);
            FloatVector p15 = FloatVector.fromArray(SPECIES, in, a + 15 * pointStep);
            for (int part = 1; part < parts; part++) { // the parts' sums in part order
                int b = a + part * partStep;
                p0 = p0.add(FloatVector.fromArray(SPECIES, in, b));
                p1 = p1.add(FloatVector.fromArray(SPECIES, in, b + pointStep));
                p2 = p2.add(FloatVector.fromArray(SPECIES, in, b + 2 * pointStep));
                p3 = p3.add(FloatVector.fromArray(SPECIES, in, b + 3 * pointStep));
                p4 = p4.add(FloatVector.fromArray(SPECIES, in, b + 4 * pointStep));
                p5 = p5.add(FloatVector.fromArray(SPECIES, in, b + 5 * pointStep));
                p6 = p6.add(FloatVector.fromArray(SPECIES, in, b + 6 * pointStep));
                p7 = p7.add(FloatVector.fromArray(SPECIES, in, b + 7 * pointStep));
                p8 = p8.add(FloatVector.fromArray(SPECIES, in, b + 8 * pointStep));
                p9 = p9.add(FloatVector.fromArray(SPECIES, in, b + 9 * pointStep));
                p10 = p10.add(FloatVector.fromArray(SPECIES, in, b + 10 * pointStep));
                p11 = p11.add(FloatVector.fromArray(SPECIES, in, b + 11 * pointStep));
                p12 = p12.add(FloatVector.fromArray(SPECIES, in, b + 12 * pointStep));
                p13 = p13.add(FloatVector.fromArray(SPECIES, in, b + 13 * pointStep));
                p14 = p14.add(FloatVector.fromArray(SPECIES, in, b + 14 * pointStep));
                p15 = p15.add(FloatVector.fromArray(SPECIES, in, b + 15 * pointStep));
            }
            // as VectorOps.winograd2GradientOutputAt, operation for operation: the same bits
            FloatVector r00 = p0.add(p1).add(p2), r01 = p1.sub(p2), r02 = p1.add(p2).add(p3);
            FloatVector r10 = p4.add(p5).add(p6), r11 = p5.sub(p6), r12 = p5.add(p6).add(p7);
            FloatVector r20 = p8.add(p9).add(p10), r21 = p9.sub(p10), r22 = p9.add(p10).add(p11);
            FloatVector r30 = p12.add(p13).add(p14), r31 = p13.sub(p14), r32 = p13.add(p14).add(p15);
            int to = o + 9 * i;
            r00.add(r10).add(r20).intoArray(out, to, NINE_APART, 0);
            r01.add(r11).add(r21).intoArray(out, to + 1, NINE_APART, 0);
            r02.add(r12).add(r22).intoArray(out, to + 2, NINE_APART, 0);
            r10.sub(r20).intoArray(out, to + 3, NINE_APART, 0);
            r11.sub(r21).intoArray(out, to + 4, NINE_APART, 0);
            r12.sub(r22).intoArray(out, to + 5, NINE_APART, 0);
            r10.add(r20).add(r30).intoArray(out, to + 6, NINE_APART, 0);
            r11.add(r21).add(r31).intoArray(out, to + 7, NINE_APART, 0);
            r12.add(r22).add(r32).intoArray(out, to + 8, NINE_APART, 0);
        }
        for (; i < n; i++) {
            VectorOps.winograd2GradientOutputAt(in, at + i, pointStep, partStep, parts, out, o + 9 * i);
        }
    }

    // small10: the response transform of the 5×5 weight gradient, F(5×5, 2×2)

    /** F(5×5, 2×2)'s A, rows (1, 0), (1, 1), (1, −1), (1, 2), (1, −2), (0, 1): the first and second columns. */
    private static final float[] A52_FIRST = {1f, 1f, 1f, 1f, 1f, 0f};
    private static final float[] A52_SECOND = {0f, 1f, -1f, 2f, -2f, 1f};

    @Override
    public void winograd52GradientTile(float[] in, int x00, int x01, int x10, int x11, float[] out, int o, int s,
                                       int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector g0e = FloatVector.fromArray(SPECIES, in, x00 + i);
            FloatVector g0o = FloatVector.fromArray(SPECIES, in, x01 + i);
            FloatVector g1e = FloatVector.fromArray(SPECIES, in, x10 + i);
            FloatVector g1o = FloatVector.fromArray(SPECIES, in, x11 + i);
            // row p of A·g is a·g0 + b·g1, (a, b) exact, one rounding per sum, as VectorOps.winograd52GradientTileAt
            // (but for the sign of a zero); in one loop, no helper: a helper taking vectors was compiled apart and
            // boxed them, 2.4 MB of garbage a call on c5x5-27 (five12)
            for (int p = 0; p < 6; p++) {
                FloatVector e = g0e.mul(A52_FIRST[p]).add(g1e.mul(A52_SECOND[p]));
                FloatVector od = g0o.mul(A52_FIRST[p]).add(g1o.mul(A52_SECOND[p]));
                FloatVector twice = od.mul(2f);
                int at = o + 6 * p * s + i;
                e.intoArray(out, at);
                e.add(od).intoArray(out, at + s);
                e.sub(od).intoArray(out, at + 2 * s);
                e.add(twice).intoArray(out, at + 3 * s);
                e.sub(twice).intoArray(out, at + 4 * s);
                od.intoArray(out, at + 5 * s);
            }
        }
        for (; i < n; i++) {
            VectorOps.winograd52GradientTileAt(in, x00 + i, x01 + i, x10 + i, x11 + i, out, o + i, s);
        }
    }

    @Override
    public void addToDoubles(float[] in, int s, double[] sums, int d, int n) {
        int step = DOUBLES.length();
        int i = 0;
        for (; i + step <= n; i += step) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(FLOATS_OF_DOUBLES, in, s + i)
                    .convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector.fromArray(DOUBLES, sums, d + i).add(x).intoArray(sums, d + i);
        }
        for (; i < n; i++) {
            sums[d + i] += in[s + i];
        }
    }

    // ---- pool12: global average pooling, one reduction per plane

    @Override
    public void planeMeans(float[] in, int from, int n, int planes, float divisor, float[] out, int o) {
        // pool54: planes under four vectors (3x3 to 7x7, 3x3x3) each on a loop of its own length, and every length's
        // sums first, the division a vector at a time after: sum() per plane ran its zero butterfly (under a vector) or
        // its loop of a varying count, and each plane's scalar division cost 7x7 planes a seventh of their time
        if (GATHERED_TAILS && n > LANES && n < 2 * LANES && planes >= LANES) {
            sumRowOneVectorPlanesGathered(in, from, n, planes, divisor, out, o); // divides as it stores (gap57)
            return;
        }
        if (n < LANES) {
            sumRowShortPlanes(in, from, n, planes, out, o);
        } else if (n < 2 * LANES) {
            sumRowOneVectorPlanes(in, from, n, planes, out, o);
        } else if (n < 3 * LANES) {
            sumRowTwoVectorPlanes(in, from, n, planes, out, o);
        } else if (n < 4 * LANES) {
            sumRowThreeVectorPlanes(in, from, n, planes, out, o);
        } else {
            sumRowPlanes(in, from, n, planes, out, o);
        }
        int q = 0;
        for (; q <= planes - LANES; q += LANES) {
            exactFloats(FloatVector.fromArray(SPECIES, out, o + q).lanewise(VectorOperators.DIV, divisor)).intoArray(out, o + q);
        }
        for (; q < planes; q++) {
            out[o + q] = out[o + q] / divisor;
        }
    }

    /**
     * pool14: the sums of planes of three whole vectors and a tail (7x7 = 49 floats at 16 lanes), with {@link #sum}'s
     * additions in its order (the same bits), the three loads written out. {@link #sum}'s loop of a varying count of
     * turns, run per plane, cost adaptive-avg about a fifth of its time over the loads alone; a count tested per plane
     * (one loop for one to three vectors) cost nearly as much. pool54: the division is the caller's, a vector at a time.
     * Named for the launcher's dontinline pattern (sumRow*).
     */
    private static void sumRowThreeVectorPlanes(float[] in, int from, int n, int planes, float[] out, int o) {
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int q = 0, base = from; q < planes; q++, base += n) {
            FloatVector acc = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base))
                    .lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + LANES))
                    .lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + 2 * LANES));
            float s = addLanesPairwise(acc);
            for (int i = base + 3 * LANES, end = base + n; i < end; i++) {
                s += in[i];
            }
            out[o + q] = s;
        }
    }

    /**
     * pool54: the sums of planes shorter than a vector, {@link #sum}'s bits: its butterfly of a zero vector is +0, then
     * each element added in order. Named for the launcher's dontinline pattern (sumRow*).
     */
    private static void sumRowShortPlanes(float[] in, int from, int n, int planes, float[] out, int o) {
        for (int q = 0, base = from; q < planes; q++, base += n) {
            float s = 0f;
            for (int i = base, end = base + n; i < end; i++) {
                s += in[i];
            }
            out[o + q] = s;
        }
    }

    /** pool54: the sums of planes of one whole vector and a tail (4x4, 5x5), {@link #sum}'s additions in its order. */
    private static void sumRowOneVectorPlanes(float[] in, int from, int n, int planes, float[] out, int o) {
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int q = 0, base = from; q < planes; q++, base += n) {
            float s = addLanesPairwise(zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base)));
            for (int i = base + LANES, end = base + n; i < end; i++) {
                s += in[i];
            }
            out[o + q] = s;
        }
    }

    /** gap57: whether one-vector planes gather their tails (JDK 17 compiled the gathers only after a boxed warm-up). */
    static final boolean GATHERED_TAILS = Runtime.version().feature() >= 18;

    /** {@link #sumRowOneVectorPlanesGathered}'s gather offsets for planes of n floats at [n - LANES]: lane p, p · n. */
    private static final int[][] ONE_VECTOR_PLANE_OFFSETS = new int[LANES][LANES];

    static {
        for (int n = LANES; n < 2 * LANES; n++) {
            for (int p = 0; p < LANES; p++) {
                ONE_VECTOR_PLANE_OFFSETS[n - LANES][p] = p * n;
            }
        }
    }

    /**
     * gap57: {@link #sumRowOneVectorPlanes} (5x5 at 16 lanes) for LANES planes a turn: each plane's butterfly total goes to
     * its output, then the LANES outputs are loaded as one vector (lane p: plane p) and each tail float is added to all
     * of them at once, gathered (lane p: plane p's float). The same additions in the same order per plane, but the
     * 9-float tail's scalar chain of a 5x5 plane cost more than its loads (h54-global-5 4.6 -> 3.6 ns a plane from L2).
     * Each block is divided as it is stored (the divisions overlap the next block's work; a pass of them after the sums
     * waited on the divider). Named for the launcher's dontinline pattern (sumRow*).
     */
    private static void sumRowOneVectorPlanesGathered(float[] in, int from, int n, int planes, float divisor, float[] out,
                                                      int o) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int[] planeOffsets = ONE_VECTOR_PLANE_OFFSETS[n - LANES];
        int q = 0;
        int base = from;
        for (; q <= planes - LANES; q += LANES, base += LANES * n) {
            for (int p = 0, b = base; p < LANES; p++, b += n) {
                out[o + q + p] = addLanesPairwise(zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, b)));
            }
            FloatVector sums = FloatVector.fromArray(SPECIES, out, o + q);
            for (int i = base + LANES, end = base + n; i < end; i++) {
                sums = sums.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, i, planeOffsets, 0));
            }
            exactFloats(sums.lanewise(VectorOperators.DIV, divisor)).intoArray(out, o + q);
        }
        sumRowOneVectorPlanes(in, base, n, planes - q, out, o + q);
        for (; q < planes; q++) {
            out[o + q] = out[o + q] / divisor;
        }
    }

    /** pool54: the sums of planes of two whole vectors and a tail (6x6, 3x3x4), {@link #sum}'s additions in its order. */
    private static void sumRowTwoVectorPlanes(float[] in, int from, int n, int planes, float[] out, int o) {
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int q = 0, base = from; q < planes; q++, base += n) {
            FloatVector acc = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base))
                    .lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + LANES));
            float s = addLanesPairwise(acc);
            for (int i = base + 2 * LANES, end = base + n; i < end; i++) {
                s += in[i];
            }
            out[o + q] = s;
        }
    }

    /**
     * The sums of planes of 4 vectors or more, with two accumulators: half the chain of dependent adds
     * (adaptive-avg3d-1's 196-float planes). pool55: planes of at most {@link #WRITTEN_OUT_VECTORS} whole vectors (8x8 to
     * 14x14 at 16 lanes) add them written out, each past the fourth behind a test of the count: the loop of two to six
     * turns a plane cost 9x9 to 13x13 planes 1.15-1.4x their time from L2. The same additions in the same order.
     * Named for the launcher's dontinline pattern (sumRow*).
     */
    private static void sumRowPlanes(float[] in, int from, int n, int planes, float[] out, int o) {
        int vectors = n / LANES;
        if (vectors > WRITTEN_OUT_VECTORS) {
            sumRowLongPlanes(in, from, n, planes, out, o);
            return;
        }
        // written out here, not in a method: one of 348 bytes was past C2's inlining size, and its vector result boxed
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int q = 0, base = from; q < planes; q++, base += n) {
            FloatVector a0 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base));
            FloatVector a1 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + LANES));
            a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + 2 * LANES));
            a1 = a1.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + 3 * LANES));
            if (vectors > 4) {
                a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + 4 * LANES));
            }
            if (vectors > 5) {
                a1 = a1.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + 5 * LANES));
            }
            if (vectors > 6) {
                a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + 6 * LANES));
            }
            if (vectors > 7) {
                a1 = a1.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + 7 * LANES));
            }
            if (vectors > 8) {
                a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + 8 * LANES));
            }
            if (vectors > 9) {
                a1 = a1.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + 9 * LANES));
            }
            if (vectors > 10) {
                a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + 10 * LANES));
            }
            if (vectors > 11) {
                a1 = a1.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + 11 * LANES));
            }
            float s = addLanesPairwise(a0.lanewise(VectorOperators.ADD, a1));
            for (int i = base + vectors * LANES, end = base + n; i < end; i++) {
                s += in[i];
            }
            out[o + q] = s;
        }
    }

    /** The most whole vectors a plane of {@link #sumRowPlanes} adds without a loop. */
    private static final int WRITTEN_OUT_VECTORS = 12;

    /**
     * The sums of planes of more than {@link #WRITTEN_OUT_VECTORS} vectors, with two accumulators. Named for the
     * launcher's dontinline pattern (sumRow*).
     */
    private static void sumRowLongPlanes(float[] in, int from, int n, int planes, float[] out, int o) {
        for (int q = 0, base = from; q < planes; q++, base += n) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = FloatVector.zero(SPECIES);
            int i = 0;
            for (; i <= n - 2 * LANES; i += 2 * LANES) {
                a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + i));
                a1 = a1.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + i + LANES));
            }
            if (i <= n - LANES) {
                a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, base + i));
                i += LANES;
            }
            float s = addLanesPairwise(a0.lanewise(VectorOperators.ADD, a1));
            for (; i < n; i++) {
                s += in[base + i];
            }
            out[o + q] = s;
        }
    }
    // ---- pool13: stride-1 window sums of a whole plane in one call

    @Override
    public void slidingPlaneSums(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int width,
                                 int shift, int kw, int outWidth, float[] divisors, float[] row, float[] out, int outBase) {
        if (width < LANES || outWidth < LANES) {
            VectorOps.super.slidingPlaneSums(in, inBase, rows, counts, rowStride, outRows, width, shift, kw, outWidth,
                    divisors, row, out, outBase);
            return;
        }
        sumRowPlane(in, inBase, rows, counts, rowStride, outRows, width, shift, kw, outWidth, divisors, row, out, outBase);
    }

    /**
     * The whole plane in one compiled method (named for the launcher's dontinline pattern sumRow*, so that it stays a
     * unit of its own; its row loops below are inlined into it): one call per plane instead of four to six per row.
     */
    private static void sumRowPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int width,
                                    int shift, int kw, int outWidth, float[] divisors, float[] row, float[] out, int outBase) {
        int length = VectorOps.slidingPlaneRowLength(width, shift, kw, outWidth);
        java.util.Arrays.fill(row, 0, shift, 0f);
        java.util.Arrays.fill(row, shift + width, length, 0f);
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            planeColumnSums(in, inBase, rows, t * rowStride, counts[t], width, row, shift);
            if (divisors == null) {
                planeWindowSums(row, kw, outWidth, out, o);
            } else {
                planeWindowMeans(row, kw, outWidth, divisors, t * outWidth, out, o);
            }
        }
    }

    /** One output row's column sums into row[shift..): whole vectors, the last one overlapping (the same sums again, no tail). */
    private static void planeColumnSums(float[] in, int inBase, int[] rows, int at, int kr, int width, float[] row, int shift) {
        for (int c = 0; c < width; c += LANES) {
            int b = Math.min(c, width - LANES);
            int col = inBase + b;
            FloatVector s = FloatVector.zero(SPECIES);
            for (int r = 0; r < kr; r++) {
                s = s.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, rows[at + r] + col));
            }
            exactFloats(s).intoArray(row, shift + b);
        }
    }

    /** The windows of one zero-bordered row of column sums, the last vector overlapping. */
    private static void planeWindowSums(float[] row, int kw, int outWidth, float[] out, int o) {
        for (int j = 0; j < outWidth; j += LANES) {
            int b = Math.min(j, outWidth - LANES);
            exactFloats(slidingWindowSum(row, b, kw)).intoArray(out, o + b);
        }
    }

    /** {@link #planeWindowSums} divided by each window's divisor. */
    private static void planeWindowMeans(float[] row, int kw, int outWidth, float[] divisors, int d, float[] out, int o) {
        for (int j = 0; j < outWidth; j += LANES) {
            int b = Math.min(j, outWidth - LANES);
            FloatVector q = slidingWindowSum(row, b, kw).lanewise(VectorOperators.DIV, FloatVector.fromArray(SPECIES, divisors, d + b));
            exactFloats(q).intoArray(out, o + b);
        }
    }

    /** The windows at columns at .. at + LANES - 1 of a row of column sums, kw columns each, added in order (pool8's, pool13's). */
    private static FloatVector slidingWindowSum(float[] row, int at, int kw) {
        // the window's first three columns written out, as in sumRow1
        FloatVector s = FloatVector.fromArray(SPECIES, row, at);
        if (kw > 1) {
            s = s.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, row, at + 1));
        }
        if (kw > 2) {
            s = s.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, row, at + 2));
        }
        for (int c = 3; c < kw; c++) {
            s = s.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, row, at + c));
        }
        return s;
    }

    /** The largest plane offset of the window rows of pairPlaneSums / maxPairPlane: their loads' reach. */
    private static int lastRow(int[] rows, int[] counts, int rowStride, int outRows) {
        int last = 0;
        for (int t = 0; t < outRows; t++) {
            for (int r = 0; r < counts[t]; r++) {
                last = Math.max(last, rows[t * rowStride + r]);
            }
        }
        return last;
    }

    @Override
    public void windowPlaneSums(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int lo,
                                int span, int[] firsts, int[] widths, float[] divisors, float[] row, float[] out,
                                int outBase) {
        // the column sums load whole vectors past the span (into the row's padding): every load stays in the array
        long reach = (long) inBase + lastRow(rows, counts, rowStride, outRows) + lo + (span + LANES - 1) / LANES * LANES;
        if (reach > in.length) {
            VectorOps.super.windowPlaneSums(in, inBase, rows, counts, rowStride, outRows, lo, span, firsts, widths, divisors,
                    row, out, outBase);
            return;
        }
        sumRowWindowPlane(in, inBase, rows, counts, rowStride, outRows, lo, span, firsts, widths, divisors, row, out, outBase);
    }

    /**
     * pool15: the plane of {@link #windowPlaneSums} in one compiled method (sumRow*: dontinline), where the row walk
     * made three kernel calls, a row lookup and a scalar window loop per output row (adaptive-avg-5: 10,240 rows a call).
     */
    private static void sumRowWindowPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows,
                                          int lo, int span, int[] firsts, int[] widths, float[] divisors, float[] row,
                                          float[] out, int outBase) {
        int outWidth = firsts.length;
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            int at = t * rowStride;
            int kr = counts[t];
            for (int c = 0; c < span; c += LANES) {
                int col = inBase + lo + c;
                FloatVector s = FloatVector.zero(SPECIES);
                for (int r = 0; r < kr; r++) {
                    s = s.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, rows[at + r] + col));
                }
                exactFloats(s).intoArray(row, c);
            }
            for (int j = 0; j < outWidth; j++) {
                float s = 0;
                for (int c = firsts[j], end = c + widths[j]; c < end; c++) {
                    s += row[c];
                }
                out[o + j] = divisors == null ? s : s / divisors[t * outWidth + j];
            }
        }
    }

    @Override
    public void squaredWindowPlaneSums(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows,
                                      int lo, int span, int[] firsts, int[] widths, float[] row, float[] out,
                                      int outBase) {
        // the column pass loads whole vectors past the span: every load stays in the array (else the scalar form)
        long reach = (long) inBase + lastRow(rows, counts, rowStride, outRows) + lo + (span + LANES - 1) / LANES * LANES;
        if (reach > in.length) {
            VectorOps.super.squaredWindowPlaneSums(in, inBase, rows, counts, rowStride, outRows, lo, span, firsts, widths,
                    row, out, outBase);
            return;
        }
        sumRowSquaredWindowPlane(in, inBase, rows, counts, rowStride, outRows, lo, span, firsts, widths, row, out, outBase);
    }

    /**
     * pool25: {@link #squaredWindowPlaneSums} in one compiled method (sumRow*: dontinline under the launcher; its vectors
     * live in this method only): lp2-3s3-56 squared each plane into a buffer, then read that for the float bound and for
     * the sums.
     */
    private static void sumRowSquaredWindowPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride,
                                                 int outRows, int lo, int span, int[] firsts, int[] widths, float[] row,
                                                 float[] out, int outBase) {
        int outWidth = firsts.length;
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            int at = t * rowStride;
            int kr = counts[t];
            for (int c = 0; c < span; c += LANES) {
                int col = inBase + lo + c;
                FloatVector s = FloatVector.zero(SPECIES);
                for (int r = 0; r < kr; r++) {
                    FloatVector v = FloatVector.fromArray(SPECIES, in, rows[at + r] + col);
                    // the square rounded before the add (no fma): the bits of squaring the plane first
                    s = s.lanewise(VectorOperators.ADD, v.mul(v));
                }
                exactFloats(s).intoArray(row, c);
            }
            for (int j = 0; j < outWidth; j++) {
                float s = 0;
                for (int c = firsts[j], end = c + widths[j]; c < end; c++) {
                    s += row[c];
                }
                out[o + j] = s;
            }
        }
    }

    @Override
    public void maxWindowPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int lo, int span,
                               int[] firsts, int[] widths, float[] row, float[] out, int outBase) {
        // the column maxima load whole vectors past the span (into the row's padding): every load stays in the array
        long reach = (long) inBase + lastRow(rows, counts, rowStride, outRows) + lo + (span + LANES - 1) / LANES * LANES;
        if (reach > in.length) {
            VectorOps.super.maxWindowPlane(in, inBase, rows, counts, rowStride, outRows, lo, span, firsts, widths, row, out,
                    outBase);
            return;
        }
        maxRowWindowPlane(in, inBase, rows, counts, rowStride, outRows, lo, span, firsts, widths, row, out, outBase);
    }

    /**
     * pool22: the plane of {@link #maxWindowPlane} in one compiled method (maxRow*: dontinline), where the row walk made a
     * row lookup and a kernel call per output row, took the columns past the last whole vector one by one over the rows
     * and ran each window's scalar loop (adaptive-max-5: 10,240 rows a call, 3.7 GB/s).
     */
    private static void maxRowWindowPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows,
                                          int lo, int span, int[] firsts, int[] widths, float[] row, float[] out,
                                          int outBase) {
        int outWidth = firsts.length;
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            int at = t * rowStride;
            int kr = counts[t];
            for (int c = 0; c < span; c += LANES) {
                exactFloats(pairColumnMax(in, rows, at, kr, inBase + lo + c)).intoArray(row, c);
            }
            boolean zeroOrNaN = false;
            for (int j = 0; j < outWidth; j++) {
                int c = firsts[j];
                float b;
                if (widths[j] <= LANES) {
                    // a lane-wise max: branch-free (the scalar select's compare is a coin flip on real data); any order
                    // gives the max's value, a NaN if there is one, and either zero: those windows are redone below
                    VectorMask<Float> inWindow = LANE.compare(VectorOperators.LT, widths[j]).cast(SPECIES);
                    b = FloatVector.fromArray(SPECIES, row, c).reduceLanes(VectorOperators.MAX, inWindow);
                } else {
                    b = row[c];
                    for (int end = c + widths[j], k = c + 1; k < end; k++) {
                        float v = row[k];
                        boolean take = (v > b) | (v != v);
                        b = take ? v : b;
                    }
                }
                out[o + j] = b;
                zeroOrNaN |= (b == 0) | (b != b);
            }
            if (zeroOrNaN) {
                // columns first picked the first zero or last NaN by column; PyTorch's are by row
                for (int j = 0; j < outWidth; j++) {
                    float b = out[o + j];
                    if (b == 0 || b != b) {
                        out[o + j] = VectorOps.maxPairWindowRowMajor(in, inBase, rows, at, kr, lo + firsts[j], widths[j]);
                    }
                }
            }
        }
    }

    @Override
    public void pairPlaneSums(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int from,
                              int kw, int outWidth, float[] factors, boolean multiply, float[] out, int outBase) {
        int half = HALF.length();
        // the last block's loads reach LANES - 1 + kw - 1 columns past its first window's start
        int lastRow = lastRow(rows, counts, rowStride, outRows);
        long reach = (long) inBase + lastRow + from + 2L * (outWidth - half) + LANES + kw - 1;
        if (outWidth < half || reach > in.length) {
            VectorOps.super.pairPlaneSums(in, inBase, rows, counts, rowStride, outRows, from, kw, outWidth, factors, multiply,
                    out, outBase);
            return;
        }
        sumRowPairPlane(in, inBase, rows, counts, rowStride, outRows, from, kw, outWidth, factors, multiply, out, outBase);
    }

    /**
     * The plane of {@link #pairPlaneSums} in one compiled method (sumRow*: dontinline): each window's columns summed in
     * whole vectors at every column, then the even lanes kept, one narrowing per 8 (16) outputs instead of one per load.
     */
    private static void sumRowPairPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows,
                                        int from, int kw, int outWidth, float[] factors, boolean multiply, float[] out,
                                        int outBase) {
        int half = HALF.length();
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            int at = t * rowStride;
            int kr = counts[t];
            for (int j = 0; j < outWidth; j += half) {
                int b = Math.min(j, outWidth - half);
                int col = inBase + from + 2 * b;
                FloatVector s = FloatVector.zero(SPECIES);
                for (int r = 0; r < kr; r++) {
                    int i = rows[at + r] + col;
                    s = s.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, i));
                    if (kw > 1) {
                        s = s.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, i + 1));
                    }
                    for (int c = 2; c < kw; c++) {
                        s = s.lanewise(VectorOperators.ADD, FloatVector.fromArray(SPECIES, in, i + c));
                    }
                }
                FloatVector sums = ((IntVector) s.reinterpretAsLongs().convertShape(VectorOperators.L2I, HALF_INT, 0))
                        .reinterpretAsFloats();
                if (factors != null) {
                    FloatVector f = FloatVector.fromArray(HALF, factors, t * outWidth + b);
                    sums = multiply ? sums.lanewise(VectorOperators.MUL, f) : sums.lanewise(VectorOperators.DIV, f);
                }
                exactHalfFloats(sums).intoArray(out, o + b);
            }
        }
    }

    @Override
    public void maxPairPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int from, int kw,
                             int outWidth, float[] out, int outBase) {
        int lastRow = lastRow(rows, counts, rowStride, outRows);
        long reach = (long) inBase + lastRow + from + 2L * Math.max(0, outWidth - HALF.length()) + LANES + kw - 1;
        if (reach > in.length) {
            VectorOps.super.maxPairPlane(in, inBase, rows, counts, rowStride, outRows, from, kw, outWidth, out, outBase);
        } else if (outWidth < HALF.length()) {
            maxRowPairPlaneNarrow(in, inBase, rows, counts, rowStride, outRows, from, kw, outWidth, out, outBase);
        } else {
            maxRowPairPlane(in, inBase, rows, counts, rowStride, outRows, from, kw, outWidth, out, outBase);
        }
    }

    /** Not on JDK 17, whose C2 boxed the plane kernel's vectors (29 MB a call on cnn2's first pool, 2.2 against 0.84 ms). */
    @Override
    public boolean maxIndexPairPlanesPay() {
        return MASKED_ACCESS_COMPILED;
    }

    @Override
    public void maxIndexPairPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int from,
                                  int kw, int outWidth, float[] out, int outBase, int[] indices) {
        int lastRow = lastRow(rows, counts, rowStride, outRows);
        long reach = (long) inBase + lastRow + from + 2L * Math.max(0, outWidth - HALF.length()) + LANES + kw - 1;
        if (reach > in.length) {
            VectorOps.super.maxIndexPairPlane(in, inBase, rows, counts, rowStride, outRows, from, kw, outWidth, out, outBase,
                    indices);
        } else if (kw == 2 && everyCountIs(2, counts, outRows)
                && (long) inBase + lastRow + from + 2L * Math.max(0, outWidth - LANES) + 2 * LANES <= in.length) {
            maxIndexRowSquares2(in, inBase, rows, rowStride, outRows, from, outWidth, out, outBase, indices);
        } else {
            maxIndexRowPairPlane(in, inBase, rows, counts, rowStride, outRows, from, kw, outWidth, out, outBase, indices);
        }
    }

    private static boolean everyCountIs(int count, int[] counts, int outRows) {
        for (int t = 0; t < outRows; t++) {
            if (counts[t] != count) {
                return false;
            }
        }
        return true;
    }

    /**
     * tr52: {@link #maxIndexRowPairPlane} where every window is 2×2 (the training step's max pool): a whole vector of
     * outputs from two loads of each input row, split into even and odd columns (as the stride-2 convolutions split them),
     * the four taps selected row-major as there, so the same values and indices, with a quarter of the loads and no
     * narrowing of each tap. A row narrower than a vector stores whole vectors into the next row's outputs, which that
     * row then writes; only the plane's last row stores what it owns.
     */
    private static void maxIndexRowSquares2(float[] in, int inBase, int[] rows, int rowStride, int outRows, int from,
                                            int outWidth, float[] out, int outBase, int[] indices) {
        int planeEnd = outBase + outRows * outWidth;
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            for (int j = 0; j < outWidth; j += LANES) {
                int b = Math.max(0, Math.min(j, outWidth - LANES));
                int top = rows[t * rowStride] + from + 2 * b;
                int bottom = rows[t * rowStride + 1] + from + 2 * b;
                FloatVector a = FloatVector.fromArray(SPECIES, in, inBase + top).rearrange(SPLIT_PAIRS);
                FloatVector c = FloatVector.fromArray(SPECIES, in, inBase + top + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
                FloatVector best = a.blend(c, HIGH_HALF);
                IntVector bestIndex = EVEN_COLUMN.add(top);
                FloatVector v = c.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
                VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                best = best.blend(v, take);
                bestIndex = bestIndex.blend(EVEN_COLUMN.add(top + 1), take.cast(INT_SPECIES));
                a = FloatVector.fromArray(SPECIES, in, inBase + bottom).rearrange(SPLIT_PAIRS);
                c = FloatVector.fromArray(SPECIES, in, inBase + bottom + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
                v = a.blend(c, HIGH_HALF);
                take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                best = best.blend(v, take);
                bestIndex = bestIndex.blend(EVEN_COLUMN.add(bottom), take.cast(INT_SPECIES));
                v = c.blend(a, HIGH_HALF).rearrange(SWAP_HALVES);
                take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                best = best.blend(v, take);
                bestIndex = bestIndex.blend(EVEN_COLUMN.add(bottom + 1), take.cast(INT_SPECIES));
                if (o + b + LANES <= planeEnd) {
                    best.intoArray(out, o + b);
                    bestIndex.intoArray(indices, o + b);
                } else {
                    int owned = outWidth - b;
                    best.intoArray(out, o + b, SPECIES.indexInRange(0, owned));
                    bestIndex.intoArray(indices, o + b, INT_SPECIES.indexInRange(0, owned));
                }
            }
        }
    }

    /**
     * step50: the plane of {@link #maxIndexPairPlane} in one compiled method (maxIndexRow*: dontinline), each block of
     * half a vector of outputs as {@link #maxIndexRow2} selects it (the even lanes of whole loads, row-major). A row
     * narrower than half a vector stores whole vectors too, into the next row's outputs, which that row then writes;
     * only the plane's last row stores what it owns.
     */
    private static void maxIndexRowPairPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows,
                                             int from, int kw, int outWidth, float[] out, int outBase, int[] indices) {
        int half = HALF.length();
        int planeEnd = outBase + outRows * outWidth;
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            int at = t * rowStride;
            int kr = counts[t];
            for (int j = 0; j < outWidth; j += half) {
                int b = Math.max(0, Math.min(j, outWidth - half));
                int col = from + 2 * b;
                int first = rows[at] + col;
                FloatVector best = ((IntVector) FloatVector.fromArray(SPECIES, in, inBase + first).reinterpretAsLongs()
                        .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                IntVector bestIndex = EVEN_LANE.add(first);
                for (int r = 0; r < kr; r++) {
                    for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                        int tap = rows[at + r] + col + c;
                        FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, in, inBase + tap).reinterpretAsLongs()
                                .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                        VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
                        best = best.blend(v, take);
                        bestIndex = bestIndex.blend(EVEN_LANE.add(tap), take.cast(HALF_INT));
                    }
                }
                if (o + b + half <= planeEnd) {
                    best.blend(best, NO_HALF_FLOAT_LANES).intoArray(out, o + b);
                    bestIndex.blend(bestIndex, NO_HALF_INT_LANES).intoArray(indices, o + b);
                } else {
                    int owned = outWidth - b;
                    best.blend(best, NO_HALF_FLOAT_LANES).intoArray(out, o + b, HALF.indexInRange(0, owned));
                    for (int l = 0; l < owned; l++) {
                        indices[o + b + l] = bestIndex.lane(l);
                    }
                }
            }
        }
    }

    /**
     * pool22: {@link #maxRowPairPlane} for rows of fewer outputs than half a vector (15 wide, k2 s2: 7), one masked store a
     * row, where the row walk ran each window scalar (max2s2 on 8x128x15x15 at 0.8 GB/s).
     */
    private static void maxRowPairPlaneNarrow(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows,
                                              int from, int kw, int outWidth, float[] out, int outBase) {
        VectorMask<Float> kept = HALF.indexInRange(0, outWidth);
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            int at = t * rowStride;
            int kr = counts[t];
            int col = inBase + from;
            FloatVector best = pairColumnMax(in, rows, at, kr, col);
            for (int c = 1; c < kw; c++) {
                FloatVector v = pairColumnMax(in, rows, at, kr, col + c);
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            FloatVector window = ((IntVector) best.reinterpretAsLongs().convertShape(VectorOperators.L2I, HALF_INT, 0))
                    .reinterpretAsFloats();
            exactHalfFloats(window).intoArray(out, o, kept);
            if (window.compare(VectorOperators.EQ, 0f).or(window.compare(VectorOperators.NE, window)).and(kept).anyTrue()) {
                for (int l = 0; l < outWidth; l++) {
                    float v = out[o + l];
                    if (v == 0 || v != v) {
                        out[o + l] = VectorOps.maxPairWindowRowMajor(in, inBase, rows, at, kr, from + 2 * l, kw);
                    }
                }
            }
        }
    }

    /**
     * The plane of {@link #maxPairPlane} in one compiled method (maxRow*: dontinline): each column's max over the rows,
     * then over the window's columns, on whole vectors at every column, the even lanes kept once per 8 (16) outputs.
     * Columns first differ from row-major order only in which tied zero or NaN wins: such windows again, row-major.
     */
    private static void maxRowPairPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows,
                                        int from, int kw, int outWidth, float[] out, int outBase) {
        int half = HALF.length();
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            int at = t * rowStride;
            int kr = counts[t];
            for (int j = 0; j < outWidth; j += half) {
                int b = Math.min(j, outWidth - half);
                int col = inBase + from + 2 * b;
                FloatVector best = pairColumnMax(in, rows, at, kr, col);
                for (int c = 1; c < kw; c++) {
                    FloatVector v = pairColumnMax(in, rows, at, kr, col + c);
                    best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
                }
                FloatVector window = ((IntVector) best.reinterpretAsLongs().convertShape(VectorOperators.L2I, HALF_INT, 0))
                        .reinterpretAsFloats();
                exactHalfFloats(window).intoArray(out, o + b);
                if (window.compare(VectorOperators.EQ, 0f).or(window.compare(VectorOperators.NE, window)).anyTrue()) {
                    for (int l = b; l < b + half; l++) {
                        float v = out[o + l];
                        if (v == 0 || v != v) {
                            out[o + l] = VectorOps.maxPairWindowRowMajor(in, inBase, rows, at, kr, from + 2 * l, kw);
                        }
                    }
                }
            }
        }
    }

    /** Column col + lane's max over the kr rows from rows[at], by PyTorch's rule (the later row where greater or NaN). */
    private static FloatVector pairColumnMax(float[] in, int[] rows, int at, int kr, int col) {
        FloatVector b = FloatVector.fromArray(SPECIES, in, rows[at] + col);
        for (int r = 1; r < kr; r++) {
            FloatVector v = FloatVector.fromArray(SPECIES, in, rows[at + r] + col);
            b = b.blend(v, v.compare(VectorOperators.GT, b).or(v.compare(VectorOperators.NE, v)));
        }
        return b;
    }

    // ---- five13: Winograd F(3, 5), the same operations in the same order as VectorOps' scalar positions

    @Override
    public void winograd35Input(float[] in, int x0, int x1, int x2, int x3, int x4, int x5, int x6, float[] out, int o,
                                int step, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector d0 = FloatVector.fromArray(SPECIES, in, x0 + i);
            FloatVector d1 = FloatVector.fromArray(SPECIES, in, x1 + i);
            FloatVector d2 = FloatVector.fromArray(SPECIES, in, x2 + i);
            FloatVector d3 = FloatVector.fromArray(SPECIES, in, x3 + i);
            FloatVector d4 = FloatVector.fromArray(SPECIES, in, x4 + i);
            FloatVector d5 = FloatVector.fromArray(SPECIES, in, x5 + i);
            FloatVector d6 = FloatVector.fromArray(SPECIES, in, x6 + i);
            d1.mul(4f).sub(d0.mul(2f)).add(d2.mul(2.5f)).sub(d3.mul(5f)).sub(d4.mul(0.5f)).add(d5)
                    .intoArray(out, o + i);
            d1.sub(d2).mul(2f).sub(d3.mul(4.5f)).add(d4.mul(0.5f)).add(d5).intoArray(out, o + step + i);
            d2.mul(6f).sub(d1.mul(2f)).sub(d3.mul(3.5f)).sub(d4.mul(1.5f)).add(d5).intoArray(out, o + 2 * step + i);
            d1.sub(d2.mul(1.5f)).sub(d3.mul(2f)).add(d4.mul(1.5f)).add(d5).intoArray(out, o + 3 * step + i);
            d2.sub(d4).mul(2.5f).sub(d1).add(d5).intoArray(out, o + 4 * step + i);
            d1.mul(4f).sub(d3.mul(5f)).add(d5).intoArray(out, o + 5 * step + i);
            d2.mul(4f).sub(d1.mul(2f)).add(d3.mul(2.5f)).sub(d4.mul(5f)).sub(d5.mul(0.5f)).add(d6)
                    .intoArray(out, o + 6 * step + i);
        }
        for (; i < n; i++) {
            VectorOps.winograd35InputAt(in, x0 + i, x1 + i, x2 + i, x3 + i, x4 + i, x5 + i, x6 + i, out, o + i, step);
        }
    }

    @Override
    public void winograd35Output(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector m0 = FloatVector.fromArray(SPECIES, in, x + i);
            FloatVector m1 = FloatVector.fromArray(SPECIES, in, x + inStep + i);
            FloatVector m2 = FloatVector.fromArray(SPECIES, in, x + 2 * inStep + i);
            FloatVector m3 = FloatVector.fromArray(SPECIES, in, x + 3 * inStep + i);
            FloatVector m4 = FloatVector.fromArray(SPECIES, in, x + 4 * inStep + i);
            FloatVector m5 = FloatVector.fromArray(SPECIES, in, x + 5 * inStep + i);
            FloatVector m6 = FloatVector.fromArray(SPECIES, in, x + 6 * inStep + i);
            m0.add(m1.add(m2)).add(m3.add(m4)).add(m5).intoArray(out, o + i);
            m1.sub(m2).add(m3.sub(m4).mul(2f)).add(m5.mul(0.5f)).intoArray(out, o + outStep + i);
            m1.add(m2).add(m3.add(m4).mul(4f)).add(m5.mul(0.25f)).add(m6).intoArray(out, o + 2 * outStep + i);
        }
        for (; i < n; i++) {
            VectorOps.winograd35OutputAt(in, x + i, inStep, out, o + i, outStep);
        }
    }

    // ---- five14: F(5×5, 3×3)'s response transform, the same operations in the same order as VectorOps' scalar positions

    @Override
    public void winograd53Gradient(float[] in, int x0, int x1, int x2, float[] out, int o, int step, int n) {
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector g0 = FloatVector.fromArray(SPECIES, in, x0 + i);
            FloatVector g1 = FloatVector.fromArray(SPECIES, in, x1 + i);
            FloatVector g2 = FloatVector.fromArray(SPECIES, in, x2 + i);
            FloatVector even = g0.add(g2);
            FloatVector even2 = g0.add(g2.mul(4f));
            FloatVector twice = g1.mul(2f);
            g0.intoArray(out, o + i);
            even.add(g1).intoArray(out, o + step + i);
            even.sub(g1).intoArray(out, o + 2 * step + i);
            even2.add(twice).intoArray(out, o + 3 * step + i);
            even2.sub(twice).intoArray(out, o + 4 * step + i);
            g0.add(g2.mul(0.25f)).add(g1.mul(0.5f)).intoArray(out, o + 5 * step + i);
            g2.intoArray(out, o + 6 * step + i);
            if (i + LANES < n && i + 2 * LANES > n) {
                i = n - 2 * LANES; // the tail as one vector overlapping the last: the same values again, no scalar loop
            }
        }
        for (; i < n; i++) {
            VectorOps.winograd53GradientAt(in, x0 + i, x1 + i, x2 + i, out, o + i, step);
        }
    }

    // ---- s2w15: the strided F(2×2, 3×3) of a 3×3 stride-2 forward

    @Override
    public void split5(float[] x, int xo, float[] out, int o, int step, int n) {
        VectorMask<Float> high = LOW_HALF.not();
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            int at = xo + 4 * j;
            // two rounds of splitEvenOdd's one-vector permutes and blends (JDK 17 compiles a two-vector rearrange to
            // much more), written out: as methods returning vectors they were not inlined, and boxed (half the pass)
            FloatVector a0 = FloatVector.fromArray(SPECIES, x, at).rearrange(SPLIT_PAIRS);
            FloatVector b1 = FloatVector.fromArray(SPECIES, x, at + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
            FloatVector a2 = FloatVector.fromArray(SPECIES, x, at + 2 * LANES).rearrange(SPLIT_PAIRS);
            FloatVector b3 = FloatVector.fromArray(SPECIES, x, at + 3 * LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
            FloatVector e01 = a0.blend(b1, high).rearrange(SPLIT_PAIRS);
            FloatVector o01 = b1.blend(a0, high).rearrange(SWAP_HALVES).rearrange(SPLIT_PAIRS);
            FloatVector e23 = a2.blend(b3, high).rearrange(SPLIT_PAIRS_ODD_FIRST);
            FloatVector o23 = b3.blend(a2, high).rearrange(SWAP_HALVES).rearrange(SPLIT_PAIRS_ODD_FIRST);
            e01.blend(e23, high).intoArray(out, o + j);
            o01.blend(o23, high).intoArray(out, o + step + j);
            e23.blend(e01, high).rearrange(SWAP_HALVES).intoArray(out, o + 2 * step + j);
            o23.blend(o01, high).rearrange(SWAP_HALVES).intoArray(out, o + 3 * step + j);
            // column 4: column 0 of the run 4 floats on
            FloatVector c0 = FloatVector.fromArray(SPECIES, x, at + 4).rearrange(SPLIT_PAIRS);
            FloatVector c1 = FloatVector.fromArray(SPECIES, x, at + 4 + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
            FloatVector c2 = FloatVector.fromArray(SPECIES, x, at + 4 + 2 * LANES).rearrange(SPLIT_PAIRS);
            FloatVector c3 = FloatVector.fromArray(SPECIES, x, at + 4 + 3 * LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
            c0.blend(c1, high).rearrange(SPLIT_PAIRS).blend(c2.blend(c3, high).rearrange(SPLIT_PAIRS_ODD_FIRST), high)
                    .intoArray(out, o + 4 * step + j);
        }
        for (; j < n; j++) {
            for (int s = 0; s < 5; s++) {
                out[o + s * step + j] = x[xo + 4 * j + s];
            }
        }
    }

    @Override
    public void stridedWinogradInput(float[] w, int o, int rowStep, int colStep, int n, float[] out, int oo,
                                     int pointStep) {
        int j = 0;
        int c1 = colStep;
        int c2 = 2 * colStep;
        int c3 = 3 * colStep;
        int c4 = 4 * colStep;
        // point k of each window row's five inputs, as VectorOps.stridedWinogradPoint: (x0 - x2), x2, (x4 - x2), x1,
        // x3, written out, no helper returning a vector (box28: such a helper compiled as a call boxed its results)
        for (; j + LANES <= n; j += LANES) {
            int i0 = o + j;
            int i1 = i0 + rowStep;
            int i2 = i0 + 2 * rowStep;
            int i3 = i0 + 3 * rowStep;
            int i4 = i0 + 4 * rowStep;
            for (int k = 0; k < 5; k++) {
                int d = k == 0 ? 0 : k == 1 ? c2 : k == 2 ? c4 : k == 3 ? c1 : c3; // the point's column
                FloatVector h0 = FloatVector.fromArray(SPECIES, w, i0 + d);
                FloatVector h1 = FloatVector.fromArray(SPECIES, w, i1 + d);
                FloatVector h2 = FloatVector.fromArray(SPECIES, w, i2 + d);
                FloatVector h3 = FloatVector.fromArray(SPECIES, w, i3 + d);
                FloatVector h4 = FloatVector.fromArray(SPECIES, w, i4 + d);
                if (k == 0 || k == 2) { // x0 - x2 and x4 - x2
                    h0 = h0.sub(FloatVector.fromArray(SPECIES, w, i0 + c2));
                    h1 = h1.sub(FloatVector.fromArray(SPECIES, w, i1 + c2));
                    h2 = h2.sub(FloatVector.fromArray(SPECIES, w, i2 + c2));
                    h3 = h3.sub(FloatVector.fromArray(SPECIES, w, i3 + c2));
                    h4 = h4.sub(FloatVector.fromArray(SPECIES, w, i4 + c2));
                }
                h0.sub(h2).intoArray(out, oo + k * pointStep + j);
                h2.intoArray(out, oo + (5 + k) * pointStep + j);
                h4.sub(h2).intoArray(out, oo + (10 + k) * pointStep + j);
                h1.intoArray(out, oo + (15 + k) * pointStep + j);
                h3.intoArray(out, oo + (20 + k) * pointStep + j);
            }
        }
        for (; j < n; j++) {
            VectorOps.stridedWinogradInputAt(w, o + j, rowStep, colStep, out, oo + j, pointStep);
        }
    }

    @Override
    public void stridedWinogradOutput(float[] m, int mo, int pointStep, float[] y, int yo, int n) {
        int j = 0;
        int p5 = 5 * pointStep;
        int s2 = 2 * pointStep;
        int s3 = 3 * pointStep;
        int s4 = 4 * pointStep;
        // each row's sums (m[r] + m[r + step]) + m[r + 3·step] and (m[r + step] + m[r + 2·step]) + m[r + 4·step]
        // written out here, no helper returning a vector: box28 saw a rowSum helper compiled as a call (its caller
        // inlined into a big method) box every sum, 1.4 MB a r3x3-s2 forward
        for (; j + LANES <= n; j += LANES) {
            int r0 = mo + j;
            int r1 = r0 + p5;
            int r2 = r0 + 2 * p5;
            int r3 = r0 + 3 * p5;
            int r4 = r0 + 4 * p5;
            FloatVector m00 = FloatVector.fromArray(SPECIES, m, r0);
            FloatVector m01 = FloatVector.fromArray(SPECIES, m, r0 + pointStep);
            FloatVector m10 = FloatVector.fromArray(SPECIES, m, r1);
            FloatVector m11 = FloatVector.fromArray(SPECIES, m, r1 + pointStep);
            FloatVector m20 = FloatVector.fromArray(SPECIES, m, r2);
            FloatVector m21 = FloatVector.fromArray(SPECIES, m, r2 + pointStep);
            FloatVector m30 = FloatVector.fromArray(SPECIES, m, r3);
            FloatVector m31 = FloatVector.fromArray(SPECIES, m, r3 + pointStep);
            FloatVector m40 = FloatVector.fromArray(SPECIES, m, r4);
            FloatVector m41 = FloatVector.fromArray(SPECIES, m, r4 + pointStep);
            FloatVector a0 = m00.add(m01).add(FloatVector.fromArray(SPECIES, m, r0 + s3));
            FloatVector a1 = m10.add(m11).add(FloatVector.fromArray(SPECIES, m, r1 + s3));
            FloatVector a2 = m20.add(m21).add(FloatVector.fromArray(SPECIES, m, r2 + s3));
            FloatVector a3 = m30.add(m31).add(FloatVector.fromArray(SPECIES, m, r3 + s3));
            FloatVector a4 = m40.add(m41).add(FloatVector.fromArray(SPECIES, m, r4 + s3));
            a0.add(a1).add(a3).intoArray(y, yo + j);
            a1.add(a2).add(a4).intoArray(y, yo + 2 * n + j);
            FloatVector b0 = m01.add(FloatVector.fromArray(SPECIES, m, r0 + s2)).add(FloatVector.fromArray(SPECIES, m, r0 + s4));
            FloatVector b1 = m11.add(FloatVector.fromArray(SPECIES, m, r1 + s2)).add(FloatVector.fromArray(SPECIES, m, r1 + s4));
            FloatVector b2 = m21.add(FloatVector.fromArray(SPECIES, m, r2 + s2)).add(FloatVector.fromArray(SPECIES, m, r2 + s4));
            FloatVector b3 = m31.add(FloatVector.fromArray(SPECIES, m, r3 + s2)).add(FloatVector.fromArray(SPECIES, m, r3 + s4));
            FloatVector b4 = m41.add(FloatVector.fromArray(SPECIES, m, r4 + s2)).add(FloatVector.fromArray(SPECIES, m, r4 + s4));
            b0.add(b1).add(b3).intoArray(y, yo + n + j);
            b1.add(b2).add(b4).intoArray(y, yo + 3 * n + j);
        }
        for (; j < n; j++) {
            VectorOps.stridedWinogradOutputAt(m, mo + j, pointStep, y, yo + j, n);
        }
    }

    // dw18: the stride-2 depthwise input gradient by column phase: per image row, each column phase a unit-stride
    // correlation of the padded response rows with its part of the kernel, the two phases woven into the row

    @Override
    public int depthwiseStride2GradientMinWidth() {
        // dwb26: from a vector's width the rows path (one strip of each phase woven and stored masked) beats the
        // phase planes' flat runs and their weave; narrower rows leave too many of a strip's lanes empty. Its masked
        // stores need MASKED_ACCESS_COMPILED (dw3x3-s2-19-144's input gradient read 10.5 against 0.30 ms on JDK 17)
        return MASKED_ACCESS_COMPILED ? LANES : 2 * LANES;
    }

    @Override
    public void depthwiseStride2GradientRows(float[] y, int y0, int rowLength, int rows, int evenTaps, int evenColumn,
                                             int oddTaps, int oddColumn, float[] w, int wo, float[] out, int o0,
                                             int outStep, int width, int count) {
        // rows under two vectors (dwb26) one strip read up to a vector past the phases' columns, stored masked
        boolean fits = width / 2 >= LANES || count > 0 && y0 + (count + rows - 2) * rowLength
                + Math.max(evenColumn, oddColumn) + LANES + Math.max(evenTaps, oddTaps) - 1 <= y.length;
        if (fits && rows >= 1 && rows <= 2 && evenTaps >= 1 && evenTaps <= 2 && oddTaps >= 1 && oddTaps <= 2) {
            stride2Gradient3(y, y0, rowLength, rows, evenTaps, evenColumn, oddTaps, oddColumn, w, wo, out, o0, outStep,
                    width, count);
        } else if (PAIRED_STRIPS && fits && rows >= 2 && rows <= 3 && evenTaps == 3 && oddTaps == 2
                && width / 2 >= LANES && (width + 1) / 2 <= 2 * LANES) {
            stride2Gradient5Pair(y, y0, rowLength, rows, evenColumn, oddColumn, w, wo, out, o0, outStep, width, count);
        } else if (fits && rows >= 2 && rows <= 3 && evenTaps >= 2 && evenTaps <= 3 && oddTaps >= 2
                && oddTaps <= 3) {
            stride2Gradient5(y, y0, rowLength, rows, evenTaps, evenColumn, oddTaps, oddColumn, w, wo, out, o0, outStep,
                    width, count);
        } else {
            VectorOps.super.depthwiseStride2GradientRows(y, y0, rowLength, rows, evenTaps, evenColumn, oddTaps,
                    oddColumn, w, wo, out, o0, outStep, width, count);
        }
    }

    /** {@link #depthwiseStride2GradientRows} of a 3×3 kernel: 1 or 2 rows, 1 or 2 taps a phase. */
    private static void stride2Gradient3(float[] y, int y0, int rowLength, int rows, int evenTaps, int ec,
                                         int oddTaps, int oc, float[] w, int wo, float[] out, int o0, int outStep,
                                         int width, int count) {
        int per = evenTaps + oddTaps;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector e00 = FloatVector.broadcast(SPECIES, w[wo]);
        FloatVector e01 = evenTaps > 1 ? FloatVector.broadcast(SPECIES, w[wo + 1]) : zero;
        FloatVector o00 = FloatVector.broadcast(SPECIES, w[wo + evenTaps]);
        FloatVector o01 = oddTaps > 1 ? FloatVector.broadcast(SPECIES, w[wo + evenTaps + 1]) : zero;
        FloatVector e10 = rows > 1 ? FloatVector.broadcast(SPECIES, w[wo + per]) : zero;
        FloatVector e11 = rows > 1 && evenTaps > 1 ? FloatVector.broadcast(SPECIES, w[wo + per + 1]) : zero;
        FloatVector o10 = rows > 1 ? FloatVector.broadcast(SPECIES, w[wo + per + evenTaps]) : zero;
        FloatVector o11 = rows > 1 && oddTaps > 1 ? FloatVector.broadcast(SPECIES, w[wo + per + evenTaps + 1]) : zero;
        int half = width / 2; // the odd columns; the even ones are as many, or one more (done last, alone)
        boolean narrow = half < LANES; // one strip, the row's even and odd columns woven and stored masked
        int strips = narrow ? 1 : half;
        VectorMask<Float> first = SPECIES.indexInRange(0, width);
        VectorMask<Float> second = SPECIES.indexInRange(LANES, width);
        for (int j = 0; j < count; j++) {
            int ys = y0 + j * rowLength;
            int o = o0 + j * outStep;
            for (int step = 0; step < strips; step += LANES) {
                int n = narrow ? 0 : Math.min(step, half - LANES); // the last strip moved back: its overlap the same bits
                int a = ys + ec + n;
                int b = ys + oc + n;
                FloatVector ev = FloatVector.fromArray(SPECIES, y, a).mul(e00);
                if (evenTaps > 1) {
                    ev = FloatVector.fromArray(SPECIES, y, a + 1).fma(e01, ev);
                }
                FloatVector od = FloatVector.fromArray(SPECIES, y, b).mul(o00);
                if (oddTaps > 1) {
                    od = FloatVector.fromArray(SPECIES, y, b + 1).fma(o01, od);
                }
                if (rows > 1) {
                    a += rowLength;
                    b += rowLength;
                    ev = FloatVector.fromArray(SPECIES, y, a).fma(e10, ev);
                    if (evenTaps > 1) {
                        ev = FloatVector.fromArray(SPECIES, y, a + 1).fma(e11, ev);
                    }
                    od = FloatVector.fromArray(SPECIES, y, b).fma(o10, od);
                    if (oddTaps > 1) {
                        od = FloatVector.fromArray(SPECIES, y, b + 1).fma(o11, od);
                    }
                }
                // woven into the image row: even columns from ev, odd from od (interleave2's permutes)
                FloatVector low = ev.blend(od.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES);
                FloatVector high = od.blend(ev.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES);
                if (!narrow) {
                    low.intoArray(out, o + 2 * n);
                    high.intoArray(out, o + 2 * n + LANES);
                } else {
                    low.intoArray(out, o, first);
                    if (width > LANES) {
                        high.intoArray(out, o + LANES, second);
                    }
                }
            }
            if (width % 2 == 1 && !narrow) { // a narrow row's last even column is in its even vector
                out[o + width - 1] = stride2GradientColumn(y, ys + ec + half, rowLength, rows, evenTaps, w, wo, per);
            }
        }
    }

    /** {@link #depthwiseStride2GradientRows} of a 5×5 kernel: 2 or 3 rows, 2 or 3 taps a phase (18 weights in registers). */
    private static void stride2Gradient5(float[] y, int y0, int rowLength, int rows, int evenTaps, int ec,
                                         int oddTaps, int oc, float[] w, int wo, float[] out, int o0, int outStep,
                                         int width, int count) {
        int per = evenTaps + oddTaps;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector e00 = FloatVector.broadcast(SPECIES, w[wo]);
        FloatVector e01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector e02 = evenTaps > 2 ? FloatVector.broadcast(SPECIES, w[wo + 2]) : zero;
        FloatVector o00 = FloatVector.broadcast(SPECIES, w[wo + evenTaps]);
        FloatVector o01 = FloatVector.broadcast(SPECIES, w[wo + evenTaps + 1]);
        FloatVector o02 = oddTaps > 2 ? FloatVector.broadcast(SPECIES, w[wo + evenTaps + 2]) : zero;
        FloatVector e10 = FloatVector.broadcast(SPECIES, w[wo + per]);
        FloatVector e11 = FloatVector.broadcast(SPECIES, w[wo + per + 1]);
        FloatVector e12 = evenTaps > 2 ? FloatVector.broadcast(SPECIES, w[wo + per + 2]) : zero;
        FloatVector o10 = FloatVector.broadcast(SPECIES, w[wo + per + evenTaps]);
        FloatVector o11 = FloatVector.broadcast(SPECIES, w[wo + per + evenTaps + 1]);
        FloatVector o12 = oddTaps > 2 ? FloatVector.broadcast(SPECIES, w[wo + per + evenTaps + 2]) : zero;
        FloatVector e20 = rows > 2 ? FloatVector.broadcast(SPECIES, w[wo + 2 * per]) : zero;
        FloatVector e21 = rows > 2 ? FloatVector.broadcast(SPECIES, w[wo + 2 * per + 1]) : zero;
        FloatVector e22 = rows > 2 && evenTaps > 2 ? FloatVector.broadcast(SPECIES, w[wo + 2 * per + 2]) : zero;
        FloatVector o20 = rows > 2 ? FloatVector.broadcast(SPECIES, w[wo + 2 * per + evenTaps]) : zero;
        FloatVector o21 = rows > 2 ? FloatVector.broadcast(SPECIES, w[wo + 2 * per + evenTaps + 1]) : zero;
        FloatVector o22 = rows > 2 && oddTaps > 2 ? FloatVector.broadcast(SPECIES, w[wo + 2 * per + evenTaps + 2]) : zero;
        int half = width / 2; // the odd columns; the even ones are as many, or one more (done last, alone)
        boolean narrow = half < LANES; // one strip, the row's even and odd columns woven and stored masked
        int strips = narrow ? 1 : half;
        VectorMask<Float> first = SPECIES.indexInRange(0, width);
        VectorMask<Float> second = SPECIES.indexInRange(LANES, width);
        for (int j = 0; j < count; j++) {
            int ys = y0 + j * rowLength;
            int o = o0 + j * outStep;
            for (int step = 0; step < strips; step += LANES) {
                int n = narrow ? 0 : Math.min(step, half - LANES); // the last strip moved back: its overlap the same bits
                int a = ys + ec + n;
                int b = ys + oc + n;
                FloatVector ev = FloatVector.fromArray(SPECIES, y, a).mul(e00);
                ev = FloatVector.fromArray(SPECIES, y, a + 1).fma(e01, ev);
                if (evenTaps > 2) {
                    ev = FloatVector.fromArray(SPECIES, y, a + 2).fma(e02, ev);
                }
                FloatVector od = FloatVector.fromArray(SPECIES, y, b).mul(o00);
                od = FloatVector.fromArray(SPECIES, y, b + 1).fma(o01, od);
                if (oddTaps > 2) {
                    od = FloatVector.fromArray(SPECIES, y, b + 2).fma(o02, od);
                }
                a += rowLength;
                b += rowLength;
                ev = FloatVector.fromArray(SPECIES, y, a).fma(e10, ev);
                ev = FloatVector.fromArray(SPECIES, y, a + 1).fma(e11, ev);
                if (evenTaps > 2) {
                    ev = FloatVector.fromArray(SPECIES, y, a + 2).fma(e12, ev);
                }
                od = FloatVector.fromArray(SPECIES, y, b).fma(o10, od);
                od = FloatVector.fromArray(SPECIES, y, b + 1).fma(o11, od);
                if (oddTaps > 2) {
                    od = FloatVector.fromArray(SPECIES, y, b + 2).fma(o12, od);
                }
                if (rows > 2) {
                    a += rowLength;
                    b += rowLength;
                    ev = FloatVector.fromArray(SPECIES, y, a).fma(e20, ev);
                    ev = FloatVector.fromArray(SPECIES, y, a + 1).fma(e21, ev);
                    if (evenTaps > 2) {
                        ev = FloatVector.fromArray(SPECIES, y, a + 2).fma(e22, ev);
                    }
                    od = FloatVector.fromArray(SPECIES, y, b).fma(o20, od);
                    od = FloatVector.fromArray(SPECIES, y, b + 1).fma(o21, od);
                    if (oddTaps > 2) {
                        od = FloatVector.fromArray(SPECIES, y, b + 2).fma(o22, od);
                    }
                }
                // woven into the image row: even columns from ev, odd from od (interleave2's permutes)
                FloatVector low = ev.blend(od.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES);
                FloatVector high = od.blend(ev.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES);
                if (!narrow) {
                    low.intoArray(out, o + 2 * n);
                    high.intoArray(out, o + 2 * n + LANES);
                } else {
                    low.intoArray(out, o, first);
                    if (width > LANES) {
                        high.intoArray(out, o + LANES, second);
                    }
                }
            }
            if (width % 2 == 1 && !narrow) { // a narrow row's last even column is in its even vector
                out[o + width - 1] = stride2GradientColumn(y, ys + ec + half, rowLength, rows, evenTaps, w, wo, per);
            }
        }
    }

    /**
     * {@link #stride2Gradient5} of rows of exactly two strips (33-64 columns) with an even column padding (3 even taps,
     * 2 odd ones): both strips a pass, so four fma chains are in flight, not two (dw48 measured one strip's chains
     * waiting on their latency); an odd row's last even column in the second strip, moved back one more (no scalar
     * column). Its own method, no per-tap branches: dw48's pair inside stride2Gradient5 boxed in some JVMs. From JDK 18
     * ({@link #PAIRED_STRIPS}).
     */
    private static void stride2Gradient5Pair(float[] y, int y0, int rowLength, int rows, int ec, int oc, float[] w,
                                             int wo, float[] out, int o0, int outStep, int width, int count) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector e00 = FloatVector.broadcast(SPECIES, w[wo]);
        FloatVector e01 = FloatVector.broadcast(SPECIES, w[wo + 1]);
        FloatVector e02 = FloatVector.broadcast(SPECIES, w[wo + 2]);
        FloatVector o00 = FloatVector.broadcast(SPECIES, w[wo + 3]);
        FloatVector o01 = FloatVector.broadcast(SPECIES, w[wo + 4]);
        FloatVector e10 = FloatVector.broadcast(SPECIES, w[wo + 5]);
        FloatVector e11 = FloatVector.broadcast(SPECIES, w[wo + 6]);
        FloatVector e12 = FloatVector.broadcast(SPECIES, w[wo + 7]);
        FloatVector o10 = FloatVector.broadcast(SPECIES, w[wo + 8]);
        FloatVector o11 = FloatVector.broadcast(SPECIES, w[wo + 9]);
        FloatVector e20 = rows > 2 ? FloatVector.broadcast(SPECIES, w[wo + 10]) : zero;
        FloatVector e21 = rows > 2 ? FloatVector.broadcast(SPECIES, w[wo + 11]) : zero;
        FloatVector e22 = rows > 2 ? FloatVector.broadcast(SPECIES, w[wo + 12]) : zero;
        FloatVector o20 = rows > 2 ? FloatVector.broadcast(SPECIES, w[wo + 13]) : zero;
        FloatVector o21 = rows > 2 ? FloatVector.broadcast(SPECIES, w[wo + 14]) : zero;
        boolean odd = width % 2 == 1;
        int m = (width + 1) / 2 - LANES; // the second strip's first column of each phase: it ends at the last even one
        for (int j = 0; j < count; j++) {
            int a = y0 + j * rowLength + ec; // strip 0: ev (even columns) from a, od (odd) from b; strip m: fv, pd
            int b = y0 + j * rowLength + oc;
            int c = a + m;
            int d = b + m;
            // each chain summed as stride2Gradient5's: kernel rows, then taps, from a product
            FloatVector ev = FloatVector.fromArray(SPECIES, y, a).mul(e00);
            FloatVector fv = FloatVector.fromArray(SPECIES, y, c).mul(e00);
            FloatVector od = FloatVector.fromArray(SPECIES, y, b).mul(o00);
            FloatVector pd = FloatVector.fromArray(SPECIES, y, d).mul(o00);
            ev = FloatVector.fromArray(SPECIES, y, a + 1).fma(e01, ev);
            fv = FloatVector.fromArray(SPECIES, y, c + 1).fma(e01, fv);
            od = FloatVector.fromArray(SPECIES, y, b + 1).fma(o01, od);
            pd = FloatVector.fromArray(SPECIES, y, d + 1).fma(o01, pd);
            ev = FloatVector.fromArray(SPECIES, y, a + 2).fma(e02, ev);
            fv = FloatVector.fromArray(SPECIES, y, c + 2).fma(e02, fv);
            a += rowLength;
            b += rowLength;
            c += rowLength;
            d += rowLength;
            ev = FloatVector.fromArray(SPECIES, y, a).fma(e10, ev);
            fv = FloatVector.fromArray(SPECIES, y, c).fma(e10, fv);
            od = FloatVector.fromArray(SPECIES, y, b).fma(o10, od);
            pd = FloatVector.fromArray(SPECIES, y, d).fma(o10, pd);
            ev = FloatVector.fromArray(SPECIES, y, a + 1).fma(e11, ev);
            fv = FloatVector.fromArray(SPECIES, y, c + 1).fma(e11, fv);
            od = FloatVector.fromArray(SPECIES, y, b + 1).fma(o11, od);
            pd = FloatVector.fromArray(SPECIES, y, d + 1).fma(o11, pd);
            ev = FloatVector.fromArray(SPECIES, y, a + 2).fma(e12, ev);
            fv = FloatVector.fromArray(SPECIES, y, c + 2).fma(e12, fv);
            if (rows > 2) {
                a += rowLength;
                b += rowLength;
                c += rowLength;
                d += rowLength;
                ev = FloatVector.fromArray(SPECIES, y, a).fma(e20, ev);
                fv = FloatVector.fromArray(SPECIES, y, c).fma(e20, fv);
                od = FloatVector.fromArray(SPECIES, y, b).fma(o20, od);
                pd = FloatVector.fromArray(SPECIES, y, d).fma(o20, pd);
                ev = FloatVector.fromArray(SPECIES, y, a + 1).fma(e21, ev);
                fv = FloatVector.fromArray(SPECIES, y, c + 1).fma(e21, fv);
                od = FloatVector.fromArray(SPECIES, y, b + 1).fma(o21, od);
                pd = FloatVector.fromArray(SPECIES, y, d + 1).fma(o21, pd);
                ev = FloatVector.fromArray(SPECIES, y, a + 2).fma(e22, ev);
                fv = FloatVector.fromArray(SPECIES, y, c + 2).fma(e22, fv);
            }
            // woven into the image row as stride2Gradient5's strips; the overlap rewritten with the same bits
            int o = o0 + j * outStep;
            ev.blend(od.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES).intoArray(out, o);
            od.blend(ev.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(out, o + LANES);
            fv.blend(pd.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES).intoArray(out, o + 2 * m);
            if (odd) { // the row's last LANES columns, one lane on from the high half (whose last lane is past the row)
                pd.rearrange(TAIL_ODD).blend(fv.rearrange(TAIL_EVEN), ODD_LANES).intoArray(out, o + width - LANES);
            } else {
                pd.blend(fv.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(out, o + 2 * m + LANES);
            }
        }
    }

    /**
     * Whether {@link #stride2Gradient5Pair} runs: from JDK 18. On JDK 17 it was 1.3x on h-k5s2-45's input gradient, but
     * the weight gradient run after it in the same JVM measured 0.75-0.80x and allocated 67-130 kB a call (6-8 on main;
     * bench/dw50/jdk17-all-passes.log), so JDK 17 keeps stride2Gradient5.
     */
    static final boolean PAIRED_STRIPS = Runtime.version().feature() >= 18;

    /** Lane l of an odd row's last LANES columns (l even): the odd phase's lane LANES/2 - 1 + l/2 of the second strip. */
    private static final VectorShuffle<Float> TAIL_ODD = VectorShuffle.fromArray(SPECIES, tailLanes(0), 0);
    /** Lane l of an odd row's last LANES columns (l odd): the even phase's lane (LANES - 1 + l)/2 of the second strip. */
    private static final VectorShuffle<Float> TAIL_EVEN = VectorShuffle.fromArray(SPECIES, tailLanes(1), 0);
    private static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(SPECIES, 0xAAAAAAAAAAAAAAAAL);

    private static int[] tailLanes(int parity) {
        int[] lanes = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            lanes[l] = parity == 0 ? LANES / 2 - 1 + l / 2 : (LANES - 1 + l) / 2;
        }
        return lanes;
    }

    // dws2b21: the stride-2 depthwise input gradient of rows under a vector (two before dwb26), a phase plane a flat
    // run (a vector spans several of its rows), the four woven into the image rows once

    @Override
    public void depthwiseStride2GradientRun(float[] y, int y0, int rowLength, int rows, int taps, float[] w, int wo,
                                            int wStep, float[] out, int o, int span) {
        int whole = (span + LANES - 1) / LANES * LANES; // whole vectors: a loop C2 bounds once, not a check a load
        if (rows < 1 || rows > 3 || taps < 1 || taps > 3 || o + whole > out.length
                || y0 + whole + (rows - 1) * rowLength + taps - 1 > y.length) {
            for (int v = 0; v < span; v++) { // the vector lanes' order, so a run's bits do not depend on its span
                out[o + v] = stride2GradientColumn(y, y0 + v, rowLength, rows, taps, w, wo, wStep);
            }
            return;
        }
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector w00 = FloatVector.broadcast(SPECIES, w[wo]);
        FloatVector w01 = taps > 1 ? FloatVector.broadcast(SPECIES, w[wo + 1]) : zero;
        FloatVector w02 = taps > 2 ? FloatVector.broadcast(SPECIES, w[wo + 2]) : zero;
        FloatVector w10 = rows > 1 ? FloatVector.broadcast(SPECIES, w[wo + wStep]) : zero;
        FloatVector w11 = rows > 1 && taps > 1 ? FloatVector.broadcast(SPECIES, w[wo + wStep + 1]) : zero;
        FloatVector w12 = rows > 1 && taps > 2 ? FloatVector.broadcast(SPECIES, w[wo + wStep + 2]) : zero;
        FloatVector w20 = rows > 2 ? FloatVector.broadcast(SPECIES, w[wo + 2 * wStep]) : zero;
        FloatVector w21 = rows > 2 && taps > 1 ? FloatVector.broadcast(SPECIES, w[wo + 2 * wStep + 1]) : zero;
        FloatVector w22 = rows > 2 && taps > 2 ? FloatVector.broadcast(SPECIES, w[wo + 2 * wStep + 2]) : zero;
        for (int v = 0; v < span; v += LANES) {
            int b = y0 + v;
            FloatVector s = FloatVector.fromArray(SPECIES, y, b).mul(w00);
            if (taps > 1) {
                s = FloatVector.fromArray(SPECIES, y, b + 1).fma(w01, s);
            }
            if (taps > 2) {
                s = FloatVector.fromArray(SPECIES, y, b + 2).fma(w02, s);
            }
            if (rows > 1) {
                b += rowLength;
                s = FloatVector.fromArray(SPECIES, y, b).fma(w10, s);
                if (taps > 1) {
                    s = FloatVector.fromArray(SPECIES, y, b + 1).fma(w11, s);
                }
                if (taps > 2) {
                    s = FloatVector.fromArray(SPECIES, y, b + 2).fma(w12, s);
                }
            }
            if (rows > 2) {
                b += rowLength;
                s = FloatVector.fromArray(SPECIES, y, b).fma(w20, s);
                if (taps > 1) {
                    s = FloatVector.fromArray(SPECIES, y, b + 1).fma(w21, s);
                }
                if (taps > 2) {
                    s = FloatVector.fromArray(SPECIES, y, b + 2).fma(w22, s);
                }
            }
            s.intoArray(out, o + v);
        }
    }

    /**
     * {@link VectorOps#interleavePhaseRows} of rows up to two vectors wide, a pair of rows (one of each pair of phase
     * planes) a step: a row's two phase vectors woven by {@link #interleave2}'s permutes and stored whole (the
     * floats past the row land in the next row, which its own stores rewrite); the rows after the last pair whose
     * stores stay under {@code limit} and whose loads in the array as the interface's loop does.
     */
    @Override
    public void interleavePhaseRows(float[] x, int even0, int odd0, int even1, int odd1, int xStep, int rows,
                                    int width, float[] out, int o, int limit) {
        if (width > 2 * LANES) {
            VectorOps.super.interleavePhaseRows(x, even0, odd0, even1, odd1, xStep, rows, width, out, o, limit);
            return;
        }
        int stored = width > LANES ? 2 * LANES : LANES;
        int furthest = Math.max(Math.max(even0, odd0), Math.max(even1, odd1));
        int pairs = rows / 2; // pairs [0, pairs) within the arrays and under limit: a loop C2 bounds once
        while (pairs > 0 && (o + (2 * pairs - 1) * width + stored > limit
                || furthest + (pairs - 1) * xStep + LANES > x.length)) {
            pairs--;
        }
        for (int m = 0; m < pairs; m++) {
            int at = o + 2 * m * width;
            int xm = m * xStep;
            weaveRow(x, even0 + xm, odd0 + xm, out, at, stored > LANES);
            weaveRow(x, even1 + xm, odd1 + xm, out, at + width, stored > LANES);
        }
        int j = 2 * pairs; // the rows after: one at a time while they fit (an odd count's last row)
        for (; j < rows; j++) {
            int m = j / 2 * xStep;
            int e = (j % 2 == 0 ? even0 : even1) + m;
            int d = (j % 2 == 0 ? odd0 : odd1) + m;
            int at = o + j * width;
            if (at + stored > limit || Math.max(e, d) + LANES > x.length) {
                break;
            }
            weaveRow(x, e, d, out, at, stored > LANES);
        }
        if (j < rows) { // row j takes pair j % 2 at plane row j / 2, row j + 1 the other at (j + 1) / 2
            int here = j / 2 * xStep;
            int next = (j + 1) / 2 * xStep;
            boolean even = j % 2 == 0;
            VectorOps.super.interleavePhaseRows(x, (even ? even0 : even1) + here, (even ? odd0 : odd1) + here,
                    (even ? even1 : even0) + next, (even ? odd1 : odd0) + next, xStep, rows - j, width, out,
                    o + j * width, limit);
        }
    }

    /** One row of {@link #interleavePhaseRows}: the phase vectors at {@code x[e]}, {@code x[d]} woven into {@code out[at]}, one or two vectors. */
    private static void weaveRow(float[] x, int e, int d, float[] out, int at, boolean two) {
        FloatVector ev = FloatVector.fromArray(SPECIES, x, e);
        FloatVector od = FloatVector.fromArray(SPECIES, x, d);
        ev.blend(od.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES).intoArray(out, at);
        if (two) {
            od.blend(ev.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(out, at + LANES);
        }
    }

    /** One even column of {@link #depthwiseStride2GradientRows} from {@code y[ys]}, in the vector lanes' order (fused). */
    private static float stride2GradientColumn(float[] y, int ys, int rowLength, int rows, int taps, float[] w, int wo,
                                               int per) {
        float s = y[ys] * w[wo];
        for (int i = 0; i < rows; i++) {
            for (int t = i == 0 ? 1 : 0; t < taps; t++) {
                s = Math.fma(y[ys + i * rowLength + t], w[wo + i * per + t], s);
            }
        }
        return s;
    }

    // ---- s2b22: the 3×3 stride-2 input gradient by a transposed strided Winograd

    @Override
    public void stridedScatterInput(float[] d, int o, int step, int n, float[] out, int oo, int pointStep) {
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            for (int k = 0; k < 5; k++) {
                FloatVector h0 = scatterPoint(d, o + j, step, k);
                FloatVector h1 = scatterPoint(d, o + 3 * step + j, step, k);
                FloatVector h2 = scatterPoint(d, o + 6 * step + j, step, k);
                h0.sub(h1).intoArray(out, oo + k * pointStep + j);
                h1.intoArray(out, oo + (5 + k) * pointStep + j);
                h2.sub(h1).intoArray(out, oo + (10 + k) * pointStep + j);
                h0.intoArray(out, oo + (15 + k) * pointStep + j);
                h1.intoArray(out, oo + (20 + k) * pointStep + j);
            }
        }
        for (; j < n; j++) {
            VectorOps.stridedScatterInputAt(d, o + j, step, out, oo + j, pointStep);
        }
    }

    /** Point k of one window row's three response values for LANES tiles, as {@code VectorOps.stridedScatterPoint}. */
    private static FloatVector scatterPoint(float[] d, int o, int n, int k) {
        switch (k) {
            case 0: return FloatVector.fromArray(SPECIES, d, o).sub(FloatVector.fromArray(SPECIES, d, o + n));
            case 1: return FloatVector.fromArray(SPECIES, d, o + n);
            case 2: return FloatVector.fromArray(SPECIES, d, o + 2 * n).sub(FloatVector.fromArray(SPECIES, d, o + n));
            case 3: return FloatVector.fromArray(SPECIES, d, o);
            default: return FloatVector.fromArray(SPECIES, d, o + n);
        }
    }

    @Override
    public void stridedScatterOutput(float[] m, int mo, int pointStep, float[] x, int xo, int n) {
        int j = 0;
        int p5 = 5 * pointStep;
        for (; j + LANES <= n; j += LANES) {
            for (int c = 0; c < 4; c++) {
                int r = mo + j;
                FloatVector f0 = scatterValue(m, r, pointStep, c);
                FloatVector f1 = scatterValue(m, r + p5, pointStep, c);
                FloatVector f2 = scatterValue(m, r + 2 * p5, pointStep, c);
                FloatVector f3 = scatterValue(m, r + 3 * p5, pointStep, c);
                FloatVector f4 = scatterValue(m, r + 4 * p5, pointStep, c);
                f3.intoArray(x, xo + c * n + j);
                f0.add(f1).intoArray(x, xo + (4 + c) * n + j);
                f4.intoArray(x, xo + (8 + c) * n + j);
                f1.add(f2).intoArray(x, xo + (12 + c) * n + j);
            }
        }
        for (; j < n; j++) {
            VectorOps.stridedScatterOutputAt(m, mo + j, pointStep, x, xo + j, n);
        }
    }

    /** Value c of one point row's five products for LANES tiles, as {@code VectorOps.stridedScatterValue}. */
    private static FloatVector scatterValue(float[] m, int o, int step, int c) {
        switch (c) {
            case 0: return FloatVector.fromArray(SPECIES, m, o + 3 * step);
            case 1: return FloatVector.fromArray(SPECIES, m, o).add(FloatVector.fromArray(SPECIES, m, o + step));
            case 2: return FloatVector.fromArray(SPECIES, m, o + 4 * step);
            default: return FloatVector.fromArray(SPECIES, m, o + step).add(FloatVector.fromArray(SPECIES, m, o + 2 * step));
        }
    }

    // ---- s2f30: the strided Winograd forward's output rows, under two vectors wide

    @Override
    public void interleave2Short(float[] even, int eo, float[] odd, int oo, float[] dst, int dOff, int n) {
        int half = LANES / 2;
        if (n < half || eo + n - half + LANES > even.length || oo + n - half + LANES > odd.length) {
            interleave2(even, eo, odd, oo, dst, dOff, n);
            return;
        }
        int k = 0;
        for (; k + LANES <= n; k += LANES) {
            FloatVector e = FloatVector.fromArray(SPECIES, even, eo + k);
            FloatVector o = FloatVector.fromArray(SPECIES, odd, oo + k);
            e.blend(o.rearrange(SWAP_HALVES), LOW_HALF.not()).rearrange(ZIP_HALVES).intoArray(dst, dOff + 2 * k);
            o.blend(e.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(dst, dOff + 2 * k + LANES);
        }
        // then LANES / 2 pairs at a time, the last run moved back to end at n: the low halves of interleave2's zip
        while (k < n) {
            int at = Math.min(k, n - half);
            FloatVector e = FloatVector.fromArray(SPECIES, even, eo + at);
            FloatVector o = FloatVector.fromArray(SPECIES, odd, oo + at);
            e.blend(o.rearrange(SWAP_HALVES), LOW_HALF.not()).rearrange(ZIP_HALVES).intoArray(dst, dOff + 2 * at);
            k = at + half;
        }
    }

    // ---- d5w58: the 5×5 weight gradient's double output transform, channel pairs in the lanes

    @Override
    public int fiveGradientOutputLanes() {
        return DOUBLES.length();
    }

    @Override
    public void fiveGradientOutput(int tile, double[] sums, int at, int pointFloats, int parts, int partFloats,
                                   double[] work, float[] dw, int out, int outStride) {
        int lanes = DOUBLES.length();
        int alpha = tile + 4;
        int points = alpha * alpha;
        for (int t = 0; t < points; t++) { // M: the parts' sums in part order
            int from = at + t * pointFloats;
            DoubleVector sum = DoubleVector.fromArray(DOUBLES, sums, from);
            for (int part = 1; part < parts; part++) {
                sum = sum.add(DoubleVector.fromArray(DOUBLES, sums, from + part * partFloats));
            }
            sum.intoArray(work, t * lanes);
        }
        int rows = points * lanes;           // Gᵀ along M's rows: rows[5·row + q]
        int done = rows + 5 * alpha * lanes; // then down the columns: done[5·col + k]
        for (int row = 0; row < alpha; row++) {
            fiveGradientTransform(alpha, work, alpha * row * lanes, lanes, rows + 5 * row * lanes, lanes);
        }
        for (int col = 0; col < 5; col++) {
            fiveGradientTransform(alpha, work, rows + col * lanes, 5 * lanes, done + 5 * col * lanes, lanes);
        }
        for (int j = 0; j < lanes; j++) {
            int to = out + j * outStride;
            for (int k = 0; k < 5; k++) {
                for (int l = 0; l < 5; l++) {
                    dw[to + 5 * k + l] = (float) work[done + (5 * l + k) * lanes + j];
                }
            }
        }
    }

    /**
     * Gᵀ m of {@code alpha} (6: F(2, 5)'s filter transform, 7: F(3, 5)'s) vectors at {@code w[x + s·inStep]}, the
     * five outputs to {@code w[o + k·outStep]}: the operations of {@code WinogradFiveWeightGradient.transform} and
     * {@code WinogradFive3WeightGradient.transform}, in their order, lane by lane.
     */
    private static void fiveGradientTransform(int alpha, double[] w, int x, int inStep, int o, int outStep) {
        if (alpha == 7) {
            DoubleVector m0 = DoubleVector.fromArray(DOUBLES, w, x);
            DoubleVector m1 = DoubleVector.fromArray(DOUBLES, w, x + inStep).mul(-1 / 3.0);
            DoubleVector m2 = DoubleVector.fromArray(DOUBLES, w, x + 2 * inStep).mul(1 / 9.0);
            DoubleVector m3 = DoubleVector.fromArray(DOUBLES, w, x + 3 * inStep).mul(1 / 36.0);
            DoubleVector m4 = DoubleVector.fromArray(DOUBLES, w, x + 4 * inStep).mul(-1 / 60.0);
            DoubleVector m5 = DoubleVector.fromArray(DOUBLES, w, x + 5 * inStep).mul(2 / 45.0);
            DoubleVector m6 = DoubleVector.fromArray(DOUBLES, w, x + 6 * inStep);
            DoubleVector s = m1.add(m2);
            DoubleVector d = m1.sub(m2);
            DoubleVector s2 = m3.add(m4);
            DoubleVector d2 = m3.sub(m4);
            m0.mul(-1 / 2.0).add(s).add(s2).add(m5.mul(16.0)).intoArray(w, o);
            d.add(d2.mul(2.0)).add(m5.mul(8.0)).intoArray(w, o + outStep);
            s.add(s2.mul(4.0)).add(m5.mul(4.0)).intoArray(w, o + 2 * outStep);
            d.add(d2.mul(8.0)).add(m5.mul(2.0)).intoArray(w, o + 3 * outStep);
            s.add(s2.mul(16.0)).add(m5).add(m6).intoArray(w, o + 4 * outStep);
        } else {
            DoubleVector m0 = DoubleVector.fromArray(DOUBLES, w, x);
            DoubleVector m1 = DoubleVector.fromArray(DOUBLES, w, x + inStep);
            DoubleVector m2 = DoubleVector.fromArray(DOUBLES, w, x + 2 * inStep);
            DoubleVector m3 = DoubleVector.fromArray(DOUBLES, w, x + 3 * inStep);
            DoubleVector m4 = DoubleVector.fromArray(DOUBLES, w, x + 4 * inStep);
            DoubleVector m5 = DoubleVector.fromArray(DOUBLES, w, x + 5 * inStep);
            DoubleVector s = m1.add(m2);
            DoubleVector d = m1.sub(m2);
            DoubleVector s2 = m3.add(m4);
            DoubleVector d2 = m3.sub(m4);
            m0.mul(1 / 4.0).sub(s.mul(1 / 6.0)).add(s2.mul(1 / 24.0)).intoArray(w, o);
            d.neg().mul(1 / 6.0).add(d2.mul(1 / 12.0)).intoArray(w, o + outStep);
            s.neg().mul(1 / 6.0).add(s2.mul(1 / 6.0)).intoArray(w, o + 2 * outStep);
            d.neg().mul(1 / 6.0).add(d2.mul(1 / 3.0)).intoArray(w, o + 3 * outStep);
            s.neg().mul(1 / 6.0).add(s2.mul(2 / 3.0)).add(m5).intoArray(w, o + 4 * outStep);
        }
    }
}
