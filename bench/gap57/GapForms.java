import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;
import java.lang.management.ManagementFactory;
import java.util.*;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * gap57: a global average's per-plane cost from L2 (or not) by form, alternating in one JVM, thread CPU, fastest and
 * median of CALLS, with a hash of the results (forms that keep main's bits print main's hash):
 *   lib      the library's VectorOps.planeMeans
 *   notail   the whole vectors and the butterfly, no scalar tail (wrong bits: what the tail costs)
 *   nobfly   the whole vectors' lane 0 and the tail, no butterfly (wrong bits: what the butterfly costs)
 *   floor    every float into four accumulators (the loads alone)
 * Usage: java --add-modules jdk.incubator.vector -cp DIR:JAR GapForms N PLANES CALLS ROUNDS [forms...]
 */
public class GapForms {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int L = 16;
    static final VectorShuffle<Float> X8 = VectorShuffle.fromOp(S, i -> i ^ 8), X4 = VectorShuffle.fromOp(S, i -> i ^ 4),
            X2 = VectorShuffle.fromOp(S, i -> i ^ 2), X1 = VectorShuffle.fromOp(S, i -> i ^ 1);
    static float sink;

    static float bfly(FloatVector v) {
        v = v.lanewise(VectorOperators.ADD, v.rearrange(X8));
        v = v.lanewise(VectorOperators.ADD, v.rearrange(X4));
        v = v.lanewise(VectorOperators.ADD, v.rearrange(X2));
        v = v.lanewise(VectorOperators.ADD, v.rearrange(X1));
        return v.lane(0);
    }

