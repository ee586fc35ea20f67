import dev.convkit.core.pool.MaxPool;
import dev.convkit.core.pool.PoolForward;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.tensor.Tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Where the training step's 2×2 max pool (with indices) loses its 0.3-0.5 ms against the kernel alone (tr52): the same
 * forward (MaxPool.run, the op the step calls, outputs from a Storage recycler as the step's arena) on one input re-read
 * every call (PoolCpuTime's case: in cache), against a rotation of INPUTS inputs (40+ MB together: each call reads its
 * input from memory, as the step reads what batch norm + ReLU wrote a layer earlier and other layers evicted since),
 * and the rotation with a 48 MB sweep between calls (cold outputs too). Thread CPU, fastest and median of CALLS calls.
 * Usage: java --add-modules jdk.incubator.vector -cp JAR:DIR PoolGap N C HW [CALLS] [INPUTS]
 */
public class PoolGap {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), hw = Integer.parseInt(a[2]);
        int calls = a.length > 3 ? Integer.parseInt(a[3]) : 200;
        int inputs = a.length > 4 ? Integer.parseInt(a[4]) : 8;
        Storage.use(new Storage.Recycler());
        SplittableRandom random = new SplittableRandom(1);
        Tensor[] x = new Tensor[inputs];
        for (int i = 0; i < inputs; i++) {
            float[] d = new float[n * c * hw * hw];
            for (int j = 0; j < d.length; j++) {
                d[j] = (float) random.nextGaussian();
            }
            x[i] = Tensor.wrap(d, n, c, hw, hw);
        }
        float[] sweep = new float[12 << 20];
        PoolOptions options = PoolOptions.pool2d(2);
        for (String mode : new String[] {"cached", "rotated", "rotated+sweep", "cached", "rotated", "rotated+sweep"}) {
            long[] t = new long[calls];
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            float sink = 0;
            for (int k = 0; k < calls; k++) {
                Tensor in = mode.equals("cached") ? x[0] : x[k % inputs];
                if (mode.endsWith("sweep")) {
                    for (int j = 0; j < sweep.length; j += 16) {
                        sweep[j] += 1;
                    }
                }
                long t0 = mx.getCurrentThreadCpuTime();
                PoolForward f = MaxPool.run(in, options);
                t[k] = mx.getCurrentThreadCpuTime() - t0;
                sink += f.output().data()[k % 7];
            }
            Arrays.sort(t);
            System.out.printf("%dx%dx%d² 2x2 s2 with indices, %-14s fastest %.3f ms, p10 %.3f, p25 %.3f, median %.3f ms (%s)%n",
                    n, c, hw, mode, t[0] / 1e6, t[calls / 10] / 1e6, t[calls / 4] / 1e6, t[calls / 2] / 1e6,
                    sink == 12345 ? "" : "ok");
        }
    }
}
