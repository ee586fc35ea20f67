import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import java.lang.management.*;
import java.lang.reflect.*;
import java.util.*;

/**
 * s2b60: the stride-2 packed weight gradient's two forms (PhaseSplitWeightGradient.weightGradientTapRows and
 * weightGradientTapsGathered, package-private, called by reflection on any jar), alternating call by call in one JVM
 * so both share the JIT's code and the machine's moment. One thread: each call's thread CPU; more: its wall clock and
 * the CPU summed over all threads. Per form the fastest and the median of ROUNDS calls after 30 warm-ups a form, and
 * whether the two forms' results are equal bit for bit.
 * java --add-modules jdk.incubator.vector -cp convkit.jar bench/s2b60/WgradPaths.java THREADS ROUNDS SHAPES...
 * (shape: id:N:Cin:HW:Cout:K:padding:stride). SIDES=rows,gathered (default) or e.g. rows:256,rows:128: the form, and
 * the value of an experiment jar's static int PhaseSplitWeightGradient.S2B60_BLOCK_COLUMNS set by reflection before
 * each call (one-thread column blocks of about that many columns; not in main). The ratio column: side 2 / side 1.
 */
public class WgradPaths {
    public static void main(String[] a) throws Exception {
        int threads = Integer.parseInt(a[0]);
        int rounds = Integer.parseInt(a[1]);
        Parallel.setThreads(threads);
        KernelProvider p = KernelProvider.panama();
        Class<?> cls = Class.forName("dev.convkit.core.conv.PhaseSplitWeightGradient");
        Constructor<?> ctor = cls.getDeclaredConstructor(MicroKernel.class, VectorOps.class);
        ctor.setAccessible(true);
        Object wg = ctor.newInstance(p.microKernel(), p.vectorOps());
        String[] sides = System.getenv().getOrDefault("SIDES", "rows,gathered").split(",");
        int nSides = sides.length;
        Method[] forms = new Method[nSides];
        int[] blockColumns = new int[nSides];
        Field blockField = null;
        for (int i = 0; i < nSides; i++) {
            String[] sv = sides[i].split(":");
            String name = sv[0].equals("rows") ? "weightGradientTapRows" : sv[0].equals("gathered")
                    ? "weightGradientTapsGathered" : "weightGradientPacked";
            forms[i] = cls.getDeclaredMethod(name, ConvGeometry.class, float[].class, float[].class);
            forms[i].setAccessible(true);
            blockColumns[i] = sv.length > 1 ? Integer.parseInt(sv[1]) : -1;
            if (blockColumns[i] > 0 && blockField == null) {
                blockField = cls.getDeclaredField("S2B60_BLOCK_COLUMNS");
                blockField.setAccessible(true);
            }
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (String s : Arrays.copyOfRange(a, 2, a.length)) {
                String[] f = s.split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(Integer.parseInt(f[7]));
                ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c, k, k}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()], y = new float[g.responseSize()];
                for (float[] t : new float[][] {x, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
                double[][] wall = new double[nSides][rounds];
                double[][] sum = new double[nSides][rounds];
                float[][] last = new float[nSides][];
                for (int i = -30; i < rounds; i++) {
                    for (int side = 0; side < nSides; side++) {
                        int form = (i & 1) == 0 ? side : nSides - 1 - side; // the order flips every round
                        if (blockColumns[form] > 0) {
                            blockField.setInt(null, blockColumns[form]);
                        }
                        rec.reclaim();
                        long c0 = threads == 1 ? cpu.getCurrentThreadCpuTime() : allCpu(cpu);
                        long w0 = System.nanoTime();
                        float[] out = (float[]) forms[form].invoke(wg, g, x, y);
                        long w1 = System.nanoTime();
                        long c1 = threads == 1 ? cpu.getCurrentThreadCpuTime() : allCpu(cpu);
                        if (i >= 0) {
                            wall[form][i] = (w1 - w0) / 1e6;
                            sum[form][i] = (c1 - c0) / 1e6;
                        }
                        if (i == rounds - 1) last[form] = out.clone();
                    }
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%dt %-16s", threads, f[0]));
                boolean same = true;
                for (int side = 0; side < nSides; side++) {
                    Arrays.sort(wall[side]);
                    Arrays.sort(sum[side]);
                    same &= Arrays.equals(last[0], last[side]);
                    line.append(String.format(Locale.ROOT, " | %s cpu %.3f/%.3f wall %.3f", sides[side], sum[side][0],
                            sum[side][rounds / 2], wall[side][rounds / 2]));
                }
                line.append(String.format(Locale.ROOT, " | side2/side1 cpu median %.3fx fastest %.3fx | %s",
                        sum[1][rounds / 2] / sum[0][rounds / 2], sum[1][0] / sum[0][0], same ? "same bits" : "BITS DIFFER"));
                System.out.println(line);
            }
        }
    }

    private static long allCpu(ThreadMXBean cpu) {
        long t = 0;
        for (long id : cpu.getAllThreadIds()) {
            long v = cpu.getThreadCpuTime(id);
            if (v > 0) t += v;
        }
        return t;
    }
}
