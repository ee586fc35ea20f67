import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import jdk.incubator.vector.*;
import java.lang.management.*;
import java.util.*;

/**
 * dw30: the unit-stride 3x3 depthwise forward against memory floors, thread CPU, one JVM, variants alternating:
 * lib = ConvDispatch.correlate (recycled result), copy = System.arraycopy of the image into a recycled array,
 * scale = a vector loop y = x * c, rows4 = a prototype kernel rolling all strips of a row at once (in place).
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp JAR bench/dw30/DwFloor.java N C HW REPS
 */
public class DwFloor {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static final float[] LANE_NUMBERS = new float[L];
    static { for (int i = 0; i < L; i++) LANE_NUMBERS[i] = i; }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), hw = Integer.parseInt(a[2]), reps = Integer.parseInt(a[3]);
        String only = a.length > 4 ? a[4] : "lib,copy,scale,rows4";
        Parallel.setThreads(1);
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(1).groups(c), new int[] {n, c, hw, hw},
                new int[] {c, 1, 3, 3}, null).geometry();
        Random r = new Random(1);
        float[] x = new float[g.imageSize()], w = new float[g.weightSize()];
        for (float[] t : new float[][] {x, w}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
        float[] y = new float[g.responseSize()];
        Storage.Recycler rec = new Storage.Recycler();
        Map<String, Runnable> calls = new LinkedHashMap<>();
        try (Storage.Scope scope = Storage.use(rec)) {
            calls.put("lib", () -> { rec.reclaim(); d.correlate(g, x, w); });
            calls.put("copy", () -> System.arraycopy(x, 0, y, 0, x.length));
            calls.put("scale", () -> scale(x, y, 1.5f));
            calls.put("rows4", () -> rows4(x, n * c, hw, w, y));
            calls.put("rows4m", () -> { for (int p = 0; p < n * c; p++) plane4m(x, p * hw * hw, hw, hw, w, p % 128 * 9, y, p * hw * hw, hw); });
            calls.put("rows4u", () -> { for (int p = 1; p < n * c - 1; p++) plane4u(x, p * hw * hw, hw, hw, w, p % 128 * 9, y, p * hw * hw, hw); });
            calls.put("rows4s", () -> { for (int p = 0; p < n * c; p++) plane4s(x, p * hw * hw, hw, hw, w, p % 128 * 9, y, p * hw * hw, hw); });
            calls.put("rows4b6", () -> { for (int p = 1; p < n * c - 1; p++) plane4b6(x, p * hw * hw, hw, hw, w, p % 128 * 9, y, p * hw * hw, hw); });
            calls.put("rows4b2", () -> { for (int p = 1; p < n * c - 1; p++) plane4b2(x, p * hw * hw, hw, hw, w, p % 128 * 9, y, p * hw * hw, hw); });
            calls.put("pair", () -> pairs(x, n * c, hw, w, y));
            // check rows4 against lib
            rec.reclaim();
            float[] ref = d.correlate(g, x, w);
            rows4(x, n * c, hw, w, y);
            int bad = 0;
            for (int i = 0; i < ref.length; i++) if (Float.floatToIntBits(ref[i]) != Float.floatToIntBits(y[i])) bad++;
            System.out.println("rows4 bits differing from lib: " + bad);
            for (int p = 1; p < n * c - 1; p++) plane4b6(x, p * hw * hw, hw, hw, w, p % 128 * 9, y, p * hw * hw, hw);
            bad = 0;
            for (int i = hw * hw; i < ref.length - hw * hw; i++) if (Float.floatToIntBits(ref[i]) != Float.floatToIntBits(y[i])) bad++;
            System.out.println("rows4b6 bits differing from lib: " + bad);
            List<String> names = Arrays.asList(only.split(","));
            Map<String, Long> best = new LinkedHashMap<>();
            for (int round = 0; round < 3; round++) {
                for (String name : names) {
                    Runnable call = calls.get(name);
                    for (int i = 0; i < 20; i++) call.run();
                    for (int i = 0; i < reps; i++) {
                        long t0 = CPU.getCurrentThreadCpuTime();
                        call.run();
                        best.merge(name, CPU.getCurrentThreadCpuTime() - t0, Math::min);
                    }
                }
            }
            double mb = 2.0 * x.length * 4 / 1e6;
            for (var e : best.entrySet()) {
                System.out.printf(Locale.ROOT, "%-6s %7.3f ms  %5.1f GB/s (in+out)%n", e.getKey(), e.getValue() / 1e6, mb / (e.getValue() / 1e6) );
            }
        }
    }

    static void scale(float[] x, float[] y, float c) {
        FloatVector cv = FloatVector.broadcast(S, c);
        int i = 0;
        for (; i <= x.length - L; i += L) FloatVector.fromArray(S, x, i).mul(cv).intoArray(y, i);
        for (; i < x.length; i++) y[i] = x[i] * c;
    }

    static VectorMask<Float> inside(FloatVector lanes, int a, int width) {
        return lanes.compare(VectorOperators.GE, (float) -a).and(lanes.compare(VectorOperators.LT, (float) (width - a)));
    }

    static void pairs(float[] x, int planes, int hw, float[] w, float[] out) {
        for (int p = 0; p < planes; p++) {
            for (int j = 0; j < hw; j += 2 * L) {
                int j0 = Math.min(j, hw - L);
                int j1 = Math.min(j + L, hw - L);
                inPlace3s1(x, p * hw * hw, hw, hw, 1, j0 - 1, j1 - 1, w, p % 128 * 9, out, p * hw * hw, hw, 0, hw, j0, j1);
            }
        }
    }

    private static void inPlace3s1(float[] x, int x0, int height, int width, int padTop, int a0, int a1, float[] w,
                                   int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo, int j0, int j1) {
        FloatVector lanes = FloatVector.fromArray(S, LANE_NUMBERS, 0);
        VectorMask<Float> m0 = inside(lanes, a0, width);
        VectorMask<Float> m1 = inside(lanes, a0 + 1, width);
        VectorMask<Float> m2 = inside(lanes, a0 + 2, width);
        VectorMask<Float> n0 = inside(lanes, a1, width);
        VectorMask<Float> n1 = inside(lanes, a1 + 1, width);
        VectorMask<Float> n2 = inside(lanes, a1 + 2, width);
        FloatVector w00 = FloatVector.broadcast(S, w[wo]);
        FloatVector w01 = FloatVector.broadcast(S, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wo + 8]);
        FloatVector zero = FloatVector.zero(S);
        FloatVector p1 = zero;
        FloatVector q1 = zero;
        FloatVector p2 = zero;
        FloatVector q2 = zero;
        for (int i = rowFrom; i < rowTo + 2; i++) {
            int iy = i - padTop;
            FloatVector x0v = zero;
            FloatVector x1v = zero;
            FloatVector x2v = zero;
            FloatVector y0v = zero;
            FloatVector y1v = zero;
            FloatVector y2v = zero;
            if (iy >= 0 && iy < height) {
                int xs = x0 + iy * width;
                x0v = FloatVector.fromArray(S, x, xs + a0, m0);
                x1v = FloatVector.fromArray(S, x, xs + a0 + 1, m1);
                x2v = FloatVector.fromArray(S, x, xs + a0 + 2, m2);
                y0v = FloatVector.fromArray(S, x, xs + a1, n0);
                y1v = FloatVector.fromArray(S, x, xs + a1 + 1, n1);
                y2v = FloatVector.fromArray(S, x, xs + a1 + 2, n2);
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

    /** All planes, padding 1, width in (3L, 4L]: strips at 0, L, 2L, width - L, all rolled together down the plane. */
    static void rows4(float[] x, int planes, int hw, float[] w, float[] out) {
        for (int p = 0; p < planes; p++) {
            plane4(x, p * hw * hw, hw, hw, w, p % 128 * 9, out, p * hw * hw, hw);
        }
    }

    static void plane4(float[] x, int x0, int height, int width, float[] w, int wo, float[] out, int o0, int outWidth) {
        FloatVector lanes = FloatVector.fromArray(S, LANE_NUMBERS, 0);
        int j3 = outWidth - L;
        int a3 = j3 - 1;
        VectorMask<Float> m0 = inside(lanes, -1, width);
        VectorMask<Float> m2 = inside(lanes, a3 + 2, width);
        VectorMask<Float> m1 = inside(lanes, a3 + 1, width);
        FloatVector w00 = FloatVector.broadcast(S, w[wo]);
        FloatVector w01 = FloatVector.broadcast(S, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wo + 8]);
        FloatVector zero = FloatVector.zero(S);
        FloatVector a1 = zero, a2 = zero, b1 = zero, b2 = zero, c1 = zero, c2 = zero, d1 = zero, d2 = zero;
        for (int i = 0; i < height + 2; i++) {
            int iy = i - 1;
            FloatVector xa0 = zero, xa1 = zero, xa2 = zero, xb0 = zero, xb1 = zero, xb2 = zero;
            FloatVector xc0 = zero, xc1 = zero, xc2 = zero, xd0 = zero, xd1 = zero, xd2 = zero;
            if (iy >= 0 && iy < height) {
                int xs = x0 + iy * width;
                xa0 = FloatVector.fromArray(S, x, xs - 1, m0);
                xa1 = FloatVector.fromArray(S, x, xs);
                xa2 = FloatVector.fromArray(S, x, xs + 1);
                xb0 = FloatVector.fromArray(S, x, xs + L - 1);
                xb1 = FloatVector.fromArray(S, x, xs + L);
                xb2 = FloatVector.fromArray(S, x, xs + L + 1);
                xc0 = FloatVector.fromArray(S, x, xs + 2 * L - 1);
                xc1 = FloatVector.fromArray(S, x, xs + 2 * L);
                xc2 = FloatVector.fromArray(S, x, xs + 2 * L + 1);
                xd0 = FloatVector.fromArray(S, x, xs + a3);
                xd1 = FloatVector.fromArray(S, x, xs + a3 + 1, m1);
                xd2 = FloatVector.fromArray(S, x, xs + a3 + 2, m2);
            }
            FloatVector pa = xa2.fma(w22, xa1.fma(w21, xa0.fma(w20, a2)));
            FloatVector pb = xb2.fma(w22, xb1.fma(w21, xb0.fma(w20, b2)));
            FloatVector pc = xc2.fma(w22, xc1.fma(w21, xc0.fma(w20, c2)));
            FloatVector pd = xd2.fma(w22, xd1.fma(w21, xd0.fma(w20, d2)));
            if (i >= 2) {
                int o = o0 + (i - 2) * outWidth;
                pa.intoArray(out, o);
                pb.intoArray(out, o + L);
                pc.intoArray(out, o + 2 * L);
                pd.intoArray(out, o + j3);
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

    static void plane4b6(float[] x, int x0, int height, int width, float[] w, int wo, float[] out, int o0, int outWidth) {
        FloatVector lanes = FloatVector.fromArray(S, LANE_NUMBERS, 0);
        int j3 = outWidth - L;
        int a3 = j3 - 1;
        VectorMask<Float> m0 = inside(lanes, -1, width);
        VectorMask<Float> m2 = inside(lanes, a3 + 2, width);
        VectorMask<Float> m1 = inside(lanes, a3 + 1, width);
        VectorMask<Float> ma1 = inside(lanes, 0, width).not(), ma2 = inside(lanes, 1, width).not(), md0 = inside(lanes, a3, width).not();
        VectorMask<Float> ma0 = m0.not(), md1 = m1.not(), md2 = m2.not();
        FloatVector w00 = FloatVector.broadcast(S, w[wo]);
        FloatVector w01 = FloatVector.broadcast(S, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wo + 8]);
        FloatVector zero = FloatVector.zero(S);
        FloatVector a1 = zero, a2 = zero, b1 = zero, b2 = zero, c1 = zero, c2 = zero, d1 = zero, d2 = zero;
        for (int i = 0; i < height + 2; i++) {
            int iy = i - 1;
            FloatVector xa0 = zero, xa1 = zero, xa2 = zero, xb0 = zero, xb1 = zero, xb2 = zero;
            FloatVector xc0 = zero, xc1 = zero, xc2 = zero, xd0 = zero, xd1 = zero, xd2 = zero;
            if (iy >= 0 && iy < height) {
                int xs = x0 + iy * width;
                xa0 = FloatVector.fromArray(S, x, xs - 1).blend(zero, ma0);
                xa1 = FloatVector.fromArray(S, x, xs).blend(zero, ma1);
                xa2 = FloatVector.fromArray(S, x, xs + 1).blend(zero, ma2);
                xb0 = FloatVector.fromArray(S, x, xs + L - 1);
                xb1 = FloatVector.fromArray(S, x, xs + L);
                xb2 = FloatVector.fromArray(S, x, xs + L + 1);
                xc0 = FloatVector.fromArray(S, x, xs + 2 * L - 1);
                xc1 = FloatVector.fromArray(S, x, xs + 2 * L);
                xc2 = FloatVector.fromArray(S, x, xs + 2 * L + 1);
                xd0 = FloatVector.fromArray(S, x, xs + a3).blend(zero, md0);
                xd1 = FloatVector.fromArray(S, x, xs + a3 + 1).blend(zero, md1);
                xd2 = FloatVector.fromArray(S, x, xs + a3 + 2).blend(zero, md2);
            }
            FloatVector pa = xa2.fma(w22, xa1.fma(w21, xa0.fma(w20, a2)));
            FloatVector pb = xb2.fma(w22, xb1.fma(w21, xb0.fma(w20, b2)));
            FloatVector pc = xc2.fma(w22, xc1.fma(w21, xc0.fma(w20, c2)));
            FloatVector pd = xd2.fma(w22, xd1.fma(w21, xd0.fma(w20, d2)));
            if (i >= 2) {
                int o = o0 + (i - 2) * outWidth;
                pa.intoArray(out, o);
                pb.intoArray(out, o + L);
                pc.intoArray(out, o + 2 * L);
                pd.intoArray(out, o + j3);
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

    static void plane4b2(float[] x, int x0, int height, int width, float[] w, int wo, float[] out, int o0, int outWidth) {
        FloatVector lanes = FloatVector.fromArray(S, LANE_NUMBERS, 0);
        int j3 = outWidth - L;
        int a3 = j3 - 1;
        VectorMask<Float> m0 = inside(lanes, -1, width);
        VectorMask<Float> m2 = inside(lanes, a3 + 2, width);
        VectorMask<Float> m1 = inside(lanes, a3 + 1, width);
        VectorMask<Float> ma0 = m0.not(), md2 = m2.not();
        FloatVector w00 = FloatVector.broadcast(S, w[wo]);
        FloatVector w01 = FloatVector.broadcast(S, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wo + 8]);
        FloatVector zero = FloatVector.zero(S);
        FloatVector a1 = zero, a2 = zero, b1 = zero, b2 = zero, c1 = zero, c2 = zero, d1 = zero, d2 = zero;
        for (int i = 0; i < height + 2; i++) {
            int iy = i - 1;
            FloatVector xa0 = zero, xa1 = zero, xa2 = zero, xb0 = zero, xb1 = zero, xb2 = zero;
            FloatVector xc0 = zero, xc1 = zero, xc2 = zero, xd0 = zero, xd1 = zero, xd2 = zero;
            if (iy >= 0 && iy < height) {
                int xs = x0 + iy * width;
                xa0 = FloatVector.fromArray(S, x, xs - 1).blend(zero, ma0);
                xa1 = FloatVector.fromArray(S, x, xs);
                xa2 = FloatVector.fromArray(S, x, xs + 1);
                xb0 = FloatVector.fromArray(S, x, xs + L - 1);
                xb1 = FloatVector.fromArray(S, x, xs + L);
                xb2 = FloatVector.fromArray(S, x, xs + L + 1);
                xc0 = FloatVector.fromArray(S, x, xs + 2 * L - 1);
                xc1 = FloatVector.fromArray(S, x, xs + 2 * L);
                xc2 = FloatVector.fromArray(S, x, xs + 2 * L + 1);
                xd0 = FloatVector.fromArray(S, x, xs + a3);
                xd1 = FloatVector.fromArray(S, x, xs + a3 + 1);
                xd2 = FloatVector.fromArray(S, x, xs + a3 + 2).blend(zero, md2);
            }
            FloatVector pa = xa2.fma(w22, xa1.fma(w21, xa0.fma(w20, a2)));
            FloatVector pb = xb2.fma(w22, xb1.fma(w21, xb0.fma(w20, b2)));
            FloatVector pc = xc2.fma(w22, xc1.fma(w21, xc0.fma(w20, c2)));
            FloatVector pd = xd2.fma(w22, xd1.fma(w21, xd0.fma(w20, d2)));
            if (i >= 2) {
                int o = o0 + (i - 2) * outWidth;
                pa.intoArray(out, o);
                pb.intoArray(out, o + L);
                pc.intoArray(out, o + 2 * L);
                pd.intoArray(out, o + j3);
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

    static void plane4u(float[] x, int x0, int height, int width, float[] w, int wo, float[] out, int o0, int outWidth) {
        FloatVector lanes = FloatVector.fromArray(S, LANE_NUMBERS, 0);
        int j3 = outWidth - L;
        int a3 = j3 - 1;
        VectorMask<Float> m0 = inside(lanes, -1, width);
        VectorMask<Float> m2 = inside(lanes, a3 + 2, width);
        VectorMask<Float> m1 = inside(lanes, a3 + 1, width);
        FloatVector w00 = FloatVector.broadcast(S, w[wo]);
        FloatVector w01 = FloatVector.broadcast(S, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wo + 8]);
        FloatVector zero = FloatVector.zero(S);
        FloatVector a1 = zero, a2 = zero, b1 = zero, b2 = zero, c1 = zero, c2 = zero, d1 = zero, d2 = zero;
        for (int i = 0; i < height + 2; i++) {
            int iy = i - 1;
            FloatVector xa0 = zero, xa1 = zero, xa2 = zero, xb0 = zero, xb1 = zero, xb2 = zero;
            FloatVector xc0 = zero, xc1 = zero, xc2 = zero, xd0 = zero, xd1 = zero, xd2 = zero;
            if (iy >= 0 && iy < height) {
                int xs = x0 + iy * width;
                xa0 = FloatVector.fromArray(S, x, xs - 1);
                xa1 = FloatVector.fromArray(S, x, xs);
                xa2 = FloatVector.fromArray(S, x, xs + 1);
                xb0 = FloatVector.fromArray(S, x, xs + L - 1);
                xb1 = FloatVector.fromArray(S, x, xs + L);
                xb2 = FloatVector.fromArray(S, x, xs + L + 1);
                xc0 = FloatVector.fromArray(S, x, xs + 2 * L - 1);
                xc1 = FloatVector.fromArray(S, x, xs + 2 * L);
                xc2 = FloatVector.fromArray(S, x, xs + 2 * L + 1);
                xd0 = FloatVector.fromArray(S, x, xs + a3);
                xd1 = FloatVector.fromArray(S, x, xs + a3 + 1);
                xd2 = FloatVector.fromArray(S, x, xs + a3 + 2);
            }
            FloatVector pa = xa2.fma(w22, xa1.fma(w21, xa0.fma(w20, a2)));
            FloatVector pb = xb2.fma(w22, xb1.fma(w21, xb0.fma(w20, b2)));
            FloatVector pc = xc2.fma(w22, xc1.fma(w21, xc0.fma(w20, c2)));
            FloatVector pd = xd2.fma(w22, xd1.fma(w21, xd0.fma(w20, d2)));
            if (i >= 2) {
                int o = o0 + (i - 2) * outWidth;
                pa.intoArray(out, o);
                pb.intoArray(out, o + L);
                pc.intoArray(out, o + 2 * L);
                pd.intoArray(out, o + j3);
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

    static void plane4s(float[] x, int x0, int height, int width, float[] w, int wo, float[] out, int o0, int outWidth) {
        FloatVector lanes = FloatVector.fromArray(S, LANE_NUMBERS, 0);
        int j3 = outWidth - L;
        int a3 = j3 - 1;
        VectorMask<Float> m0 = inside(lanes, -1, width);
        VectorMask<Float> m2 = inside(lanes, a3 + 2, width);
        VectorMask<Float> m1 = inside(lanes, a3 + 1, width);
        FloatVector w00 = FloatVector.broadcast(S, w[wo]);
        FloatVector w01 = FloatVector.broadcast(S, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wo + 8]);
        FloatVector zero = FloatVector.zero(S);
        FloatVector a1 = zero, a2 = zero, b1 = zero, b2 = zero, c1 = zero, c2 = zero, d1 = zero, d2 = zero;
        for (int i = 0; i < height + 2; i++) {
            int iy = i - 1;
            FloatVector xa0 = zero, xa1 = zero, xa2 = zero, xb0 = zero, xb1 = zero, xb2 = zero;
            FloatVector xc0 = zero, xc1 = zero, xc2 = zero, xd0 = zero, xd1 = zero, xd2 = zero;
            if (iy >= 0 && iy < height) {
                int xs = x0 + iy * width;
                
                xa1 = FloatVector.fromArray(S, x, xs);
                xa2 = FloatVector.fromArray(S, x, xs + 1);
                xa0 = zero.slice(L - 1, xa1);
                xb0 = FloatVector.fromArray(S, x, xs + L - 1);
                xb1 = FloatVector.fromArray(S, x, xs + L);
                xb2 = FloatVector.fromArray(S, x, xs + L + 1);
                xc0 = FloatVector.fromArray(S, x, xs + 2 * L - 1);
                xc1 = FloatVector.fromArray(S, x, xs + 2 * L);
                xc2 = FloatVector.fromArray(S, x, xs + 2 * L + 1);
                xd0 = FloatVector.fromArray(S, x, xs + a3);
                xd1 = FloatVector.fromArray(S, x, xs + a3 + 1, m1);
                xd2 = FloatVector.fromArray(S, x, xs + a3 + 2, m2);
            }
            FloatVector pa = xa2.fma(w22, xa1.fma(w21, xa0.fma(w20, a2)));
            FloatVector pb = xb2.fma(w22, xb1.fma(w21, xb0.fma(w20, b2)));
            FloatVector pc = xc2.fma(w22, xc1.fma(w21, xc0.fma(w20, c2)));
            FloatVector pd = xd2.fma(w22, xd1.fma(w21, xd0.fma(w20, d2)));
            if (i >= 2) {
                int o = o0 + (i - 2) * outWidth;
                pa.intoArray(out, o);
                pb.intoArray(out, o + L);
                pc.intoArray(out, o + 2 * L);
                pd.intoArray(out, o + j3);
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

    static void plane4m(float[] x, int x0, int height, int width, float[] w, int wo, float[] out, int o0, int outWidth) {
        FloatVector lanes = FloatVector.fromArray(S, LANE_NUMBERS, 0);
        int j3 = outWidth - L;
        int a3 = j3 - 1;
        VectorMask<Float> m0 = inside(lanes, -1, width);
        VectorMask<Float> m2 = inside(lanes, a3 + 2, width);
        VectorMask<Float> m1 = inside(lanes, a3 + 1, width);
        VectorMask<Float> ma1 = inside(lanes, 0, width), ma2 = inside(lanes, 1, width);
        VectorMask<Float> mb0 = inside(lanes, L - 1, width), mb1 = inside(lanes, L, width), mb2 = inside(lanes, L + 1, width);
        VectorMask<Float> mc0 = inside(lanes, 2 * L - 1, width), mc1 = inside(lanes, 2 * L, width), mc2 = inside(lanes, 2 * L + 1, width);
        VectorMask<Float> md0 = inside(lanes, a3, width);
        FloatVector w00 = FloatVector.broadcast(S, w[wo]);
        FloatVector w01 = FloatVector.broadcast(S, w[wo + 1]);
        FloatVector w02 = FloatVector.broadcast(S, w[wo + 2]);
        FloatVector w10 = FloatVector.broadcast(S, w[wo + 3]);
        FloatVector w11 = FloatVector.broadcast(S, w[wo + 4]);
        FloatVector w12 = FloatVector.broadcast(S, w[wo + 5]);
        FloatVector w20 = FloatVector.broadcast(S, w[wo + 6]);
        FloatVector w21 = FloatVector.broadcast(S, w[wo + 7]);
        FloatVector w22 = FloatVector.broadcast(S, w[wo + 8]);
        FloatVector zero = FloatVector.zero(S);
        FloatVector a1 = zero, a2 = zero, b1 = zero, b2 = zero, c1 = zero, c2 = zero, d1 = zero, d2 = zero;
        for (int i = 0; i < height + 2; i++) {
            int iy = i - 1;
            FloatVector xa0 = zero, xa1 = zero, xa2 = zero, xb0 = zero, xb1 = zero, xb2 = zero;
            FloatVector xc0 = zero, xc1 = zero, xc2 = zero, xd0 = zero, xd1 = zero, xd2 = zero;
            if (iy >= 0 && iy < height) {
                int xs = x0 + iy * width;
                xa0 = FloatVector.fromArray(S, x, xs - 1, m0);
                xa1 = FloatVector.fromArray(S, x, xs, ma1);
                xa2 = FloatVector.fromArray(S, x, xs + 1, ma2);
                xb0 = FloatVector.fromArray(S, x, xs + L - 1, mb0);
                xb1 = FloatVector.fromArray(S, x, xs + L, mb1);
                xb2 = FloatVector.fromArray(S, x, xs + L + 1, mb2);
                xc0 = FloatVector.fromArray(S, x, xs + 2 * L - 1, mc0);
                xc1 = FloatVector.fromArray(S, x, xs + 2 * L, mc1);
                xc2 = FloatVector.fromArray(S, x, xs + 2 * L + 1, mc2);
                xd0 = FloatVector.fromArray(S, x, xs + a3, md0);
                xd1 = FloatVector.fromArray(S, x, xs + a3 + 1, m1);
                xd2 = FloatVector.fromArray(S, x, xs + a3 + 2, m2);
            }
            FloatVector pa = xa2.fma(w22, xa1.fma(w21, xa0.fma(w20, a2)));
            FloatVector pb = xb2.fma(w22, xb1.fma(w21, xb0.fma(w20, b2)));
            FloatVector pc = xc2.fma(w22, xc1.fma(w21, xc0.fma(w20, c2)));
            FloatVector pd = xd2.fma(w22, xd1.fma(w21, xd0.fma(w20, d2)));
            if (i >= 2) {
                int o = o0 + (i - 2) * outWidth;
                pa.intoArray(out, o);
                pb.intoArray(out, o + L);
                pc.intoArray(out, o + 2 * L);
                pd.intoArray(out, o + j3);
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
}
