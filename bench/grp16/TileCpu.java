import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import java.lang.reflect.*;
import java.util.*;

/**
 * grp16: one 3×3 stride-1 forward by a forced path (F(4×4), F(2×2) or the GEMM), whatever the dispatch picks, timed by
 * {@code ConvCpuTime.best} (one thread: the calling thread's CPU time; more: the wall clock; fastest of REPS after 20
 * warm-ups). The kernels' entry points are package-private, so they are reached by reflection, and the two files are
 * compiled together against the jar:
 *
 * <pre>
 * javac --add-modules jdk.incubator.vector -cp convkit-cli/target/convkit.jar -d /tmp/tilecpu bench/grp16/TileCpu.java bench/ConvCpuTime.java
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp /tmp/tilecpu:convkit-cli/target/convkit.jar \
 *     TileCpu THREADS REPS w4|w2|gemm id:N:Cin:HW:Cout:K:padding[:stride[:groups]]
 * </pre>
 * One JVM per shape and mode.
 */
public class TileCpu {
    public static void main(String[] a) throws ReflectiveOperationException {
        int threads = Integer.parseInt(a[0]), reps = Integer.parseInt(a[1]);
        String mode = a[2];
        Parallel.setThreads(threads);
        KernelProvider p = KernelProvider.panama();
        String[] f = a[3].split(":");
        int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
        int groups = f.length > 8 ? Integer.parseInt(f[8]) : 1;
        ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(f.length > 7 ? Integer.parseInt(f[7]) : 1).groups(groups);
        ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c / groups, k, k}, null).geometry();
        Random r = new Random(1);
        float[] x = new float[g.imageSize()], w = new float[g.weightSize()];
        for (float[] t : new float[][] {x, w}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
        Object engine;
        Method correlate;
        Object[] args;
        if (mode.equals("gemm")) {
            Constructor<?> make = Class.forName("dev.convkit.core.conv.FastConv").getDeclaredConstructor(MicroKernel.class);
            make.setAccessible(true);
            engine = make.newInstance(p.microKernel());
            correlate = ConvEngine.class.getMethod("correlate", ConvGeometry.class, float[].class, float[].class);
            args = new Object[] {g, x, w};
        } else {
            Class<?> wino = Class.forName("dev.convkit.core.conv.WinogradConv");
            Class<?> tile = Class.forName("dev.convkit.core.conv.WinogradConv$Tile");
            Constructor<?> make = wino.getDeclaredConstructor(MicroKernel.class, VectorOps.class);
            make.setAccessible(true);
            engine = make.newInstance(p.microKernel(), p.vectorOps());
            correlate = wino.getDeclaredMethod("correlate", ConvGeometry.class, float[].class, float[].class, tile);
            correlate.setAccessible(true);
            String name = mode.equals("w4") ? "F4" : "F2";
            args = new Object[] {g, x, w, Arrays.stream(tile.getEnumConstants()).filter(t -> t.toString().equals(name))
                    .findFirst().orElseThrow()};
        }
        Runnable call = () -> {
            try {
                correlate.invoke(engine, args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            System.out.printf(Locale.ROOT, "%dt %-14s %-4s %7.3f  (dispatch tile %d)%n", threads, f[0], mode,
                    ConvCpuTime.best(threads, reps, rec, call), ConvDispatch.winogradTile(g));
        }
    }
}