    static FloatVector whole(float[] in, int base, int k) {
        FloatVector zero = FloatVector.zero(S);
        if (k < 4) {
            FloatVector acc = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base));
            if (k > 1) acc = acc.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + L));
            if (k > 2) acc = acc.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 2 * L));
            return acc;
        }
        FloatVector a0 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base));
        FloatVector a1 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + L));
        a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 2 * L));
        a1 = a1.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 3 * L));
        if (k > 4) a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 4 * L));
        if (k > 5) a1 = a1.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 5 * L));
        if (k > 6) a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 6 * L));
        if (k > 7) a1 = a1.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 7 * L));
        if (k > 8) a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 8 * L));
        if (k > 9) a1 = a1.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 9 * L));
        if (k > 10) a0 = a0.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 10 * L));
        if (k > 11) a1 = a1.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base + 11 * L));
        return a0.lanewise(VectorOperators.ADD, a1);
    }

    static void notail(float[] in, int n, int planes, float[] out) {
        int k = n / L;
        for (int q = 0, base = 0; q < planes; q++, base += n) {
            out[q] = bfly(whole(in, base, k));
        }
    }

    static void nobfly(float[] in, int n, int planes, float[] out) {
        int k = n / L;
        for (int q = 0, base = 0; q < planes; q++, base += n) {
            float s = whole(in, base, k).lane(0);
            for (int i = base + k * L, end = base + n; i < end; i++) s += in[i];
            out[q] = s;
        }
    }

    static final VectorSpecies<Float> Q = FloatVector.SPECIES_128;
    static final VectorShuffle<Float> Q2 = VectorShuffle.fromOp(Q, i -> i ^ 2), Q1 = VectorShuffle.fromOp(Q, i -> i ^ 1);

    /** One-vector planes (16 <= n < 32): the four quarters loaded apart, so the butterfly's first two steps are adds. */
    static void quarter(float[] in, int n, int planes, float[] out) {
        FloatVector zero = FloatVector.zero(Q);
        for (int q = 0, base = 0; q < planes; q++, base += n) {
            FloatVector q0 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, base));
            FloatVector q1 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, base + 4));
            FloatVector q2 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, base + 8));
            FloatVector q3 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, base + 12));
            FloatVector x = q0.lanewise(VectorOperators.ADD, q2).lanewise(VectorOperators.ADD, q1.lanewise(VectorOperators.ADD, q3));
            x = x.lanewise(VectorOperators.ADD, x.rearrange(Q2));
            x = x.lanewise(VectorOperators.ADD, x.rearrange(Q1));
            float s = x.lane(0);
            for (int i = base + 16, end = base + n; i < end; i++) s += in[i];
            out[q] = s;
        }
        divide(out, planes, n);
    }

    /** Quarters, the last two steps in scalar from the lanes. */
    static void quarterScalar(float[] in, int n, int planes, float[] out) {
        FloatVector zero = FloatVector.zero(Q);
        for (int q = 0, base = 0; q < planes; q++, base += n) {
            FloatVector q0 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, base));
            FloatVector q1 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, base + 4));
            FloatVector q2 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, base + 8));
            FloatVector q3 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, base + 12));
            FloatVector x = q0.lanewise(VectorOperators.ADD, q2).lanewise(VectorOperators.ADD, q1.lanewise(VectorOperators.ADD, q3));
            float s = (x.lane(0) + x.lane(2)) + (x.lane(1) + x.lane(3));
            for (int i = base + 16, end = base + n; i < end; i++) s += in[i];
            out[q] = s;
        }
        divide(out, planes, n);
    }

    /** One-vector planes, 16 a turn: each plane's butterfly in lane p of a scratch, the tails a gather a float (lane p: plane p). */
    static void t16g(float[] in, int n, int planes, float[] out, float[] scratch) {
        FloatVector zero = FloatVector.zero(S);
        int[] map = new int[L];
        for (int p = 0; p < L; p++) map[p] = p * n;
        float divisor = n;
        int q = 0, base = 0;
        for (; q <= planes - L; q += L, base += L * n) {
            for (int p = 0, b = base; p < L; p++, b += n) {
                FloatVector v = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, b));
                v = v.lanewise(VectorOperators.ADD, v.rearrange(X8));
                v = v.lanewise(VectorOperators.ADD, v.rearrange(X4));
                v = v.lanewise(VectorOperators.ADD, v.rearrange(X2));
                v = v.lanewise(VectorOperators.ADD, v.rearrange(X1));
                scratch[p] = v.lane(0);
            }
            FloatVector sums = FloatVector.fromArray(S, scratch, 0);
            for (int i = base + L, end = base + n; i < end; i++) {
                sums = sums.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, i, map, 0));
            }
            sums.lanewise(VectorOperators.DIV, divisor).intoArray(out, q);
        }
        for (; q < planes; q++, base += n) {
            FloatVector v = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base));
            float s = bfly(v);
            for (int i = base + L, end = base + n; i < end; i++) s += in[i];
            out[q] = s / divisor;
        }
    }

    /** Quarters and gathered tails. */
    static void t16gq(float[] in, int n, int planes, float[] out, float[] scratch) {
        FloatVector zero = FloatVector.zero(Q);
        int[] map = new int[L];
        for (int p = 0; p < L; p++) map[p] = p * n;
        float divisor = n;
        int q = 0, base = 0;
        for (; q <= planes - L; q += L, base += L * n) {
            for (int p = 0, b = base; p < L; p++, b += n) {
                FloatVector q0 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, b));
                FloatVector q1 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, b + 4));
                FloatVector q2 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, b + 8));
                FloatVector q3 = zero.lanewise(VectorOperators.ADD, FloatVector.fromArray(Q, in, b + 12));
                FloatVector x = q0.lanewise(VectorOperators.ADD, q2).lanewise(VectorOperators.ADD, q1.lanewise(VectorOperators.ADD, q3));
                x = x.lanewise(VectorOperators.ADD, x.rearrange(Q2));
                x = x.lanewise(VectorOperators.ADD, x.rearrange(Q1));
                scratch[p] = x.lane(0);
            }
            FloatVector sums = FloatVector.fromArray(S, scratch, 0);
            for (int i = base + L, end = base + n; i < end; i++) {
                sums = sums.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, i, map, 0));
            }
            sums.lanewise(VectorOperators.DIV, divisor).intoArray(out, q);
        }
        for (; q < planes; q++, base += n) {
            FloatVector v = FloatVector.zero(S).lanewise(VectorOperators.ADD, FloatVector.fromArray(S, in, base));
            float s = bfly(v);
            for (int i = base + L, end = base + n; i < end; i++) s += in[i];
            out[q] = s / divisor;
        }
    }

    static void divide(float[] out, int planes, float divisor) {
        int q = 0;
        for (; q <= planes - L; q += L) {
            FloatVector.fromArray(S, out, q).lanewise(VectorOperators.DIV, divisor).intoArray(out, q);
        }
        for (; q < planes; q++) out[q] = out[q] / divisor;
    }

    static float floor(float[] in) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i <= in.length - 4 * L; i += 4 * L) {
            a0 = a0.add(FloatVector.fromArray(S, in, i));
            a1 = a1.add(FloatVector.fromArray(S, in, i + L));
            a2 = a2.add(FloatVector.fromArray(S, in, i + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, in, i + 3 * L));
        }
        return a0.add(a1).add(a2).add(a3).lane(0);
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), planes = Integer.parseInt(a[1]), calls = Integer.parseInt(a[2]), rounds = Integer.parseInt(a[3]);
        String[] forms = a.length > 4 ? Arrays.copyOfRange(a, 4, a.length) : new String[] {"lib", "notail", "nobfly", "floor"};
        float[] in = new float[planes * n + 64];
        Random r = new Random(57);
        for (int i = 0; i < in.length; i++) in[i] = (float) r.nextGaussian();
        float[] out = new float[planes];
        float[] scratch = new float[L];
        VectorOps ops = KernelProvider.panama().vectorOps();
        var cpu = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder(String.format("n %d planes %d (%.2f MB) r%d:", n, planes, planes * n * 4e-6, round));
            for (String f : forms) {
                double[] t = new double[calls];
                for (int c = 0; c < calls; c++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    switch (f) {
                        case "lib" -> ops.planeMeans(in, 0, n, planes, n, out, 0);
                        case "notail" -> notail(in, n, planes, out);
                        case "nobfly" -> nobfly(in, n, planes, out);
                        case "quarter" -> quarter(in, n, planes, out);
                        case "quarters" -> quarterScalar(in, n, planes, out);
                        case "t16g" -> t16g(in, n, planes, out, scratch);
                        case "t16gq" -> t16gq(in, n, planes, out, scratch);
                        default -> sink += floor(in);
                    }
                    t[c] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
                }
                Arrays.sort(t);
                int h = 1;
                for (float v : out) h = 31 * h + Float.floatToRawIntBits(v);
                line.append(String.format(" %s %.4f/%.4f %.2fns/pl %08x", f, t[0], t[calls / 2], t[0] * 1e6 / planes, h));
            }
            System.out.println(line);
        }
    }
}
