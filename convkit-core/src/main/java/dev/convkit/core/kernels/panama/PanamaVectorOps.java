package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.VectorOps;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** {@link VectorOps} on the Vector API, with scalar loop tails. */
public final class PanamaVectorOps implements VectorOps {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final VectorSpecies<Integer> INT_SPECIES = VectorSpecies.of(int.class, SPECIES.vectorShape());
    private static final VectorSpecies<Long> LONG_SPECIES = VectorSpecies.of(long.class, SPECIES.vectorShape());
    /** Half a vector: the outputs of a stride-2 row, one per even lane of a full load. */
    private static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class,
            VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> HALF_INT = VectorSpecies.of(int.class, HALF.vectorShape());
    private static final IntVector LANE = IntVector.fromArray(INT_SPECIES, iota(1, LANES), 0);
    private static final IntVector EVEN_LANE = IntVector.fromArray(HALF_INT, iota(2, LANES / 2), 0);

    private static int[] iota(int step, int n) {
        int[] values = new int[n];
        for (int l = 0; l < n; l++) {
            values[l] = l * step;
        }
        return values;
    }

    /** A full vector at {@code off}; near the end of the array only the lanes inside it are read. */
    private static FloatVector full(float[] a, int off) {
        return off + LANES <= a.length ? FloatVector.fromArray(SPECIES, a, off)
                : FloatVector.fromArray(SPECIES, a, off, SPECIES.indexInRange(off, a.length));
    }

    /**
     * The even lanes of the vector at {@code off}, a stride-2 load: each pair of floats seen as one
     * long whose low half (little-endian lane order) is the even one, narrowed to int. One load and
     * one narrowing move, where a two-vector rearrange costs several permutes.
     */
    private static FloatVector evens(float[] a, int off) {
        return ((IntVector) full(a, off).reinterpretAsLongs().convertShape(VectorOperators.L2I, HALF_INT, 0))
                .reinterpretAsFloats();
    }

