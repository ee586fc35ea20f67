package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.VectorOps;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** {@link VectorOps} on the Vector API, with scalar loop tails. */
public final class PanamaVectorOps implements VectorOps {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final VectorSpecies<Integer> INT_SPECIES = VectorSpecies.of(int.class, SPECIES.vectorShape());
    /** Even lanes of two vectors: a stride-2 load from two contiguous loads (one two-source permute). */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(SPECIES, i -> 2 * i);
    /** Gather maps {lane * stride} for strides 1..4. */
    private static final int[][] LANE_STEPS = new int[5][];

    static {
        for (int s = 1; s < LANE_STEPS.length; s++) {
            LANE_STEPS[s] = new int[LANES];
            for (int l = 0; l < LANES; l++) {
                LANE_STEPS[s][l] = l * s;
            }
        }
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

    @Override
    public void windowMaxRow(float[] in, int inBase, int width, int h0, int kh, int col0, int kw, int stride, int count,
                             float[] out, int outOff, long[] indices) {
        if (stride < 1 || stride >= LANE_STEPS.length) {
            VectorOps.super.windowMaxRow(in, inBase, width, h0, kh, col0, kw, stride, count, out, outOff, indices);
            return;
        }
        int[] steps = LANE_STEPS[stride];
        IntVector laneIndex = IntVector.fromArray(INT_SPECIES, steps, 0);
        int[] idx = new int[LANES];
        int j = 0;
        for (; j + LANES <= count; j += LANES) {
            int first = h0 * width + col0 + j * stride;
            FloatVector best = load(in, inBase + first, stride, steps);
            IntVector bestIndex = laneIndex.add(first);
            for (int r = 0; r < kh; r++) {
                for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                    int offset = first + r * width + c;
                    FloatVector v = load(in, inBase + offset, stride, steps);
                    VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
                    best = best.blend(v, take);
                    bestIndex = bestIndex.blend(laneIndex.add(offset), take.cast(INT_SPECIES));
                }
            }
            best.intoArray(out, outOff + j);
            if (indices != null) {
                bestIndex.intoArray(idx, 0);
                for (int l = 0; l < LANES; l++) {
                    indices[outOff + j + l] = idx[l];
                }
            }
        }
        if (j < count) {
            VectorOps.super.windowMaxRow(in, inBase, width, h0, kh, col0 + j * stride, kw, stride, count - j, out, outOff + j,
                    indices);
        }
    }

    @Override
    public void windowSumRow(float[] in, int inBase, int width, int h0, int kh, int col0, int kw, int stride, int count,
                             float[] out, int outOff) {
        if (stride < 1 || stride >= LANE_STEPS.length) {
            VectorOps.super.windowSumRow(in, inBase, width, h0, kh, col0, kw, stride, count, out, outOff);
            return;
        }
        int[] steps = LANE_STEPS[stride];
        int j = 0;
        for (; j + LANES <= count; j += LANES) {
            int first = inBase + h0 * width + col0 + j * stride;
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    sum = sum.add(load(in, first + r * width + c, stride, steps));
                }
            }
            sum.intoArray(out, outOff + j);
        }
        if (j < count) {
            VectorOps.super.windowSumRow(in, inBase, width, h0, kh, col0 + j * stride, kw, stride, count - j, out, outOff + j);
        }
    }

    @Override
    public void windowSpreadRow(float[] perWindow, int pOff, float[] grad, int gBase, int width, int h0, int kh, int col0,
                                int kw, int stride, int count) {
        if (stride < 1 || stride >= LANE_STEPS.length) {
            VectorOps.super.windowSpreadRow(perWindow, pOff, grad, gBase, width, h0, kh, col0, kw, stride, count);
            return;
        }
        int[] steps = LANE_STEPS[stride];
        int j = 0;
        for (; j + LANES <= count; j += LANES) {
            FloatVector g = FloatVector.fromArray(SPECIES, perWindow, pOff + j);
            int first = gBase + h0 * width + col0 + j * stride;
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    int at = first + r * width + c;
                    // within one tap the lanes touch distinct elements, so a gather-add-scatter is exact
                    if (stride == 1) {
                        FloatVector.fromArray(SPECIES, grad, at).add(g).intoArray(grad, at);
                    } else {
                        FloatVector.fromArray(SPECIES, grad, at, steps, 0).add(g).intoArray(grad, at, steps, 0);
                    }
                }
            }
        }
        if (j < count) {
            VectorOps.super.windowSpreadRow(perWindow, pOff + j, grad, gBase, width, h0, kh, col0 + j * stride, kw, stride,
                    count - j);
        }
    }

    private static FloatVector load(float[] in, int offset, int stride, int[] steps) {
        if (stride == 1) {
            return FloatVector.fromArray(SPECIES, in, offset);
        }
        if (stride == 2 && offset + 2 * LANES <= in.length) {
            return FloatVector.fromArray(SPECIES, in, offset).rearrange(EVEN, FloatVector.fromArray(SPECIES, in, offset + LANES));
        }
        return FloatVector.fromArray(SPECIES, in, offset, steps, 0);
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

    /**
     * The lanes added in index order. Not reduceLanes: C2 compiles that into a tree whose rounding
     * differs from the interpreter's, so results changed after warm-up (the backend's determinism rule).
     */
    private static float addLanesInOrder(FloatVector v) {
        float[] lanes = new float[LANES];
        v.intoArray(lanes, 0);
        float s = lanes[0];
        for (int l = 1; l < LANES; l++) {
            s += lanes[l];
        }
        return s;
    }

    @Override
    public float sum(float[] x, int xo, int n) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i <= n - LANES; i += LANES) {
            acc = acc.add(FloatVector.fromArray(SPECIES, x, xo + i));
        }
        float s = addLanesInOrder(acc);
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
        float sum = addLanesInOrder(acc0.add(acc1));
        for (; i < n; i++) {
            sum += x[xo + i] * y[yo + i];
        }
        return sum;
    }
}
