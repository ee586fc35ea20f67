import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import java.lang.management.*;
import java.util.*;
import dev.convkit.core.tensor.Storage;

/** small6: best thread-CPU ms (1 thread) and best wall ms (given threads) of single forward calls. */
public class FirstLayerForwardCpu {
    public static void main(String[] a) {
        int threads = Integer.parseInt(a[0]);
        int[][] shapes = { // N Cin H W Cout K pad
            {64, 6, 14, 14, 16, 5, 0}, {32, 6, 15, 15, 16, 5, 0}, {8, 3, 33, 33, 24, 5, 2},
            {8, 3, 57, 57, 16, 3, 1}, {64, 1, 28, 28, 32, 3, 1}, {64, 1, 28, 28, 6, 5, 2}};
        String[] names = {"lenet-c2", "lenet-odd-15", "first-c3-5x5-33", "first-c3-57", "first-c1-28", "lenet-c1"};
        Parallel.setThreads(threads);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), ConvDispatch.DEFAULT_SMALL_MACS);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shapes.length; i++) {
            int[] s = shapes[i];
            ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(s[6]), new int[] {s[0], s[1], s[2], s[3]},
                    new int[] {s[4], s[1], s[5], s[5]}, null).geometry();
            Random r = new Random(1);
            float[] x = new float[g.imageSize()], w = new float[g.weightSize()];
            for (int k = 0; k < x.length; k++) x[k] = r.nextFloat() - 0.5f;
            for (int k = 0; k < w.length; k++) w[k] = r.nextFloat() - 0.5f;
            long bestCpu = Long.MAX_VALUE, bestWall = Long.MAX_VALUE;
            long end = System.nanoTime() + 2_500_000_000L;
            int calls = 0;
            Storage.Recycler recycler = new Storage.Recycler();
            try (Storage.Scope scope = Storage.use(recycler)) {
            while (System.nanoTime() < end || calls < 200) {
                recycler.reclaim();
                long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                d.correlate(g, x, w);
                long w1 = System.nanoTime(), c1 = mx.getCurrentThreadCpuTime();
                if (calls++ > 100) { bestCpu = Math.min(bestCpu, c1 - c0); bestWall = Math.min(bestWall, w1 - w0); }
            }
            }
            sb.append(String.format("%-16s %-13s cpu %.4f ms  wall %.4f ms%n", names[i], d.path(g, ConvDispatch.Pass.CORRELATE),
                    bestCpu / 1e6, bestWall / 1e6));
        }
        System.out.print(sb);
    }
}
