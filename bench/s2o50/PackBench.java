import java.lang.management.*;
import java.util.*;

/** Weight packing into MR = 8 strips, variants timed in one JVM (thread CPU, fastest of REPS): rows x k. */
public class PackBench {
    static final int MR = 8;
    static int mr = MR;
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    static void current(float[] m, int ld, int rows, int k, float[] p, int pOff) {
        int strips = (rows + mr - 1) / mr;
        for (int s = 0; s < strips; s++) {
            for (int i = 0; i < mr; i++) {
                int r = s * mr + i;
                int src = r * ld;
                int dst = pOff + s * k * mr + i;
                for (int kk = 0; kk < k; kk++) {
                    p[dst + kk * mr] = r < rows ? m[src + kk] : 0f;
                }
            }
        }
    }

    static void inner(float[] m, int ld, int rows, int k, float[] p, int pOff) {
        int strips = (rows + mr - 1) / mr;
        for (int s = 0; s < strips; s++) {
            int real = Math.min(mr, rows - s * mr);
            int src = s * mr * ld;
            int dst = pOff + s * k * mr;
            for (int kk = 0; kk < k; kk++, dst += mr) {
                for (int i = 0; i < real; i++) {
                    p[dst + i] = m[src + i * ld + kk];
                }
                for (int i = real; i < mr; i++) {
                    p[dst + i] = 0f;
                }
            }
        }
    }

    /** Four k columns at a time of a whole strip: 32 stores in order, rows read 4 along. */
    static void blocked(float[] m, int ld, int rows, int k, float[] p, int pOff) {
        int strips = (rows + mr - 1) / mr;
        for (int s = 0; s < strips; s++) {
            int real = Math.min(mr, rows - s * mr);
            int src = s * mr * ld;
            int dst = pOff + s * k * mr;
            if (real == 8 && mr == 8) {
                int r0 = src, r1 = src + ld, r2 = src + 2 * ld, r3 = src + 3 * ld, r4 = src + 4 * ld, r5 = src + 5 * ld,
                        r6 = src + 6 * ld, r7 = src + 7 * ld;
                for (int kk = 0; kk < k; kk++, dst += 8) {
                    p[dst] = m[r0 + kk];
                    p[dst + 1] = m[r1 + kk];
                    p[dst + 2] = m[r2 + kk];
                    p[dst + 3] = m[r3 + kk];
                    p[dst + 4] = m[r4 + kk];
                    p[dst + 5] = m[r5 + kk];
                    p[dst + 6] = m[r6 + kk];
                    p[dst + 7] = m[r7 + kk];
                }
                continue;
            }
            for (int kk = 0; kk < k; kk++, dst += mr) {
                for (int i = 0; i < real; i++) {
                    p[dst + i] = m[src + i * ld + kk];
                }
                for (int i = real; i < mr; i++) {
                    p[dst + i] = 0f;
                }
            }
        }
    }

    public static void main(String[] a) {
        int rows = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]), reps = Integer.parseInt(a[2]);
        float[] m = new float[rows * k];
        Random r = new Random(1);
        for (int i = 0; i < m.length; i++) m[i] = r.nextFloat();
        int strips = (rows + MR - 1) / MR;
        float[] p0 = new float[strips * MR * k], p1 = new float[p0.length], p2 = new float[p0.length];
        current(m, k, rows, k, p0, 0);
        inner(m, k, rows, k, p1, 0);
        blocked(m, k, rows, k, p2, 0);
        System.out.println("same: " + Arrays.equals(p0, p1) + " " + Arrays.equals(p0, p2));
        for (int round = 0; round < 3; round++) {
            for (int v = 0; v < 3; v++) {
                long best = Long.MAX_VALUE;
                for (int i = 0; i < reps; i++) {
                    long t0 = CPU.getCurrentThreadCpuTime();
                    if (v == 0) current(m, k, rows, k, p0, 0); else if (v == 1) inner(m, k, rows, k, p1, 0); else blocked(m, k, rows, k, p2, 0);
                    best = Math.min(best, CPU.getCurrentThreadCpuTime() - t0);
                }
                System.out.printf(Locale.ROOT, "%dx%d %s %.1f us%n", rows, k, v == 0 ? "current" : v == 1 ? "inner" : "blocked", best / 1e3);
            }
        }
    }
}
