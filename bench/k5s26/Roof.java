import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.MicroKernel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * k5s26: this host's fp32 FMA roof on one thread, in thread CPU time: independent FMA chains on 512- and
 * 256-bit vectors, the GEMM micro-kernel with its operands in L1, and the micro-kernel over a 1024^3 GEMM
 * on packed panels (kc 256). Usage: java --add-modules jdk.incubator.vector -cp JAR bench/k5s26/Roof.java [rounds]
 */
public class Roof {
    static final ThreadMXBean TM = ManagementFactory.getThreadMXBean();
    static final VectorSpecies<Float> S512 = FloatVector.SPECIES_512;
    static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;
    static float sink;

    static long fma512(long n) {
        FloatVector m = FloatVector.broadcast(S512, 0.999999f), c = FloatVector.broadcast(S512, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S512, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0,
                a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < n; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        sink += a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
        return n * 12L * 16 * 2;
    }

    static long fma256(long n) {
        FloatVector m = FloatVector.broadcast(S256, 0.999999f), c = FloatVector.broadcast(S256, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S256, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0,
                a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < n; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        sink += a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
        return n * 12L * 8 * 2;
    }

    interface Body { long run(); }

    static double gflops(String name, int rounds, Body body) {
        for (int i = 0; i < 5; i++) body.run();
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = TM.getCurrentThreadCpuTime();
            long f = body.run();
            long t1 = TM.getCurrentThreadCpuTime();
            best = Math.max(best, f / ((t1 - t0) / 1e9) / 1e9);
        }
        System.out.printf("%-34s %7.1f GFLOP/s (thread CPU, best of %d)%n", name, best, rounds);
        return best;
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        // compile the loops as methods first (not OSR)
        for (int i = 0; i < 20000; i++) { fma512(64); fma256(64); }
        gflops("fma 12 chains x 512-bit", rounds, () -> fma512(20_000_000));
        gflops("fma 12 chains x 256-bit", rounds, () -> fma256(20_000_000));

        MicroKernel mk = KernelProvider.panama().microKernel();
        int mr = mk.mr(), nr = mk.nr();
        int kc = 256;
        // L1: one A strip (8 kB) and one B strip (32 kB at kc 256; 16 kB at kc 128)
        for (int kcl : new int[] {128, 256}) {
            float[] a = new float[kcl * mr], b = new float[kcl * nr], c = new float[mr * nr];
            java.util.Arrays.fill(a, 0.5f); java.util.Arrays.fill(b, 0.25f);
            for (int i = 0; i < 20000; i++) mk.multiply(kcl, a, 0, b, 0, c, 0, nr, false);
            final int k = kcl;
            gflops("micro-kernel in L1, kc " + kcl, rounds, () -> {
                for (int i = 0; i < 20000; i++) mk.multiply(k, a, 0, b, 0, c, 0, nr, i > 0);
                return 20000L * 2 * k * mr * nr;
            });
        }
        // 1024^3 on packed panels: for each kc block, for each B strip (kc x nr, L1), all A strips (kc x mr, L2)
        int n = 1024;
        float[] ap = new float[n * n], bp = new float[n * n], cc = new float[n * n];
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < ap.length; i++) { ap[i] = rnd.nextFloat(); bp[i] = rnd.nextFloat(); }
        gflops("micro-kernel 1024^3 GEMM, kc 256", Math.max(3, rounds / 3), () -> {
            for (int k0 = 0; k0 < n; k0 += kc) {
                for (int j = 0; j < n; j += nr) {
                    int bOff = k0 * n + j * kc;
                    for (int i = 0; i < n; i += mr) {
                        mk.multiply(kc, ap, k0 * n + i * kc, bp, bOff, cc, i * n + j, n, k0 > 0);
                    }
                }
            }
            return 2L * n * n * n;
        });
        // the same with A strips in the inner loop swapped: each A strip (L1) against all B strips (L2)
        gflops("micro-kernel 1024^3, B streamed", Math.max(3, rounds / 3), () -> {
            for (int k0 = 0; k0 < n; k0 += kc) {
                for (int i = 0; i < n; i += mr) {
                    int aOff = k0 * n + i * kc;
                    for (int j = 0; j < n; j += nr) {
                        mk.multiply(kc, ap, aOff, bp, k0 * n + j * kc, cc, i * n + j, n, k0 > 0);
                    }
                }
            }
            return 2L * n * n * n;
        });
        if (sink == 42) System.out.print("");
    }
}