    private static VectorMask<Float> takes(FloatVector v, FloatVector best) {
        // PyTorch's rule: greater, or NaN (so a window's last NaN wins)
        return v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v));
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
    public void windowMaxRow(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int stride, int count,
                             float[] out, int outOff, long[] indices) {
        if (stride == 1 && count >= LANES / 2) {
            if (indices == null) {
                maxRow1(in, planeBase, rows, kr, col0, kw, count, out, outOff);
            } else {
                maxIndexRow1(in, planeBase, rows, kr, col0, kw, count, out, outOff, indices);
            }
        } else if (stride == 2 && count >= LANES / 4) {
            if (indices == null) {
                maxRow2(in, planeBase, rows, kr, col0, kw, count, out, outOff);
            } else {
                maxIndexRow2(in, planeBase, rows, kr, col0, kw, count, out, outOff, indices);
            }
        } else {
            VectorOps.super.windowMaxRow(in, planeBase, rows, kr, col0, kw, stride, count, out, outOff, indices);
        }
    }

    private static void maxRow1(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int count, float[] out,
                                int outOff) {
        for (int j = 0; j < count; j += LANES) {
            int col = planeBase + col0 + j;
            FloatVector best = full(in, rows[0] + col);
            for (int r = 0; r < kr; r++) {
                for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                    FloatVector v = full(in, rows[r] + col + c);
                    best = best.blend(v, takes(v, best));
                }
            }
            if (j + LANES <= count) {
                best.intoArray(out, outOff + j);
            } else {
                best.intoArray(out, outOff + j, SPECIES.indexInRange(j, count));
            }
        }
    }

    private static void maxRow2(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int count, float[] out,
                                int outOff) {
        int half = HALF.length();
        for (int j = 0; j < count; j += half) {
            int col = planeBase + col0 + 2 * j;
            FloatVector best = evens(in, rows[0] + col);
            for (int r = 0; r < kr; r++) {
                for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                    FloatVector v = evens(in, rows[r] + col + c);
                    best = best.blend(v, takes(v, best));
                }
            }
            if (j + half <= count) {
                best.intoArray(out, outOff + j);
            } else {
                best.intoArray(out, outOff + j, HALF.indexInRange(j, count));
            }
        }
    }

    private static void maxIndexRow1(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int count, float[] out,
                                     int outOff, long[] indices) {
        for (int j = 0; j < count; j += LANES) {
            int col = col0 + j;
            FloatVector best = full(in, planeBase + rows[0] + col);
            IntVector bestIndex = LANE.add(rows[0] + col);
            for (int r = 0; r < kr; r++) {
                for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                    int at = rows[r] + col + c;
                    FloatVector v = full(in, planeBase + at);
                    VectorMask<Float> take = takes(v, best);
                    best = best.blend(v, take);
                    bestIndex = bestIndex.blend(LANE.add(at), take.cast(INT_SPECIES));
                }
            }
            if (j + LANES <= count) {
                best.intoArray(out, outOff + j);
                ((LongVector) bestIndex.convertShape(VectorOperators.I2L, LONG_SPECIES, 0)).intoArray(indices, outOff + j);
                ((LongVector) bestIndex.convertShape(VectorOperators.I2L, LONG_SPECIES, 1)).intoArray(indices, outOff + j + LANES / 2);
            } else {
                best.intoArray(out, outOff + j, SPECIES.indexInRange(j, count));
                for (int l = 0; l < count - j; l++) {
                    indices[outOff + j + l] = bestIndex.lane(l);
                }
            }
        }
    }

    private static void maxIndexRow2(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int count, float[] out,
                                     int outOff, long[] indices) {
        int half = HALF.length();
        for (int j = 0; j < count; j += half) {
            int col = col0 + 2 * j;
            FloatVector best = evens(in, planeBase + rows[0] + col);
            IntVector bestIndex = EVEN_LANE.add(rows[0] + col);
            for (int r = 0; r < kr; r++) {
                for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                    int at = rows[r] + col + c;
                    FloatVector v = evens(in, planeBase + at);
                    VectorMask<Float> take = takes(v, best);
                    best = best.blend(v, take);
                    bestIndex = bestIndex.blend(EVEN_LANE.add(at), take.cast(HALF_INT));
                }
            }
            if (j + half <= count) {
                best.intoArray(out, outOff + j);
                ((LongVector) bestIndex.convertShape(VectorOperators.I2L, LONG_SPECIES, 0)).intoArray(indices, outOff + j);
            } else {
                best.intoArray(out, outOff + j, HALF.indexInRange(j, count));
                for (int l = 0; l < count - j; l++) {
                    indices[outOff + j + l] = bestIndex.lane(l);
                }
            }
        }
    }

    @Override
    public void windowMaxRowAt(float[] in, int planeBase, int[] rows, int kr, int[] starts, int kw, int count,
                               float[] out, int outOff, long[] indices) {
        for (int j = 0; j < count; j += LANES) {
            VectorMask<Integer> valid = INT_SPECIES.indexInRange(j, count);
            VectorMask<Float> validFloats = valid.cast(SPECIES);
            IntVector columns = IntVector.fromArray(INT_SPECIES, starts, j, valid);
            FloatVector best = FloatVector.fromArray(SPECIES, in, planeBase + rows[0], starts, j, validFloats);
            IntVector bestIndex = columns.add(rows[0]);
            for (int r = 0; r < kr; r++) {
                for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                    int at = rows[r] + c;
                    // a gather: the windows start at irregular columns
                    FloatVector v = FloatVector.fromArray(SPECIES, in, planeBase + at, starts, j, validFloats);
                    VectorMask<Float> take = takes(v, best);
                    best = best.blend(v, take);
                    if (indices != null) {
                        bestIndex = bestIndex.blend(columns.add(at), take.cast(INT_SPECIES));
                    }
                }
            }
            best.intoArray(out, outOff + j, validFloats);
            if (indices != null) {
                for (int l = 0; l < Math.min(LANES, count - j); l++) {
                    indices[outOff + j + l] = bestIndex.lane(l);
                }
            }
        }
    }

    @Override
    public void windowSumRow(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int stride, int count,
                             float[] out, int outOff) {
        if (stride == 1 && count >= LANES / 2) {
            for (int j = 0; j < count; j += LANES) {
                int col = planeBase + col0 + j;
                FloatVector sum = FloatVector.zero(SPECIES);
                for (int r = 0; r < kr; r++) {
                    for (int c = 0; c < kw; c++) {
                        sum = sum.add(full(in, rows[r] + col + c));
                    }
                }
                if (j + LANES <= count) {
                    sum.intoArray(out, outOff + j);
                } else {
                    sum.intoArray(out, outOff + j, SPECIES.indexInRange(j, count));
                }
            }
        } else if (stride == 2 && count >= LANES / 4) {
            int half = HALF.length();
            for (int j = 0; j < count; j += half) {
                int col = planeBase + col0 + 2 * j;
                FloatVector sum = FloatVector.zero(HALF);
                for (int r = 0; r < kr; r++) {
                    for (int c = 0; c < kw; c++) {
                        sum = sum.add(evens(in, rows[r] + col + c));
                    }
                }
                if (j + half <= count) {
                    sum.intoArray(out, outOff + j);
                } else {
                    sum.intoArray(out, outOff + j, HALF.indexInRange(j, count));
                }
            }
        } else {
            VectorOps.super.windowSumRow(in, planeBase, rows, kr, col0, kw, stride, count, out, outOff);
        }
    }

    @Override
    public void windowSpreadRow(float[] perWindow, int pOff, float[] grad, int planeBase, int[] rows, int kr, int col0,
                                int kw, int stride, int count) {
        if (stride == 2 && count >= LANES / 4) {
            spreadRow2(perWindow, pOff, grad, planeBase, rows, kr, col0, kw, count);
            return;
        }
        if (stride != 1) {
            VectorOps.super.windowSpreadRow(perWindow, pOff, grad, planeBase, rows, kr, col0, kw, stride, count);
            return;
        }
        int j = 0;
        for (; j + LANES <= count; j += LANES) {
            FloatVector g = FloatVector.fromArray(SPECIES, perWindow, pOff + j);
            int col = planeBase + col0 + j;
            for (int r = 0; r < kr; r++) {
                for (int c = 0; c < kw; c++) {
                    // within one tap the lanes touch distinct elements: a load-add-store is exact
                    int at = rows[r] + col + c;
                    FloatVector.fromArray(SPECIES, grad, at).add(g).intoArray(grad, at);
                }
            }
        }
        if (j < count) {
            VectorOps.super.windowSpreadRow(perWindow, pOff + j, grad, planeBase, rows, kr, col0 + j, kw, 1, count - j);
        }
    }

    /**
     * Stride 2: each tap adds the window gradients on even lanes and zeros on odd ones (adding +0
     * changes no sum: a gradient that starts at +0 is never -0). In the last chunk only the lanes up
     * to the last window's element are stored, so no element of another plane (another task's) is
     * read and written back.
     */
    private static void spreadRow2(float[] perWindow, int pOff, float[] grad, int planeBase, int[] rows, int kr, int col0,
                                   int kw, int count) {
        int half = HALF.length();
        int j = 0;
        // before the last chunk the top lane lands inside the next window of the run: unmasked
        for (; j + half < count; j += half) {
            FloatVector interleaved = interleavedWithZeros(FloatVector.fromArray(HALF, perWindow, pOff + j));
            int col = planeBase + col0 + 2 * j;
            for (int r = 0; r < kr; r++) {
                for (int c = 0; c < kw; c++) {
                    int at = rows[r] + col + c;
                    FloatVector.fromArray(SPECIES, grad, at).add(interleaved).intoArray(grad, at);
                }
            }
        }
        int n = count - j;
        FloatVector interleaved = interleavedWithZeros(FloatVector.fromArray(HALF, perWindow, pOff + j, HALF.indexInRange(0, n)));
        VectorMask<Float> lanes = SPECIES.indexInRange(0, 2 * n - 1);
        int col = planeBase + col0 + 2 * j;
        for (int r = 0; r < kr; r++) {
            for (int c = 0; c < kw; c++) {
                int at = rows[r] + col + c;
                FloatVector.fromArray(SPECIES, grad, at, lanes).add(interleaved).intoArray(grad, at, lanes);
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
        // node budget for inlining, and the Vector API then ran its per-lane Java fallbacks
        scaledLogs(x, from, n, p, out);
        exponentials(x, from, n, out);
        specialPowers(x, from, n, p, out);
    }

    private static DoubleVector doubles(float[] x, int i, VectorMask<Float> inRange) {
        return (DoubleVector) FloatVector.fromArray(FLOATS_OF_DOUBLES, x, i, inRange).convertShape(VectorOperators.F2D, DOUBLES, 0);
    }

    /** {@code out[i] = p · ln x[i]} for positive finite x. */
    private static void scaledLogs(float[] x, int from, int n, double p, double[] out) {
        for (int i = from; i < from + n; i += DOUBLES.length()) {
            VectorMask<Float> inRange = FLOATS_OF_DOUBLES.indexInRange(i, from + n);
            LongVector bits = doubles(x, i, inRange).reinterpretAsLongs();
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
            e.mul(LN2_HI).add(e.mul(LN2_LO).add(lnM)).mul(p).intoArray(out, i, inRange.cast(DOUBLES));
        }
    }

    /** {@code out[i] = exp(out[i])}. */
    private static void exponentials(float[] x, int from, int n, double[] out) {
        for (int i = from; i < from + n; i += DOUBLES.length()) {
            VectorMask<Float> inRange = FLOATS_OF_DOUBLES.indexInRange(i, from + n);
            VectorMask<Double> lanes = inRange.cast(DOUBLES);
            DoubleVector y = DoubleVector.fromArray(DOUBLES, out, i, lanes);
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
                    .intoArray(out, i, lanes);
        }
    }

    /** Math.pow's answers (for a non-integer p) where x is 0, +∞, negative or NaN. */
    private static void specialPowers(float[] x, int from, int n, double p, double[] out) {
        for (int i = from; i < from + n; i += DOUBLES.length()) {
            VectorMask<Float> inRange = FLOATS_OF_DOUBLES.indexInRange(i, from + n);
            VectorMask<Double> lanes = inRange.cast(DOUBLES);
            DoubleVector v = doubles(x, i, inRange);
            DoubleVector result = DoubleVector.fromArray(DOUBLES, out, i, lanes);
            result = result.blend(p > 0 ? 0.0 : Double.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, 0.0));
            result = result.blend(p > 0 ? Double.POSITIVE_INFINITY : 0.0, v.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
            result = result.blend(Double.NaN, v.compare(VectorOperators.LT, 0.0).or(v.compare(VectorOperators.NE, v)));
            result.intoArray(out, i, lanes);
        }
    }


    /** [g0, 0, g1, 0, ...]: each half-vector lane zero-extended to a long. */
    private static FloatVector interleavedWithZeros(FloatVector g) {
        return ((LongVector) g.reinterpretAsInts().convertShape(VectorOperators.I2L, LONG_SPECIES, 0)).and(0xFFFFFFFFL)
                .reinterpretAsFloats();
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

    @Override
    public void maxOfRows(float[] in, int planeBase, int[] rows, int kr, int col0, int n, boolean absolute, float[] best,
                          int[] bestRow) {
        // whole vectors only (the outputs have room): masked loads and stores ran the Vector API's per-lane fallbacks
        if (!absolute && bestRow == null) {
            maxOfRowsValues(in, planeBase, rows, kr, col0, n, best);
            return;
        }
        for (int c = 0; c < n; c += LANES) {
            int col = planeBase + col0 + c;
            FloatVector b = full(in, rows[0] + col);
            if (absolute) {
                b = b.abs();
            }
            IntVector br = IntVector.zero(INT_SPECIES);
            for (int r = 1; r < kr; r++) {
                FloatVector v = full(in, rows[r] + col);
                if (absolute) {
                    v = v.abs();
                }
                VectorMask<Float> take = takes(v, b);
                b = b.blend(v, take);
                if (bestRow != null) {
                    br = br.blend(r, take.cast(INT_SPECIES));
                }
            }
            b.intoArray(best, c);
            if (bestRow != null) {
                br.intoArray(bestRow, c);
            }
        }
    }

    /** {@link #maxOfRows} for inference, in a method of its own: small enough for C2 to keep every vector operation intrinsic. */
    private static void maxOfRowsValues(float[] in, int planeBase, int[] rows, int kr, int col0, int n, float[] best) {
        for (int c = 0; c < n; c += LANES) {
            int col = planeBase + col0 + c;
            FloatVector b = full(in, rows[0] + col);
            for (int r = 1; r < kr; r++) {
                FloatVector v = full(in, rows[r] + col);
                b = b.blend(v, takes(v, b));
            }
            b.intoArray(best, c);
        }
    }

    @Override
    public void sumOfRows(float[] in, int planeBase, int[] rows, int kr, int col0, int n, float[] sum) {
        for (int c = 0; c < n; c += LANES) {
            int col = planeBase + col0 + c;
            FloatVector s = FloatVector.zero(SPECIES);
            for (int r = 0; r < kr; r++) {
                s = s.add(full(in, rows[r] + col));
            }
            s.intoArray(sum, c);
        }
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
    public boolean allBelow(float[] x, int from, int n, float limit) {
        VectorMask<Float> below = SPECIES.maskAll(true);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            // LT is false for NaN
            below = below.and(FloatVector.fromArray(SPECIES, x, from + i).abs().compare(VectorOperators.LT, limit));
        }
        for (; i < n; i++) {
            if (!(Math.abs(x[from + i]) < limit)) {
                return false;
            }
        }
        return below.allTrue();
    }
}
