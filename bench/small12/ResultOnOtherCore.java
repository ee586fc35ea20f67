import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import java.lang.management.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

/**
 * small12: what a forward pays when its recycled result was last written on the other core, as Parallel.forEach's
 * shared counter makes happen to about half of a first layer's response at two threads. The calling thread (pinned to
 * CPU 0 with taskset) runs each forward at one thread and then fills the result itself, or has a thread pinned to CPU
 * 1 fill it; the fastest and the median thread CPU time of the forward, 50 warm-up calls, then REPS. Public API only:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp convkit-cli/target/convkit.jar \
 *     bench/small12/ResultOnOtherCore.java REPS id:N:Cin:HW:Cout:K:padding ...
 * </pre>
 */
public class ResultOnOtherCore {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static void pin(int cpu) throws Exception {
        String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
        String tid = self.substring(self.lastIndexOf('/') + 1);
        new ProcessBuilder("taskset", "-p", "-c", "" + cpu, tid).inheritIO().redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
    public static void main(String[] a) throws Exception {
        Parallel.setThreads(1);
        int reps = Integer.parseInt(a[0]);
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        ExecutorService b = Executors.newSingleThreadExecutor();
        b.submit(() -> { pin(1); return null; }).get();
        pin(0);
        for (int s = 1; s < a.length; s++) {
            String[] f = a[s].split(":");
            int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
            ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(Integer.parseInt(f[6])), new int[] {n, c, h, h}, new int[] {co, c, k, k}, null).geometry();
            Random r = new Random(1);
            float[] x = new float[g.imageSize()], w = new float[g.weightSize()];
            for (float[] t : new float[][] {x, w}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
            Storage.Recycler rec = new Storage.Recycler();
            try (Storage.Scope scope = Storage.use(rec)) {
                for (int mode = 0; mode < 4; mode++) {
                    boolean touch = mode % 2 == 1;
                    long best = Long.MAX_VALUE; long[] all = new long[reps];
                    for (int i = 0; i < reps + 50; i++) {
                        rec.reclaim();
                        long t0 = CPU.getCurrentThreadCpuTime();
                        float[] out = d.correlate(g, x, w);
                        long t = CPU.getCurrentThreadCpuTime() - t0;
                        if (i >= 50) { best = Math.min(best, t); all[i - 50] = t; }
                        if (touch) b.submit(() -> Arrays.fill(out, 1f)).get();
                        else Arrays.fill(out, 1f);
                    }
                    Arrays.sort(all);
                    System.out.printf(Locale.ROOT, "%-16s %s best %.3f median %.3f ms%n", f[0], touch ? "other core wrote it" : "same core wrote it ", best / 1e6, all[reps / 2] / 1e6);
                }
            }
        }
        b.shutdown();
    }
}
