import jdk.incubator.vector.*;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * pool28: max3s2-stem's value-only kernel alone (k3 s2 p1 on N x 64 x 112 x 112), thread CPU, fastest of CALLS calls, to
 * find where its time goes: "main" (main's rows-first pass, the stride-2 windows from narrowed half vectors, the redo
 * scan), "split" (the rows-first pass, the windows a whole vector of outputs at a time from split loads, the test
 * fused), "roof" (the same loads of the same rows in the same order, added, and the same stores: no max, no
 * narrowing), "read" (each input element loaded once, added; the output written once: the bytes alone), "rw" (the
 * same with an output as large as the input: avg3s1p1's bytes with H = W = 56), "splitm" (split with -Dmode=0 / 1 / 2:
 * PyTorch's rule, lanewise MAX, GT only), "split2" (split, the rows-first pass one output row ahead into a second work
 * row). -Dexact=true / -Dloop=true add the library's exactFloats blends / its loop over rows past the third;
 * -Dpollute=true runs half-vector blends first.
 * Usage: java --add-modules jdk.incubator.vector [-XX:CompileCommand=dontinline,StemKernels::maxRow*] StemKernels.java
 *   VARIANT N CALLS [H W]
 */
public class StemKernels {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
    static final VectorSpecies<Integer> HALF_INT = VectorSpecies.of(int.class, HALF.vectorShape());
    static final VectorMask<Float> HIGH_HALF = SPECIES.indexInRange(0, LANES / 2).not();
    static final VectorShuffle<Float> SPLIT_PAIRS = VectorShuffle.fromOp(SPECIES, l -> l < LANES / 2 ? 2 * l : 2 * l - LANES + 1);
    static final VectorShuffle<Float> SPLIT_PAIRS_ODD_FIRST = VectorShuffle.fromOp(SPECIES, l -> l < LANES / 2 ? 2 * l + 1 : 2 * l - LANES);
    static final VectorShuffle<Float> SWAP_HALVES = VectorShuffle.fromOp(SPECIES, l -> (l + LANES / 2) % LANES);

    static int blockStart(int j, int count, int lanes) {
        return count >= lanes ? Math.min(j, count - lanes) : j;
    }

    static final VectorMask<Float> NO_FLOAT_LANES = SPECIES.maskAll(false);
    static final VectorMask<Float> NO_HALF_FLOAT_LANES = HALF.maskAll(false);

    public static void main(String[] a) {
        if (Boolean.getBoolean("pollute")) {
            // -Dpollute=true: a few half-vector blends and compares first (as a class's static setup might run)
            float[] x = new float[64];
            for (int i = 0; i < 2000; i++) {
                FloatVector v = FloatVector.fromArray(HALF, x, i % 8);
                v = v.blend(v, NO_HALF_FLOAT_LANES);
                v = v.blend(v, v.compare(VectorOperators.GT, v).or(v.compare(VectorOperators.NE, v)));
                v.intoArray(x, 32);
            }
        }
        String variant = a[0];
        int n = Integer.parseInt(a[1]);
        int calls = Integer.parseInt(a[2]);
        int h = a.length > 3 ? Integer.parseInt(a[3]) : 112;
        int width = a.length > 4 ? Integer.parseInt(a[4]) : 112;
        int planes = n * 64;
        int from = -1, kw = 3;
        // "rw": stride-1 output sizes (avg3s1p1's bytes)
        int count = variant.equals("rw") ? width : (width + 2 - 3) / 2 + 1;
        int outH = variant.equals("rw") ? h : (h + 2 - 3) / 2 + 1;
        float[] in = new float[planes * h * width];
        Random r = new Random(1);
        for (int i = 0; i < in.length; i++) in[i] = (float) r.nextGaussian();
        float[] out = new float[planes * outH * count];
        int rowStride = 3;
        int[] rows = new int[outH * 3];
        int[] counts = new int[outH];
        for (int t = 0; t < outH && !variant.equals("rw"); t++) {
            int k = 0;
            for (int y = 2 * t - 1; y <= 2 * t + 1; y++) if (y >= 0 && y < h) rows[t * 3 + k++] = y * width;
            counts[t] = k;
        }
        float[] row = new float[width + 2 + 128];
        float[] row2 = new float[width + 2 + 128];
        var cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double best = 1e9;
        long hash = 0;
        for (int c = 0; c < calls; c++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            for (int q = 0; q < planes; q++) {
                switch (variant) {
                    case "main" -> maxRowPlaneMain(in, q * h * width, rows, counts, rowStride, outH, width, from, kw, count, row, out, q * outH * count);
                    case "split" -> maxRowPlaneSplit(in, q * h * width, rows, counts, rowStride, outH, width, from, kw, count, row, out, q * outH * count);
                    case "splitm" -> maxRowPlaneSplitM(in, q * h * width, rows, counts, rowStride, outH, width, from, kw, count, row, out, q * outH * count);
                    case "split2" -> maxRowPlaneSplit2(in, q * h * width, rows, counts, rowStride, outH, width, from, kw, count, row, row2, out, q * outH * count);
                    case "roof" -> maxRowPlaneRoof(in, q * h * width, rows, counts, rowStride, outH, width, count, out, q * outH * count);
                    case "read", "rw" -> maxRowPlaneRead(in, q * h * width, h * width, out, q * outH * count, outH * count);
                    default -> throw new IllegalArgumentException(variant);
                }
            }
            long c1 = cpu.getCurrentThreadCpuTime();
            best = Math.min(best, (c1 - c0) / 1e6);
        }
        for (float v : out) hash = hash * 31 + Float.floatToRawIntBits(v);
        double bytes = 4.0 * (in.length + out.length);
        System.out.printf("%s N=%d %dx%d: %.3f ms  %.1f GB/s  hash %08x%n", variant, n, h, width, best, bytes / best / 1e6, (int) hash);
    }

