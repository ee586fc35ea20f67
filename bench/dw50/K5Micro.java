import jdk.incubator.vector.*;
import java.lang.management.*;
import java.util.*;

/**
 * dw50: stride2Gradient5 variants (copies of PanamaVectorOps' kernel) on one padded response plane and the
 * output planes of a whole pass, thread CPU, fastest of REPS passes, variants alternating in one JVM. Bits checked
 * against variant 0. Usage: java --add-modules jdk.incubator.vector bench/dw50/K5Micro.java PLANES WIDTH REPS [VARIANTS]
 */
public class K5Micro {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final VectorMask<Float> LOW_HALF = SPECIES.indexInRange(0, LANES / 2);
    static final VectorMask<Float> HIGH_HALF = LOW_HALF.not();
    static final VectorShuffle<Float> ZIP_HALVES = VectorShuffle.fromArray(SPECIES, zip(), 0);
    static final VectorShuffle<Float> SWAP_HALVES = VectorShuffle.fromArray(SPECIES, swap(), 0);
    static final VectorShuffle<Float> TAIL_ODD = VectorShuffle.fromArray(SPECIES, tail(0), 0);
    static final VectorShuffle<Float> TAIL_EVEN = VectorShuffle.fromArray(SPECIES, tail(1), 0);
    static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(SPECIES, 0xAAAAAAAAAAAAAAAAL);
    static int[] tail(int parity) { int[] l = new int[LANES]; for (int i = 0; i < LANES; i++) l[i] = parity == 0 ? LANES / 2 - 1 + i / 2 : (LANES - 1 + i) / 2; return l; }
    static int[] zip() { int[] l = new int[LANES]; for (int i = 0; i < LANES; i++) l[i] = i / 2 + (i % 2 == 0 ? 0 : LANES / 2); return l; }
    static int[] swap() { int[] l = new int[LANES]; for (int i = 0; i < LANES; i++) l[i] = (i + LANES / 2) % LANES; return l; }
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    interface Rows { void run(float[] y, int y0, int rowLength, int rows, int evenTaps, int ec, int oddTaps, int oc,
                              float[] w, int wo, float[] out, int o0, int outStep, int width, int count); }

    public static void main(String[] a) {
        int planes = Integer.parseInt(a[0]), width = Integer.parseInt(a[1]), reps = Integer.parseInt(a[2]);
        String which = a.length > 3 ? a[3] : "0,1,2";
        int outWidth = (width + 4 - 5) / 2 + 1;
        int rowLength = outWidth + 2 + 2; // colLo -1, reads to outWidth
        int bufferRows = outWidth + 2;
        Random r = new Random(1);
        float[] y = new float[bufferRows * rowLength + 64];
        for (int i = 0; i < bufferRows * rowLength; i++) y[i] = (float) r.nextGaussian();
        float[] w = new float[25];
        for (int i = 0; i < 25; i++) w[i] = (float) r.nextGaussian();
        Rows[] vs = {K5Micro::v0, K5Micro::v1, K5Micro::v2, K5Micro::v3};
        String[] ids = which.split(",");
        float[][] outs = new float[ids.length][planes * width * width];
        double[] best = new double[ids.length];
        Arrays.fill(best, 1e9);
        for (int rep = 0; rep < reps + 20; rep++) {
            for (int v = 0; v < ids.length; v++) {
                Rows k = vs[Integer.parseInt(ids[v])];
                float[] out = outs[v];
                long t0 = CPU.getCurrentThreadCpuTime();
                for (int p = 0; p < planes; p++) {
                    int base = p * width * width;
                    k.run(y, 0, rowLength, 3, 3, 0, 2, 1, w, 0, out, base, 2 * width, width, (width + 1) / 2);
                    k.run(y, rowLength, rowLength, 2, 3, 0, 2, 1, w, 15, out, base + width, 2 * width, width, width / 2);
                }
                long t = CPU.getCurrentThreadCpuTime() - t0;
                if (rep >= 20) best[v] = Math.min(best[v], t / 1e6);
            }
        }
        for (int v = 0; v < ids.length; v++) {
            System.out.printf(Locale.ROOT, "width %d planes %d variant %s %.3f ms  same bits as first: %b%n", width, planes,
                    ids[v], best[v], Arrays.equals(outs[v], outs[0]));
        }
    }

    static float column(float[] y, int ys, int rowLength, int rows, int taps, float[] w, int wo, int per) {
        float s = y[ys] * w[wo];
        for (int i = 0; i < rows; i++) {
            for (int t = i == 0 ? 1 : 0; t < taps; t++) {
                s = Math.fma(y[ys + i * rowLength + t], w[wo + i * per + t], s);
            }
        }
        return s;
    }

