import dev.convkit.core.kernels.panama.PanamaVectorOps;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * pool28: the library's own maxRowPlaneStride2 on StemKernels' arrays (max3s2-stem, k3 s2 p1, N x 64 x 112²), thread CPU,
 * fastest of CALLS: whether PoolCpuTime's extra time over StemKernels is the kernel's code or its surroundings.
 * Usage: java --add-modules jdk.incubator.vector -cp JAR:DIR LibKernel N CALLS
 */
public class LibKernel {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        int calls = Integer.parseInt(a[1]);
        int h = 112, width = 112, planes = n * 64, count = 56, outH = 56;
        float[] in = new float[planes * h * width];
        Random r = new Random(1);
        for (int i = 0; i < in.length; i++) in[i] = (float) r.nextGaussian();
        float[] out = new float[planes * outH * count];
        int[] rows = new int[outH * 3];
        int[] counts = new int[outH];
        for (int t = 0; t < outH; t++) {
            int k = 0;
            for (int y = 2 * t - 1; y <= 2 * t + 1; y++) if (y >= 0 && y < h) rows[t * 3 + k++] = y * width;
            counts[t] = k;
        }
        float[] row = new float[width + 2 + 128];
        PanamaVectorOps ops = new PanamaVectorOps();
        var cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double best = 1e9;
        for (int c = 0; c < calls; c++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            for (int q = 0; q < planes; q++) {
                ops.maxRowPlaneStride2(in, q * h * width, rows, counts, 3, outH, width, -1, 3, count, row, out, q * outH * count);
            }
            best = Math.min(best, (cpu.getCurrentThreadCpuTime() - c0) / 1e6);
        }
        long hash = 0;
        for (float v : out) hash = hash * 31 + Float.floatToRawIntBits(v);
        System.out.printf("lib N=%d: %.3f ms  %.1f GB/s  hash %08x%n", n, best, 4.0 * (in.length + out.length) / best / 1e6, (int) hash);
    }
}
