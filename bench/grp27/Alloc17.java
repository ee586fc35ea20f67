import dev.convkit.core.kernels.*;

/** grp27: kB each of convGroupLanes (13 positions, k = 144) and transposeTile (169 × 16) allocate per call, for JDK 17's boxing. */
public class Alloc17 {
    public static void main(String[] a) {
        VectorOps ops = KernelProvider.panama().vectorOps();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        float[] x = new float[16 * 225 + 64], w = new float[144 * 16], out = new float[169 * 16], planes = new float[16 * 169];
        int[] taps = new int[144];
        for (int i = 0; i < 144; i++) taps[i] = i / 9 * 225 + i % 9 / 3 * 15 + i % 3;
        for (int n = 1; n <= 14; n++) {
            final int p = n;
            for (int i = 0; i < 20000; i++) ops.convGroupLanes(x, 0, p, taps, 0, 144, w, 0, 16, out, 0, false);
            long b0 = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1000; i++) ops.convGroupLanes(x, 0, p, taps, 0, 144, w, 0, 16, out, 0, false);
            System.out.printf("positions %d: %.2f kB a call%n", p, (mx.getCurrentThreadAllocatedBytes() - b0) / 1e3 / 1000);
        }
        for (int i = 0; i < 20000; i++) ops.transposeTile(out, 16, 169, 16, planes, 0, 169);
        long b0 = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) ops.transposeTile(out, 16, 169, 16, planes, 0, 169);
        System.out.printf("transposeTile: %.2f kB a call%n", (mx.getCurrentThreadAllocatedBytes() - b0) / 1e3 / 1000);
    }
}
