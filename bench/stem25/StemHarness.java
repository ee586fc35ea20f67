package dev.convkit.core.conv;

import dev.convkit.core.kernels.*;
import java.lang.management.*;
import java.util.*;

public class StemHarness {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    interface R { void run(); }
    static double best(int reps, R r) {
        for (int i = 0; i < 20; i++) r.run();
        long b = Long.MAX_VALUE;
        for (int i = 0; i < reps; i++) { long t0 = CPU.getCurrentThreadCpuTime(); r.run(); b = Math.min(b, CPU.getCurrentThreadCpuTime() - t0); }
        return b / 1e6;
    }
    public static void main(String[] a) {
        Parallel.setThreads(1);
        KernelProvider p = KernelProvider.panama();
        VectorOps ops = p.vectorOps();
        PhaseSplitConv ph = new PhaseSplitConv(p.microKernel(), ops);
        StemConv stem = new StemConv(ops, ph);
        int reps = Integer.parseInt(a[0]);
        for (int s = 1; s < a.length; s++) {
            String[] f = a[s].split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), hh = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
            ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(Integer.parseInt(f[7]));
            ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, hh, hh}, new int[] {co, c, k, k}, null).geometry();
            Random r = new Random(1);
            float[] x = new float[g.imageSize()], w = new float[g.weightSize()];
            for (float[] t : new float[][] {x, w}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
            int oh = g.response()[1], ow = g.response()[2];
            int pw = ow + PhaseSplitConv.reach(k), down = PhaseSplitConv.reach(k);
            int bands = DepthwiseConv.ceilDiv(oh, Math.max(1, StemConv.BAND_COLUMNS / pw));
            int taps = c * k * k;
            int rows = oh / bands + 1;
            int ps = (rows + down) * pw, columns = (rows - 1) * pw + ow, sumStride = columns + 16, sums = c * 4 * ps;
            float[] work = new float[sums + co * sumStride + 64];
            int[] ts = new int[taps];
            for (int ci = 0; ci < c; ci++) for (int ky = 0; ky < k; ky++) for (int kx = 0; kx < k; kx++)
                ts[(ci * k + ky) * k + kx] = (ci * 4 + (ky & 1) * 2 + (kx & 1)) * ps + (ky >> 1) * pw + (kx >> 1);
            float[] out = new float[g.responseSize()];
            double full = best(reps, () -> stem.correlate(g, x, w));
            double kern = best(reps, () -> { for (int i = 0; i < n * bands; i++) ops.convLongColumns(work, ts, taps, w, 0, taps, co, work, sums, sumStride, columns); });
            double split = best(reps, () -> { for (int i = 0; i < n * bands; i++) ph.splitPhases(x, (i % n) * c * hh * hh, c, hh, hh, 2 * (i % bands) * rows - g.padLeft()[1], -g.padLeft()[2], rows + down, pw, work, 0, ps); });
            double copy = best(reps, () -> { for (int i = 0; i < n * bands; i++) for (int cc = 0; cc < co; cc++) for (int rr = 0; rr < rows && (i % bands) * rows + rr < oh; rr++) System.arraycopy(work, sums + cc * sumStride + rr * pw, out, ((i / bands) * co + cc) * oh * ow + ((i % bands) * rows + rr) * ow, ow); });
            double useful = 2.0 * n * co * oh * ow * taps / 1e6;
            System.out.printf(Locale.ROOT, "%s full %.3f (%.0f GF/s useful) kernel %.3f (%.0f GF/s computed) split %.3f copy %.3f  cols/kept %.3f%n", f[0], full, useful / full, kern,
                2.0 * n * bands * columns * co * taps / 1e6 / kern, split, copy, (double) bands * columns / (oh * ow));
        }
    }
}