    static void fillPadding(float[] row, int width, int from, int kw, int count) {
        int end = from + 2 * (count - 1) + kw;
        int shift = -from;
        int lo = Math.max(0, from), hi = Math.min(width, end);
        for (int i = 0; i < lo + shift; i++) row[i] = Float.NEGATIVE_INFINITY;
        for (int i = hi + shift; i < row.length; i++) row[i] = Float.NEGATIVE_INFINITY;
    }

    static void maxRowPlaneMain(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int width,
                                int from, int kw, int count, float[] row, float[] out, int outBase) {
        fillPadding(row, width, from, kw, count);
        int lo = Math.max(0, from), hi = Math.min(width, from + 2 * (count - 1) + kw);
        for (int t = 0, o = outBase; t < outRows; t++, o += count) {
            maxRowColumns(in, inBase, rows, t * rowStride, counts[t], lo, hi - lo, row, lo - from);
            maxRowSliding2(row, kw, count, out, o);
            maxRowRedoScan(count, out, o);
        }
    }

    static void maxRowPlaneSplit(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int width,
                                 int from, int kw, int count, float[] row, float[] out, int outBase) {
        fillPadding(row, width, from, kw, count);
        int lo = Math.max(0, from), hi = Math.min(width, from + 2 * (count - 1) + kw);
        for (int t = 0, o = outBase; t < outRows; t++, o += count) {
            maxRowColumns(in, inBase, rows, t * rowStride, counts[t], lo, hi - lo, row, lo - from);
            if (maxRowSliding2Split(row, kw, count, out, o)) {
                throw new AssertionError("zero or NaN");
            }
        }
    }

    /** "split2": split, the rows-first pass one output row ahead into a second row (its stores retired before the window loads read them). */
    static void maxRowPlaneSplit2(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int width,
                                  int from, int kw, int count, float[] row, float[] row2, float[] out, int outBase) {
        fillPadding(row, width, from, kw, count);
        fillPadding(row2, width, from, kw, count);
        int lo = Math.max(0, from), hi = Math.min(width, from + 2 * (count - 1) + kw);
        maxRowColumns(in, inBase, rows, 0, counts[0], lo, hi - lo, row, lo - from);
        for (int t = 0, o = outBase; t < outRows; t++, o += count) {
            float[] now = (t & 1) == 0 ? row : row2;
            if (t + 1 < outRows) {
                maxRowColumns(in, inBase, rows, (t + 1) * rowStride, counts[t + 1], lo, hi - lo, (t & 1) == 0 ? row2 : row, lo - from);
            }
            if (maxRowSliding2Split(now, kw, count, out, o)) {
                throw new AssertionError("zero or NaN");
            }
        }
    }

