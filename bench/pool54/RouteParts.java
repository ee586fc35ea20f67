import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;

/**
 * pool54: max3s2-stem's backward scatter (PoolBackwardKernels.route's loop: each plane cleared, then
 * grad[base + idx[o]] += g[o]) on plain arrays, no Parallel, no plan. The indices are a k3 s2 p1 max pool's
 * (first of ties) over random planes of N x 64 x 112². Each call splits the planes into THREADS contiguous parts, one
 * plain thread each (part 0 on the main thread), started together by a barrier; each part's thread CPU is taken
 * around its own planes only. Prints the fastest call's CPU of each part, ns a plane, and the fastest wall of a call.
 * MODE halves: contiguous parts (as Parallel's caller-from-first / worker-from-last split ends up);
 * MODE alternate: part t takes planes t, t + THREADS, ... (planes of both threads side by side in memory).
 * Usage: java -cp DIR RouteParts N THREADS CALLS [halves|alternate]
 */
public class RouteParts {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        int threads = Integer.parseInt(a[1]);
        int calls = Integer.parseInt(a[2]);
        boolean alternate = a.length > 3 && a[3].equals("alternate");
        int size = 112, out = 56, planes = n * 64, inPlane = size * size, outPlane = out * out;
        Random r = new Random(1);
        float[] x = new float[inPlane];
        int[] idx = new int[planes * outPlane];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < inPlane; i++) x[i] = (float) r.nextGaussian();
            for (int oy = 0; oy < out; oy++) {
                for (int ox = 0; ox < out; ox++) {
                    int best = -1;
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            int y = 2 * oy - 1 + ky, c = 2 * ox - 1 + kx;
                            if (y < 0 || c < 0 || y >= size || c >= size) continue;
                            if (best < 0 || x[y * size + c] > x[best]) best = y * size + c;
                        }
                    }
                    idx[p * outPlane + oy * out + ox] = best;
                }
            }
        }
        float[] g = new float[planes * outPlane];
        for (int i = 0; i < g.length; i++) g[i] = (float) r.nextGaussian();
        float[] grad = new float[planes * inPlane];
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] best = new long[threads];
        Arrays.fill(best, Long.MAX_VALUE);
        long bestWall = Long.MAX_VALUE;
        long[] cpu = new long[threads];
        CyclicBarrier start = new CyclicBarrier(threads), end = new CyclicBarrier(threads);
        Thread[] helpers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++) {
            int part = t;
            helpers[t - 1] = new Thread(() -> {
                try {
                    for (int c = 0; c < calls; c++) {
                        start.await();
                        long c0 = mx.getCurrentThreadCpuTime();
                        run(part, threads, alternate, planes, inPlane, outPlane, idx, g, grad);
                        cpu[part] = mx.getCurrentThreadCpuTime() - c0;
                        end.await();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            helpers[t - 1].start();
        }
        for (int c = 0; c < calls; c++) {
            start.await();
            long w0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            run(0, threads, alternate, planes, inPlane, outPlane, idx, g, grad);
            cpu[0] = mx.getCurrentThreadCpuTime() - c0;
            end.await();
            bestWall = Math.min(bestWall, System.nanoTime() - w0);
            for (int t = 0; t < threads; t++) best[t] = Math.min(best[t], cpu[t]);
        }
        for (Thread h : helpers) h.join();
        double h = 0;
        for (float v : grad) h += v;
        StringBuilder sb = new StringBuilder(String.format("route N=%d T=%d %s:", n, threads, alternate ? "alternate" : "halves"));
        for (int t = 0; t < threads; t++) {
            int mine = alternate ? (planes - t + threads - 1) / threads : (planes * (t + 1)) / threads - (planes * t) / threads;
            sb.append(String.format(" part%d %.3f ms (%.2f us a plane)", t, best[t] / 1e6, best[t] / 1e3 / mine));
        }
        sb.append(String.format(" wall %.3f ms (check %.1f)", bestWall / 1e6, h));
        System.out.println(sb);
    }

    private static void run(int part, int threads, boolean alternate, int planes, int inPlane, int outPlane, int[] idx,
                            float[] g, float[] grad) {
        int from = alternate ? part : (planes * part) / threads;
        int to = alternate ? planes : (planes * (part + 1)) / threads;
        int step = alternate ? threads : 1;
        for (int p = from; p < to; p += step) {
            int inBase = p * inPlane;
            Arrays.fill(grad, inBase, inBase + inPlane, 0f);
            for (int o = p * outPlane, e = o + outPlane; o < e; o++) {
                grad[inBase + idx[o]] += g[o];
            }
        }
    }
}