    // main's kernel
    static void v0(float[] y, int y0, int rowLength, int rows, int evenTaps, int ec, int oddTaps, int oc, float[] w,
                   int wo, float[] out, int o0, int outStep, int width, int count) {
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
        int half = width / 2;
        boolean narrow = half < LANES;
        int strips = narrow ? 1 : half;
        VectorMask<Float> first = SPECIES.indexInRange(0, width);
        VectorMask<Float> second = SPECIES.indexInRange(LANES, width);
        for (int j = 0; j < count; j++) {
            int ys = y0 + j * rowLength;
            int o = o0 + j * outStep;
            for (int step = 0; step < strips; step += LANES) {
                int n = narrow ? 0 : Math.min(step, half - LANES);
                int a = ys + ec + n;
                int b = ys + oc + n;
                FloatVector ev = FloatVector.fromArray(SPECIES, y, a).mul(e00);
                ev = FloatVector.fromArray(SPECIES, y, a + 1).fma(e01, ev);
                if (evenTaps > 2) ev = FloatVector.fromArray(SPECIES, y, a + 2).fma(e02, ev);
                FloatVector od = FloatVector.fromArray(SPECIES, y, b).mul(o00);
                od = FloatVector.fromArray(SPECIES, y, b + 1).fma(o01, od);
                if (oddTaps > 2) od = FloatVector.fromArray(SPECIES, y, b + 2).fma(o02, od);
                a += rowLength;
                b += rowLength;
                ev = FloatVector.fromArray(SPECIES, y, a).fma(e10, ev);
                ev = FloatVector.fromArray(SPECIES, y, a + 1).fma(e11, ev);
                if (evenTaps > 2) ev = FloatVector.fromArray(SPECIES, y, a + 2).fma(e12, ev);
                od = FloatVector.fromArray(SPECIES, y, b).fma(o10, od);
                od = FloatVector.fromArray(SPECIES, y, b + 1).fma(o11, od);
                if (oddTaps > 2) od = FloatVector.fromArray(SPECIES, y, b + 2).fma(o12, od);
                if (rows > 2) {
                    a += rowLength;
                    b += rowLength;
                    ev = FloatVector.fromArray(SPECIES, y, a).fma(e20, ev);
                    ev = FloatVector.fromArray(SPECIES, y, a + 1).fma(e21, ev);
                    if (evenTaps > 2) ev = FloatVector.fromArray(SPECIES, y, a + 2).fma(e22, ev);
                    od = FloatVector.fromArray(SPECIES, y, b).fma(o20, od);
                    od = FloatVector.fromArray(SPECIES, y, b + 1).fma(o21, od);
                    if (oddTaps > 2) od = FloatVector.fromArray(SPECIES, y, b + 2).fma(o22, od);
                }
                FloatVector low = ev.blend(od.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES);
                FloatVector high = od.blend(ev.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES);
                if (!narrow) {
                    low.intoArray(out, o + 2 * n);
                    high.intoArray(out, o + 2 * n + LANES);
                } else {
                    low.intoArray(out, o, first);
                    if (width > LANES) high.intoArray(out, o + LANES, second);
                }
            }
            if (width % 2 == 1 && !narrow) {
                out[o + width - 1] = column(y, ys + ec + half, rowLength, rows, evenTaps, w, wo, per);
            }
        }
    }

    // rows of exactly two strips (LANES <= half <= 2 LANES): both strips a pass, four chains in flight; else v0
    static void v1(float[] y, int y0, int rowLength, int rows, int evenTaps, int ec, int oddTaps, int oc, float[] w,
                   int wo, float[] out, int o0, int outStep, int width, int count) {
        int half = width / 2;
        if (half < LANES || half > 2 * LANES || evenTaps != 3 || oddTaps != 2) {
            v0(y, y0, rowLength, rows, evenTaps, ec, oddTaps, oc, w, wo, out, o0, outStep, width, count);
            return;
        }
        if (rows == 3) pair3(y, y0, rowLength, ec, oc, w, wo, out, o0, outStep, width, count);
        else pair2(y, y0, rowLength, ec, oc, w, wo, out, o0, outStep, width, count);
        if (width % 2 == 1) {
            for (int j = 0; j < count; j++) {
                out[o0 + j * outStep + width - 1] = column(y, y0 + j * rowLength + ec + half, rowLength, rows, 3, w, wo, 5);
            }
        }
    }

