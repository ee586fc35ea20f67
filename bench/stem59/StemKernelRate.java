import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * stem59: stem57's harness plus c8x3 (8 channels × 3 vectors: 3 loads, 8 broadcasts for 24 FMAs) and c6x4 (6 × 4, on
 * the first 60 channels, its GFLOP/s counted on those). stem57: the stem kernel alone in GFLOP/s (thread CPU, one thread) on one band of a stride-2 stem's phase planes
 * laid out as StemConv lays them (cin × 4 planes of (rows + reach) × pw), against variants written here (timing
 * only, their results not used):
 * lib = VectorOps.convLongColumns (main's PanamaStemColumns: 4 channels × 6 vectors, tail 4 × 2 / 4 × 1);
 * copy = the same 4 × 6 block written here (the harness's own rate check);
 * aligned+s = the 4 × 6 block with every tap's start rounded down to 16 floats plus s (s = 0, 2, .., 14: one s puts
 *   every load on a cache line, the array's base being 8-byte aligned: what cache-line splits cost);
 * chan = 16 channels a vector, 4 vectors (64 channels) × 6 positions broadcast (oneDNN's blocking), weights packed.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp convkit-cli/target/convkit.jar bench/stem59/StemKernelRate.java \
 *     CIN COUT K OW ROWS REPS
 * </pre>
 * (resnet-stem's band: 3 64 7 112 16 100; MODE=lib,copy,aligned,chan picks variants.) The rows path of
 * bench/stem57/channel-rows.patch is timed by bench/stem57/StemRowsRate.java (a jar built with that patch).
 */
public class StemKernelRate {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int L = 16;
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] a) {
        int cin = Integer.parseInt(a[0]), cout = Integer.parseInt(a[1]), k = Integer.parseInt(a[2]);
        int ow = Integer.parseInt(a[3]), rows = Integer.parseInt(a[4]), reps = Integer.parseInt(a[5]);
        int reach = (k - 1) / 2;
        int pw = ow + reach, ps = (rows + reach) * pw, columns = (rows - 1) * pw + ow, taps = cin * k * k;
        int sumStride = columns + 16;
        float[] x = new float[cin * 4 * ps + 64];
        float[] w = new float[cout * taps];
        float[] wPacked = new float[taps * cout];
        float[] out = new float[cout * sumStride + 64];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        for (int co = 0; co < cout; co++) for (int t = 0; t < taps; t++) wPacked[t * cout + co] = w[co * taps + t];
        int[] starts = new int[taps], aligned = new int[taps];
        for (int ci = 0; ci < cin; ci++) for (int ky = 0; ky < k; ky++) for (int kx = 0; kx < k; kx++) {
            int t = (ci * k + ky) * k + kx;
            starts[t] = (ci * 4 + (ky & 1) * 2 + (kx & 1)) * ps + (ky >> 1) * pw + (kx >> 1);
            aligned[t] = starts[t] & ~15;
        }
        VectorOps ops = KernelProvider.panama().vectorOps();
        double flops = 2.0 * columns * cout * taps;
        String mode = System.getenv("MODE");
        for (int round = 0; round < 3; round++) {
            if (mode == null || mode.contains("lib"))
                report("lib", flops, reps, () -> ops.convLongColumns(x, starts, taps, w, 0, taps, cout, out, 0, sumStride, columns));
            if (mode == null || mode.contains("copy"))
                report("copy", flops, reps, () -> blocks(x, starts, taps, w, cout, out, sumStride, columns));
            if (mode == null || mode.contains("aligned"))
                for (int shift = 0; shift < 16; shift += 2) {
                    int[] shifted = new int[taps];
                    for (int t = 0; t < taps; t++) shifted[t] = aligned[t] + shift;
                    report("aligned+" + shift, flops, reps, () -> blocks(x, shifted, taps, w, cout, out, sumStride, columns));
                }
            if (mode == null || mode.contains("c8x3"))
                report("c8x3", flops, reps, () -> blocks8x3(x, starts, taps, w, cout, out, sumStride, columns));
            if (mode == null || mode.contains("c6x4"))
                report("c6x4", flops * 60 / cout, reps, () -> blocks6x4(x, starts, taps, w, 60, out, sumStride, columns));
            if (mode == null || mode.contains("chan"))
                report("chan", flops, reps, () -> channelBlocks(x, starts, taps, wPacked, cout, out, columns));
        }
    }

    static void report(String name, double flops, int reps, Runnable call) {
        for (int i = 0; i < 20; i++) call.run();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            call.run();
            best = Math.min(best, CPU.getCurrentThreadCpuTime() - t0);
        }
        System.out.printf(Locale.ROOT, "%-8s %8.3f ms %7.1f GFLOP/s%n", name, best / 1e6, flops / best);
    }

    static void blocks(float[] x, int[] starts, int taps, float[] w, int cout, float[] out, int outStride, int n) {
        for (int j = 0; j + 6 * L <= n; j += 6 * L)
            for (int co = 0; co < cout; co += 4) c4x6(x, starts, taps, w, taps, out, outStride, co, j);
    }

    static void c4x6(float[] x, int[] tapStarts, int taps, float[] w, int wStride, float[] out, int outStride, int co, int j) {
        int w0 = co * wStride, w1 = w0 + wStride, w2 = w1 + wStride, w3 = w2 + wStride;
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S), a04 = FloatVector.zero(S), a05 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S), a14 = FloatVector.zero(S), a15 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S), a22 = FloatVector.zero(S), a23 = FloatVector.zero(S), a24 = FloatVector.zero(S), a25 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S), a32 = FloatVector.zero(S), a33 = FloatVector.zero(S), a34 = FloatVector.zero(S), a35 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int xs = tapStarts[k] + j;
            FloatVector x0 = FloatVector.fromArray(S, x, xs), x1 = FloatVector.fromArray(S, x, xs + L), x2 = FloatVector.fromArray(S, x, xs + 2 * L);
            FloatVector x3 = FloatVector.fromArray(S, x, xs + 3 * L), x4 = FloatVector.fromArray(S, x, xs + 4 * L), x5 = FloatVector.fromArray(S, x, xs + 5 * L);
            FloatVector b = FloatVector.broadcast(S, w[w0 + k]);
            a00 = x0.fma(b, a00); a01 = x1.fma(b, a01); a02 = x2.fma(b, a02); a03 = x3.fma(b, a03); a04 = x4.fma(b, a04); a05 = x5.fma(b, a05);
            b = FloatVector.broadcast(S, w[w1 + k]);
            a10 = x0.fma(b, a10); a11 = x1.fma(b, a11); a12 = x2.fma(b, a12); a13 = x3.fma(b, a13); a14 = x4.fma(b, a14); a15 = x5.fma(b, a15);
            b = FloatVector.broadcast(S, w[w2 + k]);
            a20 = x0.fma(b, a20); a21 = x1.fma(b, a21); a22 = x2.fma(b, a22); a23 = x3.fma(b, a23); a24 = x4.fma(b, a24); a25 = x5.fma(b, a25);
            b = FloatVector.broadcast(S, w[w3 + k]);
            a30 = x0.fma(b, a30); a31 = x1.fma(b, a31); a32 = x2.fma(b, a32); a33 = x3.fma(b, a33); a34 = x4.fma(b, a34); a35 = x5.fma(b, a35);
        }
        int o = co * outStride + j;
        a00.intoArray(out, o); a01.intoArray(out, o + L); a02.intoArray(out, o + 2 * L); a03.intoArray(out, o + 3 * L); a04.intoArray(out, o + 4 * L); a05.intoArray(out, o + 5 * L);
        o += outStride;
        a10.intoArray(out, o); a11.intoArray(out, o + L); a12.intoArray(out, o + 2 * L); a13.intoArray(out, o + 3 * L); a14.intoArray(out, o + 4 * L); a15.intoArray(out, o + 5 * L);
        o += outStride;
        a20.intoArray(out, o); a21.intoArray(out, o + L); a22.intoArray(out, o + 2 * L); a23.intoArray(out, o + 3 * L); a24.intoArray(out, o + 4 * L); a25.intoArray(out, o + 5 * L);
        o += outStride;
        a30.intoArray(out, o); a31.intoArray(out, o + L); a32.intoArray(out, o + 2 * L); a33.intoArray(out, o + 3 * L); a34.intoArray(out, o + 4 * L); a35.intoArray(out, o + 5 * L);
    }

    /** 64 channels (4 vectors) × 6 positions per block; tile [position][64] into out (timing only). */
    static void channelBlocks(float[] x, int[] starts, int taps, float[] wp, int cout, float[] out, int n) {
        for (int j = 0; j + 6 <= n; j += 6) ch4x6(x, starts, taps, wp, out, j);
    }

    static void ch4x6(float[] x, int[] tapStarts, int taps, float[] wp, float[] out, int j) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S), a04 = FloatVector.zero(S), a05 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S), a14 = FloatVector.zero(S), a15 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S), a22 = FloatVector.zero(S), a23 = FloatVector.zero(S), a24 = FloatVector.zero(S), a25 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S), a32 = FloatVector.zero(S), a33 = FloatVector.zero(S), a34 = FloatVector.zero(S), a35 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int xs = tapStarts[k] + j;
            int wk = k * 64;
            FloatVector w0 = FloatVector.fromArray(S, wp, wk), w1 = FloatVector.fromArray(S, wp, wk + L), w2 = FloatVector.fromArray(S, wp, wk + 2 * L), w3 = FloatVector.fromArray(S, wp, wk + 3 * L);
            FloatVector b = FloatVector.broadcast(S, x[xs]);
            a00 = w0.fma(b, a00); a10 = w1.fma(b, a10); a20 = w2.fma(b, a20); a30 = w3.fma(b, a30);
            b = FloatVector.broadcast(S, x[xs + 1]);
            a01 = w0.fma(b, a01); a11 = w1.fma(b, a11); a21 = w2.fma(b, a21); a31 = w3.fma(b, a31);
            b = FloatVector.broadcast(S, x[xs + 2]);
            a02 = w0.fma(b, a02); a12 = w1.fma(b, a12); a22 = w2.fma(b, a22); a32 = w3.fma(b, a32);
            b = FloatVector.broadcast(S, x[xs + 3]);
            a03 = w0.fma(b, a03); a13 = w1.fma(b, a13); a23 = w2.fma(b, a23); a33 = w3.fma(b, a33);
            b = FloatVector.broadcast(S, x[xs + 4]);
            a04 = w0.fma(b, a04); a14 = w1.fma(b, a14); a24 = w2.fma(b, a24); a34 = w3.fma(b, a34);
            b = FloatVector.broadcast(S, x[xs + 5]);
            a05 = w0.fma(b, a05); a15 = w1.fma(b, a15); a25 = w2.fma(b, a25); a35 = w3.fma(b, a35);
        }
        int o = (j % 64) * 64; // a small rolling tile: timing only
        a00.intoArray(out, o); a10.intoArray(out, o + L); a20.intoArray(out, o + 2 * L); a30.intoArray(out, o + 3 * L);
        a01.intoArray(out, o + 64); a11.intoArray(out, o + 64 + L); a21.intoArray(out, o + 64 + 2 * L); a31.intoArray(out, o + 64 + 3 * L);
        a02.intoArray(out, o + 128); a12.intoArray(out, o + 128 + L); a22.intoArray(out, o + 128 + 2 * L); a32.intoArray(out, o + 128 + 3 * L);
        a03.intoArray(out, o + 192); a13.intoArray(out, o + 192 + L); a23.intoArray(out, o + 192 + 2 * L); a33.intoArray(out, o + 192 + 3 * L);
        a04.intoArray(out, o + 256); a14.intoArray(out, o + 256 + L); a24.intoArray(out, o + 256 + 2 * L); a34.intoArray(out, o + 256 + 3 * L);
        a05.intoArray(out, o + 320); a15.intoArray(out, o + 320 + L); a25.intoArray(out, o + 320 + 2 * L); a35.intoArray(out, o + 320 + 3 * L);
    }
    static void blocks8x3(float[] x, int[] starts, int taps, float[] w, int cout, float[] out, int outStride, int n) {
        for (int j = 0; j + 3 * L <= n; j += 3 * L)
            for (int co = 0; co + 8 <= cout; co += 8) c8x3(x, starts, taps, w, taps, out, outStride, co, j);
    }
    static void c8x3(float[] x, int[] tapStarts, int taps, float[] w, int wStride, float[] out, int outStride, int co, int j) {
        int w0 = (co + 0) * wStride;
        int w1 = (co + 1) * wStride;
        int w2 = (co + 2) * wStride;
        int w3 = (co + 3) * wStride;
        int w4 = (co + 4) * wStride;
        int w5 = (co + 5) * wStride;
        int w6 = (co + 6) * wStride;
        int w7 = (co + 7) * wStride;
        FloatVector a0_0 = FloatVector.zero(S);
        FloatVector a0_1 = FloatVector.zero(S);
        FloatVector a0_2 = FloatVector.zero(S);
        FloatVector a1_0 = FloatVector.zero(S);
        FloatVector a1_1 = FloatVector.zero(S);
        FloatVector a1_2 = FloatVector.zero(S);
        FloatVector a2_0 = FloatVector.zero(S);
        FloatVector a2_1 = FloatVector.zero(S);
        FloatVector a2_2 = FloatVector.zero(S);
        FloatVector a3_0 = FloatVector.zero(S);
        FloatVector a3_1 = FloatVector.zero(S);
        FloatVector a3_2 = FloatVector.zero(S);
        FloatVector a4_0 = FloatVector.zero(S);
        FloatVector a4_1 = FloatVector.zero(S);
        FloatVector a4_2 = FloatVector.zero(S);
        FloatVector a5_0 = FloatVector.zero(S);
        FloatVector a5_1 = FloatVector.zero(S);
        FloatVector a5_2 = FloatVector.zero(S);
        FloatVector a6_0 = FloatVector.zero(S);
        FloatVector a6_1 = FloatVector.zero(S);
        FloatVector a6_2 = FloatVector.zero(S);
        FloatVector a7_0 = FloatVector.zero(S);
        FloatVector a7_1 = FloatVector.zero(S);
        FloatVector a7_2 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int xs = tapStarts[k] + j;
            FloatVector x0 = FloatVector.fromArray(S, x, xs + 0 * L);
            FloatVector x1 = FloatVector.fromArray(S, x, xs + 1 * L);
            FloatVector x2 = FloatVector.fromArray(S, x, xs + 2 * L);
            FloatVector b0 = FloatVector.broadcast(S, w[w0 + k]);
            a0_0 = x0.fma(b0, a0_0);
            a0_1 = x1.fma(b0, a0_1);
            a0_2 = x2.fma(b0, a0_2);
            FloatVector b1 = FloatVector.broadcast(S, w[w1 + k]);
            a1_0 = x0.fma(b1, a1_0);
            a1_1 = x1.fma(b1, a1_1);
            a1_2 = x2.fma(b1, a1_2);
            FloatVector b2 = FloatVector.broadcast(S, w[w2 + k]);
            a2_0 = x0.fma(b2, a2_0);
            a2_1 = x1.fma(b2, a2_1);
            a2_2 = x2.fma(b2, a2_2);
            FloatVector b3 = FloatVector.broadcast(S, w[w3 + k]);
            a3_0 = x0.fma(b3, a3_0);
            a3_1 = x1.fma(b3, a3_1);
            a3_2 = x2.fma(b3, a3_2);
            FloatVector b4 = FloatVector.broadcast(S, w[w4 + k]);
            a4_0 = x0.fma(b4, a4_0);
            a4_1 = x1.fma(b4, a4_1);
            a4_2 = x2.fma(b4, a4_2);
            FloatVector b5 = FloatVector.broadcast(S, w[w5 + k]);
            a5_0 = x0.fma(b5, a5_0);
            a5_1 = x1.fma(b5, a5_1);
            a5_2 = x2.fma(b5, a5_2);
            FloatVector b6 = FloatVector.broadcast(S, w[w6 + k]);
            a6_0 = x0.fma(b6, a6_0);
            a6_1 = x1.fma(b6, a6_1);
            a6_2 = x2.fma(b6, a6_2);
            FloatVector b7 = FloatVector.broadcast(S, w[w7 + k]);
            a7_0 = x0.fma(b7, a7_0);
            a7_1 = x1.fma(b7, a7_1);
            a7_2 = x2.fma(b7, a7_2);
        }
        a0_0.intoArray(out, (co + 0) * outStride + j + 0 * L);
        a0_1.intoArray(out, (co + 0) * outStride + j + 1 * L);
        a0_2.intoArray(out, (co + 0) * outStride + j + 2 * L);
        a1_0.intoArray(out, (co + 1) * outStride + j + 0 * L);
        a1_1.intoArray(out, (co + 1) * outStride + j + 1 * L);
        a1_2.intoArray(out, (co + 1) * outStride + j + 2 * L);
        a2_0.intoArray(out, (co + 2) * outStride + j + 0 * L);
        a2_1.intoArray(out, (co + 2) * outStride + j + 1 * L);
        a2_2.intoArray(out, (co + 2) * outStride + j + 2 * L);
        a3_0.intoArray(out, (co + 3) * outStride + j + 0 * L);
        a3_1.intoArray(out, (co + 3) * outStride + j + 1 * L);
        a3_2.intoArray(out, (co + 3) * outStride + j + 2 * L);
        a4_0.intoArray(out, (co + 4) * outStride + j + 0 * L);
        a4_1.intoArray(out, (co + 4) * outStride + j + 1 * L);
        a4_2.intoArray(out, (co + 4) * outStride + j + 2 * L);
        a5_0.intoArray(out, (co + 5) * outStride + j + 0 * L);
        a5_1.intoArray(out, (co + 5) * outStride + j + 1 * L);
        a5_2.intoArray(out, (co + 5) * outStride + j + 2 * L);
        a6_0.intoArray(out, (co + 6) * outStride + j + 0 * L);
        a6_1.intoArray(out, (co + 6) * outStride + j + 1 * L);
        a6_2.intoArray(out, (co + 6) * outStride + j + 2 * L);
        a7_0.intoArray(out, (co + 7) * outStride + j + 0 * L);
        a7_1.intoArray(out, (co + 7) * outStride + j + 1 * L);
        a7_2.intoArray(out, (co + 7) * outStride + j + 2 * L);
    }
    static void blocks6x4(float[] x, int[] starts, int taps, float[] w, int cout, float[] out, int outStride, int n) {
        for (int j = 0; j + 4 * L <= n; j += 4 * L)
            for (int co = 0; co + 6 <= cout; co += 6) c6x4(x, starts, taps, w, taps, out, outStride, co, j);
    }
    static void c6x4(float[] x, int[] tapStarts, int taps, float[] w, int wStride, float[] out, int outStride, int co, int j) {
        int w0 = (co + 0) * wStride;
        int w1 = (co + 1) * wStride;
        int w2 = (co + 2) * wStride;
        int w3 = (co + 3) * wStride;
        int w4 = (co + 4) * wStride;
        int w5 = (co + 5) * wStride;
        FloatVector a0_0 = FloatVector.zero(S);
        FloatVector a0_1 = FloatVector.zero(S);
        FloatVector a0_2 = FloatVector.zero(S);
        FloatVector a0_3 = FloatVector.zero(S);
        FloatVector a1_0 = FloatVector.zero(S);
        FloatVector a1_1 = FloatVector.zero(S);
        FloatVector a1_2 = FloatVector.zero(S);
        FloatVector a1_3 = FloatVector.zero(S);
        FloatVector a2_0 = FloatVector.zero(S);
        FloatVector a2_1 = FloatVector.zero(S);
        FloatVector a2_2 = FloatVector.zero(S);
        FloatVector a2_3 = FloatVector.zero(S);
        FloatVector a3_0 = FloatVector.zero(S);
        FloatVector a3_1 = FloatVector.zero(S);
        FloatVector a3_2 = FloatVector.zero(S);
        FloatVector a3_3 = FloatVector.zero(S);
        FloatVector a4_0 = FloatVector.zero(S);
        FloatVector a4_1 = FloatVector.zero(S);
        FloatVector a4_2 = FloatVector.zero(S);
        FloatVector a4_3 = FloatVector.zero(S);
        FloatVector a5_0 = FloatVector.zero(S);
        FloatVector a5_1 = FloatVector.zero(S);
        FloatVector a5_2 = FloatVector.zero(S);
        FloatVector a5_3 = FloatVector.zero(S);
        for (int k = 0; k < taps; k++) {
            int xs = tapStarts[k] + j;
            FloatVector x0 = FloatVector.fromArray(S, x, xs + 0 * L);
            FloatVector x1 = FloatVector.fromArray(S, x, xs + 1 * L);
            FloatVector x2 = FloatVector.fromArray(S, x, xs + 2 * L);
            FloatVector x3 = FloatVector.fromArray(S, x, xs + 3 * L);
            FloatVector b0 = FloatVector.broadcast(S, w[w0 + k]);
            a0_0 = x0.fma(b0, a0_0);
            a0_1 = x1.fma(b0, a0_1);
            a0_2 = x2.fma(b0, a0_2);
            a0_3 = x3.fma(b0, a0_3);
            FloatVector b1 = FloatVector.broadcast(S, w[w1 + k]);
            a1_0 = x0.fma(b1, a1_0);
            a1_1 = x1.fma(b1, a1_1);
            a1_2 = x2.fma(b1, a1_2);
            a1_3 = x3.fma(b1, a1_3);
            FloatVector b2 = FloatVector.broadcast(S, w[w2 + k]);
            a2_0 = x0.fma(b2, a2_0);
            a2_1 = x1.fma(b2, a2_1);
            a2_2 = x2.fma(b2, a2_2);
            a2_3 = x3.fma(b2, a2_3);
            FloatVector b3 = FloatVector.broadcast(S, w[w3 + k]);
            a3_0 = x0.fma(b3, a3_0);
            a3_1 = x1.fma(b3, a3_1);
            a3_2 = x2.fma(b3, a3_2);
            a3_3 = x3.fma(b3, a3_3);
            FloatVector b4 = FloatVector.broadcast(S, w[w4 + k]);
            a4_0 = x0.fma(b4, a4_0);
            a4_1 = x1.fma(b4, a4_1);
            a4_2 = x2.fma(b4, a4_2);
            a4_3 = x3.fma(b4, a4_3);
            FloatVector b5 = FloatVector.broadcast(S, w[w5 + k]);
            a5_0 = x0.fma(b5, a5_0);
            a5_1 = x1.fma(b5, a5_1);
            a5_2 = x2.fma(b5, a5_2);
            a5_3 = x3.fma(b5, a5_3);
        }
        a0_0.intoArray(out, (co + 0) * outStride + j + 0 * L);
        a0_1.intoArray(out, (co + 0) * outStride + j + 1 * L);
        a0_2.intoArray(out, (co + 0) * outStride + j + 2 * L);
        a0_3.intoArray(out, (co + 0) * outStride + j + 3 * L);
        a1_0.intoArray(out, (co + 1) * outStride + j + 0 * L);
        a1_1.intoArray(out, (co + 1) * outStride + j + 1 * L);
        a1_2.intoArray(out, (co + 1) * outStride + j + 2 * L);
        a1_3.intoArray(out, (co + 1) * outStride + j + 3 * L);
        a2_0.intoArray(out, (co + 2) * outStride + j + 0 * L);
        a2_1.intoArray(out, (co + 2) * outStride + j + 1 * L);
        a2_2.intoArray(out, (co + 2) * outStride + j + 2 * L);
        a2_3.intoArray(out, (co + 2) * outStride + j + 3 * L);
        a3_0.intoArray(out, (co + 3) * outStride + j + 0 * L);
        a3_1.intoArray(out, (co + 3) * outStride + j + 1 * L);
        a3_2.intoArray(out, (co + 3) * outStride + j + 2 * L);
        a3_3.intoArray(out, (co + 3) * outStride + j + 3 * L);
        a4_0.intoArray(out, (co + 4) * outStride + j + 0 * L);
        a4_1.intoArray(out, (co + 4) * outStride + j + 1 * L);
        a4_2.intoArray(out, (co + 4) * outStride + j + 2 * L);
        a4_3.intoArray(out, (co + 4) * outStride + j + 3 * L);
        a5_0.intoArray(out, (co + 5) * outStride + j + 0 * L);
        a5_1.intoArray(out, (co + 5) * outStride + j + 1 * L);
        a5_2.intoArray(out, (co + 5) * outStride + j + 2 * L);
        a5_3.intoArray(out, (co + 5) * outStride + j + 3 * L);
    }
}