    static void maxRowPlaneRoof(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int width,
                                int count, float[] out, int outBase) {
        for (int t = 0, o = outBase; t < outRows; t++, o += count) {
            maxRowRoof(in, inBase, rows, t * rowStride, counts[t], width, count, out, o);
        }
    }

    static void maxRowRoof(float[] in, int planeBase, int[] rows, int at, int kr, int n, int count, float[] out, int o) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int j = 0; j < n; j += LANES) {
            int col = planeBase + blockStart(j, n, LANES);
            FloatVector b = FloatVector.fromArray(SPECIES, in, rows[at] + col);
            for (int r = 1; r < kr; r++) b = b.add(FloatVector.fromArray(SPECIES, in, rows[at + r] + col));
            acc = acc.add(b);
        }
        for (int j = 0; j < count; j += LANES) acc.intoArray(out, o + blockStart(j, count, LANES));
    }

    static void maxRowPlaneRead(float[] in, int inBase, int n, float[] out, int o, int m) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int j = 0; j < n; j += LANES) acc = acc.add(FloatVector.fromArray(SPECIES, in, inBase + j));
        for (int j = 0; j < m; j += LANES) acc.intoArray(out, o + blockStart(j, m, LANES));
    }

    static void maxRowColumns(float[] in, int planeBase, int[] rows, int at, int kr, int c0, int n, float[] row, int dst) {
        for (int j = 0; j < n; j += LANES) {
            int c = blockStart(j, n, LANES);
            int col = planeBase + c0 + c;
            FloatVector b = FloatVector.fromArray(SPECIES, in, rows[at] + col);
            if (kr > 1) {
                FloatVector v = FloatVector.fromArray(SPECIES, in, rows[at + 1] + col);
                b = b.blend(v, v.compare(VectorOperators.GT, b).or(v.compare(VectorOperators.NE, v)));
            }
            if (kr > 2) {
                FloatVector v = FloatVector.fromArray(SPECIES, in, rows[at + 2] + col);
                b = b.blend(v, v.compare(VectorOperators.GT, b).or(v.compare(VectorOperators.NE, v)));
            }
            if (LOOP) { // -Dloop=true: the library's loop over rows past the third
                for (int r = 3; r < kr; r++) {
                    FloatVector v = FloatVector.fromArray(SPECIES, in, rows[at + r] + col);
                    b = b.blend(v, v.compare(VectorOperators.GT, b).or(v.compare(VectorOperators.NE, v)));
                }
            }
            (EXACT ? b.blend(b, NO_FLOAT_LANES) : b).intoArray(row, dst + c);
        }
    }

    static final boolean LOOP = Boolean.getBoolean("loop");

    static void maxRowSliding2(float[] row, int kw, int count, float[] out, int outOff) {
        int half = HALF.length();
        for (int j = 0; j < count; j += half) {
            int b = blockStart(j, count, half);
            int at = 2 * b;
            FloatVector best = ((IntVector) FloatVector.fromArray(SPECIES, row, at).reinterpretAsLongs()
                    .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
            for (int t = 1; t < kw; t++) {
                FloatVector v = ((IntVector) FloatVector.fromArray(SPECIES, row, at + t).reinterpretAsLongs()
                        .convertShape(VectorOperators.L2I, HALF_INT, 0)).reinterpretAsFloats();
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            best.intoArray(out, outOff + b);
        }
    }

    static void maxRowRedoScan(int count, float[] out, int outOff) {
        for (int j = 0; j < count; j += LANES) {
            int b = blockStart(j, count, LANES);
            FloatVector v = FloatVector.fromArray(SPECIES, out, outOff + b);
            if (v.compare(VectorOperators.EQ, 0f).or(v.compare(VectorOperators.NE, v)).anyTrue()) {
                throw new AssertionError("zero or NaN");
            }
        }
    }

    /** -Dmode: 0 PyTorch's rule (GT or NaN), 1 lanewise MAX, 2 GT only (drops NaNs: a bound, not a kernel). */
    static final int MODE = Integer.getInteger("mode", 0);

    static FloatVector mx(FloatVector b, FloatVector v) {
        if (MODE == 1) return b.lanewise(VectorOperators.MAX, v);
        if (MODE == 2) return b.blend(v, v.compare(VectorOperators.GT, b));
        return b.blend(v, v.compare(VectorOperators.GT, b).or(v.compare(VectorOperators.NE, v)));
    }

    static void maxRowColumnsM(float[] in, int planeBase, int[] rows, int at, int kr, int c0, int n, float[] row, int dst) {
        for (int j = 0; j < n; j += LANES) {
            int c = blockStart(j, n, LANES);
            int col = planeBase + c0 + c;
            FloatVector b = FloatVector.fromArray(SPECIES, in, rows[at] + col);
            if (kr > 1) b = mx(b, FloatVector.fromArray(SPECIES, in, rows[at + 1] + col));
            if (kr > 2) b = mx(b, FloatVector.fromArray(SPECIES, in, rows[at + 2] + col));
            b.intoArray(row, dst + c);
        }
    }

    static boolean maxRowSliding2SplitM(float[] row, int kw, int count, float[] out, int outOff) {
        boolean zeroOrNaN = false;
        for (int j = 0; j < count; j += LANES) {
            int b = blockStart(j, count, LANES);
            int at = 2 * b;
            FloatVector lo = FloatVector.fromArray(SPECIES, row, at).rearrange(SPLIT_PAIRS);
            FloatVector hi = FloatVector.fromArray(SPECIES, row, at + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
            FloatVector best = lo.blend(hi, HIGH_HALF);
            best = mx(best, hi.blend(lo, HIGH_HALF).rearrange(SWAP_HALVES));
            lo = FloatVector.fromArray(SPECIES, row, at + 2).rearrange(SPLIT_PAIRS);
            hi = FloatVector.fromArray(SPECIES, row, at + 2 + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
            best = mx(best, lo.blend(hi, HIGH_HALF));
            zeroOrNaN |= best.compare(VectorOperators.EQ, 0f).or(best.compare(VectorOperators.NE, best)).anyTrue();
            best.intoArray(out, outOff + b);
        }
        return zeroOrNaN;
    }

    static void maxRowPlaneSplitM(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int width,
                                 int from, int kw, int count, float[] row, float[] out, int outBase) {
        fillPadding(row, width, from, kw, count);
        int lo = Math.max(0, from), hi = Math.min(width, from + 2 * (count - 1) + kw);
        for (int t = 0, o = outBase; t < outRows; t++, o += count) {
            maxRowColumnsM(in, inBase, rows, t * rowStride, counts[t], lo, hi - lo, row, lo - from);
            if (maxRowSliding2SplitM(row, kw, count, out, o)) {
                throw new AssertionError("zero or NaN");
            }
        }
    }

    static boolean maxRowSliding2Split(float[] row, int kw, int count, float[] out, int outOff) {
        boolean zeroOrNaN = false;
        for (int j = 0; j < count; j += LANES) {
            int b = blockStart(j, count, LANES);
            int at = 2 * b;
            FloatVector lo = FloatVector.fromArray(SPECIES, row, at).rearrange(SPLIT_PAIRS);
            FloatVector hi = FloatVector.fromArray(SPECIES, row, at + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
            FloatVector best = lo.blend(hi, HIGH_HALF);
            if (kw > 1) {
                FloatVector v = hi.blend(lo, HIGH_HALF).rearrange(SWAP_HALVES);
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            if (kw > 2) {
                lo = FloatVector.fromArray(SPECIES, row, at + 2).rearrange(SPLIT_PAIRS);
                hi = FloatVector.fromArray(SPECIES, row, at + 2 + LANES).rearrange(SPLIT_PAIRS_ODD_FIRST);
                FloatVector v = lo.blend(hi, HIGH_HALF);
                best = best.blend(v, v.compare(VectorOperators.GT, best).or(v.compare(VectorOperators.NE, v)));
            }
            zeroOrNaN |= best.compare(VectorOperators.EQ, 0f).or(best.compare(VectorOperators.NE, best)).anyTrue();
            (EXACT ? best.blend(best, NO_FLOAT_LANES) : best).intoArray(out, outOff + b);
        }
        return zeroOrNaN;
    }

    /** -Dexact=true: the library's exactFloats blend before each store of the split kernel. */
    static final boolean EXACT = Boolean.getBoolean("exact");
}
