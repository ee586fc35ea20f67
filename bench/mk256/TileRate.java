import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.MicroKernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Random;

/**
 * mk256: the Panama tile's two structures side by side in one JVM, L1-resident operands, calling thread's CPU time:
 * the whole 8-row tile in one loop (storeTile / packedTile, main's) against two passes of 4 rows (storeRows4 /
 * packedRows4), for C = A·B (multiply storing) and for one run of accumulating steps (packedRun's body, kc <= 48
 * a call as multiplyAdd calls it). Rounds alternate; GFLOP/s of the fastest round of CALLS calls.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp JAR bench/mk256/TileRate.java ROUNDS CALLS KC...
 * </pre>
 */
public class TileRate {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static final MethodHandle STORE_TILE = handle("storeTile", int.class, float[].class, int.class, float[].class, int.class,
            float[].class, int.class, int.class);
    static final MethodHandle STORE_ROWS4 = handle("storeRows4", int.class, float[].class, int.class, float[].class, int.class,
            float[].class, int.class, int.class);
    static final MethodHandle PACKED_TILE = handle("packedTile", int.class, float[].class, int.class, float[].class, int.class,
            float[].class);
    static final MethodHandle PACKED_ROWS4 = handle("packedRows4", int.class, float[].class, int.class, float[].class,
            int.class, float[].class, int.class);

    static MethodHandle handle(String name, Class<?>... types) {
        try {
            Method m = Class.forName("dev.convkit.core.kernels.panama.PanamaMicroKernel").getDeclaredMethod(name, types);
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static void storeTile(int kc, float[] a, float[] b, float[] c, int ldc) throws Throwable {
        STORE_TILE.invokeExact(kc, a, 0, b, 0, c, 0, ldc);
    }

    static void storeHalves(int kc, float[] a, float[] b, float[] c, int ldc) throws Throwable {
        STORE_ROWS4.invokeExact(kc, a, 0, b, 0, c, 0, ldc);
        STORE_ROWS4.invokeExact(kc, a, 4, b, 0, c, 4 * ldc, ldc);
    }

    static void runTile(int kc, float[] a, float[] b, float[] acc, int run) throws Throwable {
        for (int k0 = 0; k0 < kc; k0 += run) {
            PACKED_TILE.invokeExact(Math.min(run, kc - k0), a, k0 * 8, b, k0 * 16, acc);
        }
    }

    static void runHalves(int kc, float[] a, float[] b, float[] acc, int run, int lanes) throws Throwable {
        for (int k0 = 0; k0 < kc; k0 += run) {
            int n = Math.min(run, kc - k0);
            PACKED_ROWS4.invokeExact(n, a, k0 * 8, b, k0 * 2 * lanes, acc, 0);
            PACKED_ROWS4.invokeExact(n, a, k0 * 8 + 4, b, k0 * 2 * lanes, acc, 8 * lanes);
        }
    }

    public static void main(String[] args) throws Throwable {
        int rounds = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        MicroKernel micro = KernelProvider.panama().microKernel();
        int mr = micro.mr();
        int nr = micro.nr();
        int lanes = nr / 2;
        System.out.printf(Locale.ROOT, "tile %d x %d%n", mr, nr);
        Random r = new Random(256);
        for (int ai = 2; ai < args.length; ai++) {
            int kc = Integer.parseInt(args[ai]);
            float[] a = new float[mr * kc];
            float[] b = new float[nr * kc];
            float[] c = new float[mr * (nr + 16)];
            float[] acc = new float[mr * nr];
            for (float[] t : new float[][] {a, b}) {
                for (int i = 0; i < t.length; i++) {
                    t[i] = (float) r.nextGaussian() * 1e-3f;
                }
            }
            int ldc = nr + 16;
            double flops = 2.0 * mr * nr * kc * calls;
            double[] best = new double[5];
            for (int round = 0; round < rounds; round++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    storeTile(kc, a, b, c, ldc);
                }
                long t1 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    storeHalves(kc, a, b, c, ldc);
                }
                long t2 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    runTile(kc, a, b, acc, 48);
                }
                long t3 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    runHalves(kc, a, b, acc, 48, lanes);
                }
                long t4 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    micro.multiply(kc, a, 0, b, 0, c, 0, ldc, false);
                }
                long t5 = CPU.getCurrentThreadCpuTime();
                best[0] = Math.max(best[0], flops / (t1 - t0));
                best[1] = Math.max(best[1], flops / (t2 - t1));
                best[2] = Math.max(best[2], flops / (t3 - t2));
                best[3] = Math.max(best[3], flops / (t4 - t3));
                best[4] = Math.max(best[4], flops / (t5 - t4));
            }
            System.out.printf(Locale.ROOT, "kc %4d  store: tile %6.1f  rows4x2 %6.1f  |  runs of 48: tile %6.1f  rows4x2 %6.1f"
                    + "  |  multiply() %6.1f GFLOP/s  (c[0] %g acc[0] %g)%n",
                    kc, best[0], best[1], best[2], best[3], best[4], c[0], acc[0]);
        }
    }
}
