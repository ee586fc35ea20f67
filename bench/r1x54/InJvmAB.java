import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import java.lang.management.*;
import java.util.*;

/**
 * r1x54: an experiment's switch (a system property the library reads per call) A/B'd inside one JVM: per shape, both
 * sides warmed, then ROUNDS rounds of BATCH calls a side, off then on, each side's fastest call's thread CPU (one
 * thread) or the busiest thread's CPU (more threads). Both sides share the JIT state and the machine's load moment.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp JAR bench/r1x54/InJvmAB.java \
 *     PROP PASS THREADS ROUNDS BATCH id:N:Cin:HW:Cout:K:padding[:stride] ...
 * </pre>
 */
public class InJvmAB {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] a) {
        String prop = a[0], pass = a[1];
        int threads = Integer.parseInt(a[2]), rounds = Integer.parseInt(a[3]), batch = Integer.parseInt(a[4]);
        Parallel.setThreads(threads);
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (String s : Arrays.copyOfRange(a, 5, a.length)) {
                String[] f = s.split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]);
                int co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(f.length > 7 ? Integer.parseInt(f[7]) : 1);
                ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c, k, k}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()], w = new float[g.weightSize()], y = new float[g.responseSize()];
                for (float[] t : new float[][] {x, w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
                Runnable call = pass.equals("fwd") ? () -> d.correlate(g, x, w)
                        : pass.equals("scatter") ? () -> d.scatter(g, y, w) : () -> d.weightGradient(g, x, y);
                double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
                int[] hashes = new int[2];
                for (int side = 0; side < 2; side++) {
                    System.setProperty(prop, Boolean.toString(side == 1));
                    rec.reclaim();
                    hashes[side] = Arrays.hashCode(d.correlate(g, x, w)) * 31 + Arrays.hashCode(d.scatter(g, y, w));
                    for (int i = 0; i < 30; i++) { rec.reclaim(); call.run(); }
                }
                for (int round = 0; round < rounds; round++) {
                    for (int side = 0; side < 2; side++) {
                        System.setProperty(prop, Boolean.toString(side == 1));
                        for (int i = 0; i < batch; i++) {
                            rec.reclaim();
                            long[] ids = poolThreads(threads);
                            long[] t0 = cpu(ids);
                            call.run();
                            long[] t1 = cpu(ids);
                            long most = 0;
                            for (int t = 0; t < ids.length; t++) most = Math.max(most, t1[t] - t0[t]);
                            best[side] = Math.min(best[side], most / 1e6);
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%dt %-24s %s off %7.3f on %7.3f  off/on %.3fx  bits %s  load %s%n", threads,
                        f[0], pass, best[0], best[1], best[0] / best[1], hashes[0] == hashes[1] ? "same" : "DIFFER",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
    }

    static long[] poolThreads(int threads) {
        List<Long> ids = new ArrayList<>(List.of(Thread.currentThread().getId()));
        if (threads > 1) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("convkit-")) ids.add(t.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    static long[] cpu(long[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) out[i] = CPU.getThreadCpuTime(ids[i]);
        return out;
    }
}
