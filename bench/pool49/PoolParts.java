import dev.convkit.core.kernels.panama.PanamaVectorOps;
import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;

/**
 * pool49: where two pool forwards' time goes, the library's own kernels (main's jar) on plain arrays, no Parallel, no
 * plan, no result allocation. Each call splits the planes into THREADS contiguous parts, one plain thread each (part 0
 * on the main thread), started together by a barrier; each part's thread CPU is taken around its own planes only.
 * Prints the fastest call's CPU of each part, ns a plane, and the fastest wall time of a call.
 * <pre>
 *   global PLANES THREADS CALLS   ops.planeMeans on PLANES planes of 7x7 (adaptive-avg: 16384 = 8 x 2048)
 *   stem   N      THREADS CALLS   ops.maxRowPlaneStride2 on N x 64 planes of 112x112, k3 s2 p1 (max3s2-stem: N = 8)
 * </pre>
 * Usage: java --add-modules jdk.incubator.vector -cp JAR:DIR PoolParts KIND SIZE THREADS CALLS
 */
public class PoolParts {
    interface Part {
        void run(int from, int to);
    }

    public static void main(String[] a) throws Exception {
        String kind = a[0];
        int size = Integer.parseInt(a[1]);
        int threads = Integer.parseInt(a[2]);
        int calls = Integer.parseInt(a[3]);
        PanamaVectorOps ops = new PanamaVectorOps();
        Random r = new Random(1);
        int planes;
        long bytes;
        Part part;
        float[] out;
        if (kind.equals("global")) {
            planes = size;
            int n = 49;
            float[] in = new float[planes * n];
            for (int i = 0; i < in.length; i++) in[i] = (float) r.nextGaussian();
            out = new float[planes];
            bytes = 4L * (in.length + out.length);
            float[] o = out;
            part = (from, to) -> ops.planeMeans(in, from * n, n, to - from, n, o, from);
        } else {
            planes = size * 64;
            int h = 112, width = 112, count = 56, outH = 56;
            float[] in = new float[planes * h * width];
            for (int i = 0; i < in.length; i++) in[i] = (float) r.nextGaussian();
            out = new float[planes * outH * count];
            bytes = 4L * (in.length + out.length);
            int[] rows = new int[outH * 3];
            int[] counts = new int[outH];
            for (int t = 0; t < outH; t++) {
                int k = 0;
                for (int y = 2 * t - 1; y <= 2 * t + 1; y++) if (y >= 0 && y < h) rows[t * 3 + k++] = y * width;
                counts[t] = k;
            }
            float[] o = out;
            ThreadLocal<float[]> work = ThreadLocal.withInitial(() -> new float[width + 2 + 128]);
            part = (from, to) -> {
                float[] row = work.get();
                for (int q = from; q < to; q++) {
                    ops.maxRowPlaneStride2(in, q * h * width, rows, counts, 3, outH, width, -1, 3, count, row, o,
                            q * outH * count);
                }
            };
        }
        var cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] best = new double[threads];
        java.util.Arrays.fill(best, 1e9);
        double[] last = new double[threads];
        CyclicBarrier start = new CyclicBarrier(threads);
        CyclicBarrier end = new CyclicBarrier(threads);
        Runnable[] bodies = new Runnable[threads];
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) planes * t / threads);
            int to = (int) ((long) planes * (t + 1) / threads);
            int id = t;
            bodies[t] = () -> {
                long c0 = cpu.getCurrentThreadCpuTime();
                part.run(from, to);
                last[id] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
            };
        }
        for (int t = 1; t < threads; t++) {
            Runnable body = bodies[t];
            Thread helper = new Thread(() -> {
                try {
                    for (int c = 0; c < calls; c++) {
                        start.await();
                        body.run();
                        end.await();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            helper.setDaemon(true);
            helper.start();
        }
        double bestWall = 1e9;
        for (int c = 0; c < calls; c++) {
            if (threads > 1) start.await();
            long w0 = System.nanoTime();
            bodies[0].run();
            if (threads > 1) end.await();
            bestWall = Math.min(bestWall, (System.nanoTime() - w0) / 1e6);
            for (int t = 0; t < threads; t++) best[t] = Math.min(best[t], last[t]);
        }
        int hash = 1;
        for (float v : out) hash = 31 * hash + Float.floatToRawIntBits(v);
        StringBuilder parts = new StringBuilder();
        for (int t = 0; t < threads; t++) {
            int share = (int) ((long) planes * (t + 1) / threads) - (int) ((long) planes * t / threads);
            parts.append(String.format(" part%d %.4f ms (%.1f ns/plane)", t, best[t], best[t] * 1e6 / share));
        }
        System.out.printf("%s size %d threads %d: wall %.4f ms (%.1f GB/s)%s bits %08x%n", kind, size, threads, bestWall,
                bytes / bestWall / 1e6, parts, hash);
    }
}
