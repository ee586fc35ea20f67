import dev.convkit.core.conv.Conv;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The bench command's conv loop (forward then backward per shape, in the given order, in one JVM, through the public
 * Conv API with recycled result arrays), timed in the calling thread's CPU instead of the wall clock, so that a
 * loaded host reads the code: each direction warms up for WARM seconds of thread CPU (at least 2 calls), then
 * MEASURE seconds of thread CPU (at least 5 calls) are timed; prints the fastest and the median call.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp convkit.jar bench/jit53/MixCpu.java \
 *     THREADS WARM MEASURE id:N:Cin:HW:Cout:K:padding[:stride[:groups]] ...
 * </pre>
 * At more than one thread the figures are the caller's CPU only (its share of the work, plus waiting spins).
 */
public class MixCpu {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] a) {
        int threads = Integer.parseInt(a[0]);
        double warm = Double.parseDouble(a[1]), measure = Double.parseDouble(a[2]);
        Parallel.setThreads(threads);
        for (String s : Arrays.copyOfRange(a, 3, a.length)) {
            String[] f = s.split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]),
                    k = Integer.parseInt(f[5]);
            int groups = f.length > 8 ? Integer.parseInt(f[8]) : 1;
            ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(f.length > 7 ? Integer.parseInt(f[7]) : 1)
                    .groups(groups);
            Random r = new Random(f[0].hashCode());
            Tensor x = random(r, n, c, h, h), w = random(r, co, c / groups, k, k);
            Tensor y = Conv.forward(x, w, null, o);
            Tensor gy = random(r, y.shape());
            double[] fwd = time(() -> Conv.forward(x, w, null, o), warm, measure);
            double[] bwd = time(() -> Conv.backward(x, w, Conv.Bias.ABSENT, gy, o), warm, measure);
            System.out.printf(Locale.ROOT, "%dt %-18s fwd min %8.3f med %8.3f  bwd min %8.3f med %8.3f  (%d/%d calls)%n", threads, f[0],
                    fwd[0], fwd[1], bwd[0], bwd[1], (int) fwd[2], (int) bwd[2]);
        }
    }

    static double[] time(Runnable call, double warm, double measure) {
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            long start = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < 2 || CPU.getCurrentThreadCpuTime() - start < warm * 1e9; i++) {
                rec.reclaim();
                call.run();
            }
            double[] t = new double[100_000];
            int count = 0;
            start = CPU.getCurrentThreadCpuTime();
            while (count < 5 || (CPU.getCurrentThreadCpuTime() - start < measure * 1e9 && count < t.length)) {
                rec.reclaim();
                long t0 = CPU.getCurrentThreadCpuTime();
                call.run();
                t[count++] = (CPU.getCurrentThreadCpuTime() - t0) / 1e6;
            }
            double[] s = Arrays.copyOf(t, count);
            Arrays.sort(s);
            return new double[] {s[0], s[count / 2], count};
        }
    }

    static Tensor random(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat() * 2 - 1;
        return t;
    }
}