    static void pair3(float[] y, int y0, int rowLength, int ec, int oc, float[] w, int wo, float[] out, int o0,
                      int outStep, int width, int count) {
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
        FloatVector e20 = FloatVector.broadcast(SPECIES, w[wo + 10]);
        FloatVector e21 = FloatVector.broadcast(SPECIES, w[wo + 11]);
        FloatVector e22 = FloatVector.broadcast(SPECIES, w[wo + 12]);
        FloatVector o20 = FloatVector.broadcast(SPECIES, w[wo + 13]);
        FloatVector o21 = FloatVector.broadcast(SPECIES, w[wo + 14]);
        int m = width / 2 - LANES; // the second strip, moved back
        for (int j = 0; j < count; j++) {
            int a = y0 + j * rowLength + ec;
            int b = y0 + j * rowLength + oc;
            int c = a + m;
            int d = b + m;
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
            a += rowLength; b += rowLength; c += rowLength; d += rowLength;
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
            a += rowLength; b += rowLength; c += rowLength; d += rowLength;
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
            int o = o0 + j * outStep;
            ev.blend(od.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES).intoArray(out, o);
            od.blend(ev.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(out, o + LANES);
            fv.blend(pd.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES).intoArray(out, o + 2 * m);
            pd.blend(fv.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(out, o + 2 * m + LANES);
        }
    }

    static void pair2(float[] y, int y0, int rowLength, int ec, int oc, float[] w, int wo, float[] out, int o0,
                      int outStep, int width, int count) {
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
        int m = width / 2 - LANES;
        for (int j = 0; j < count; j++) {
            int a = y0 + j * rowLength + ec;
            int b = y0 + j * rowLength + oc;
            int c = a + m;
            int d = b + m;
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
            a += rowLength; b += rowLength; c += rowLength; d += rowLength;
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
            int o = o0 + j * outStep;
            ev.blend(od.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES).intoArray(out, o);
            od.blend(ev.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(out, o + LANES);
            fv.blend(pd.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES).intoArray(out, o + 2 * m);
            pd.blend(fv.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(out, o + 2 * m + LANES);
        }
    }

    // v1's pair as one method for 2 and 3 rows (the third row's fmas behind a branch C2 can unswitch)
    static void v2(float[] y, int y0, int rowLength, int rows, int evenTaps, int ec, int oddTaps, int oc, float[] w,
                   int wo, float[] out, int o0, int outStep, int width, int count) {
        int half = width / 2;
        if (half < LANES || half > 2 * LANES || evenTaps != 3 || oddTaps != 2) {
            v0(y, y0, rowLength, rows, evenTaps, ec, oddTaps, oc, w, wo, out, o0, outStep, width, count);
            return;
        }
        pairs(y, y0, rowLength, rows, ec, oc, w, wo, out, o0, outStep, width, count);
        if (width % 2 == 1) {
            for (int j = 0; j < count; j++) {
                out[o0 + j * outStep + width - 1] = column(y, y0 + j * rowLength + ec + half, rowLength, rows, 3, w, wo, 5);
            }
        }
    }

    static void pairs(float[] y, int y0, int rowLength, int rows, int ec, int oc, float[] w, int wo, float[] out, int o0,
                      int outStep, int width, int count) {
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
        int m = width / 2 - LANES;
        for (int j = 0; j < count; j++) {
            int a = y0 + j * rowLength + ec;
            int b = y0 + j * rowLength + oc;
            int c = a + m;
            int d = b + m;
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
            a += rowLength; b += rowLength; c += rowLength; d += rowLength;
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
                a += rowLength; b += rowLength; c += rowLength; d += rowLength;
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
            int o = o0 + j * outStep;
            ev.blend(od.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES).intoArray(out, o);
            od.blend(ev.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(out, o + LANES);
            fv.blend(pd.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES).intoArray(out, o + 2 * m);
            pd.blend(fv.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(out, o + 2 * m + LANES);
        }
    }
    static void v3(float[] y, int y0, int rowLength, int rows, int evenTaps, int ec, int oddTaps, int oc, float[] w,
                   int wo, float[] out, int o0, int outStep, int width, int count) {
        int half = width / 2;
        if (half < LANES || (width + 1) / 2 > 2 * LANES || evenTaps != 3 || oddTaps != 2) {
            v0(y, y0, rowLength, rows, evenTaps, ec, oddTaps, oc, w, wo, out, o0, outStep, width, count);
            return;
        }
        pairsOdd(y, y0, rowLength, rows, ec, oc, w, wo, out, o0, outStep, width, count);
    }

    static void pairsOdd(float[] y, int y0, int rowLength, int rows, int ec, int oc, float[] w, int wo, float[] out, int o0,
                      int outStep, int width, int count) {
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
        int m = (width + 1) / 2 - LANES; // odd widths: the last even column in the second strip
        boolean odd = width % 2 == 1;
        for (int j = 0; j < count; j++) {
            int a = y0 + j * rowLength + ec;
            int b = y0 + j * rowLength + oc;
            int c = a + m;
            int d = b + m;
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
            a += rowLength; b += rowLength; c += rowLength; d += rowLength;
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
                a += rowLength; b += rowLength; c += rowLength; d += rowLength;
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
            int o = o0 + j * outStep;
            ev.blend(od.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES).intoArray(out, o);
            od.blend(ev.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(out, o + LANES);
            FloatVector low = fv.blend(pd.rearrange(SWAP_HALVES), HIGH_HALF).rearrange(ZIP_HALVES);
            low.intoArray(out, o + 2 * m);
            if (odd) { // the row's last LANES columns, odd first: woven a lane later than high
                pd.rearrange(TAIL_ODD).blend(fv.rearrange(TAIL_EVEN), ODD_LANES).intoArray(out, o + width - LANES);
            } else {
                pd.blend(fv.rearrange(SWAP_HALVES), LOW_HALF).rearrange(ZIP_HALVES).intoArray(out, o + 2 * m + LANES);
            }
        }
    }
}
