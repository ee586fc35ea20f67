import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.Arena;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Module;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.optim.Optimizer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Thread CPU time of a cnn2 training step, per stage (forward, backward), the loss and Adam, as
 * `convkit bench --train` splits it but by ThreadMXBean instead of the wall clock (the machine is shared):
 * "caller" is the calling thread's CPU, "all" adds the kernel pool's threads (convkit-*; their spin
 * included). Runs on any convkit jar of this layout, so before and after can alternate.
 *
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp JAR bench/train25/StepCpu.java T WARMUP STEPS
 */
public final class StepCpu {
    static final java.lang.management.ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    static long[] poolIds() {
        return Arrays.stream(MX.dumpAllThreads(false, false)).filter(t -> t.getThreadName().startsWith("convkit-"))
                .mapToLong(ThreadInfo::getThreadId).toArray();
    }

    static long[] pool = new long[0];

    static long poolCpu() {
        long s = 0;
        for (long id : pool) s += Math.max(0, MX.getThreadCpuTime(id));
        return s;
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        int batch = 64;
        Parallel.setThreads(threads);
        SplittableRandom random = new SplittableRandom(7);
        int count = batch * 4;
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) random.nextInt(256);
        for (int i = 0; i < count; i++) labels[i] = (byte) random.nextInt(10);
        Dataset data = new Dataset(pixels, labels, count, 28, 28);
        Sequential model = Architecture.build(Architecture.model("cnn2"), 1);
        model.train();
        Optimizer opt = Optimizer.named("adam", model.parameters(), 1e-3, 0);
        int[] order = data.order(new SplittableRandom(1));
        List<Module> stages = model.stages();
        int n = stages.size();
        double[][] callerMs = new double[2 * (n + 2)][steps]; // fwd i, bwd i ; loss fwd/bwd ; opt
        double[][] allMs = new double[2 * (n + 2)][steps];
        double[] stepCaller = new double[steps];
        double[] stepAll = new double[steps];
        Arena arena = new Arena();
        for (int s = -warmup; s < steps; s++) {
            if (s == -warmup + 1) pool = poolIds();
            int step = s;
            long c0 = MX.getCurrentThreadCpuTime(), p0 = poolCpu();
            try (Arena.Scope scope = arena.step()) {
                Dataset.Batch b = data.batch(order, Math.floorMod(s, 4) * batch, batch);
                Map<Variable, Integer> rowOf = new IdentityHashMap<>();
                Variable h = Variable.constant(b.images());
                for (int i = 0; i < n; i++) {
                    Module layer = stages.get(i);
                    Variable in = h;
                    long a = MX.getCurrentThreadCpuTime(), ap = poolCpu();
                    h = layer.forward(in);
                    record(callerMs, allMs, 2 * i, step, a, ap);
                    rowOf.putIfAbsent(h, 2 * i + 1);
                }
                Variable logits = h;
                long a = MX.getCurrentThreadCpuTime(), ap = poolCpu();
                Variable loss = Ops.crossEntropy(logits, b.labels());
                record(callerMs, allMs, 2 * n, step, a, ap);
                rowOf.put(loss, 2 * n + 1);
                opt.zeroGrad();
                loss.backward(Tensor.full(1f, 1), (node, backward) -> {
                    int row = rowOf.getOrDefault(node, 2 * n + 1);
                    long a2 = MX.getCurrentThreadCpuTime(), ap2 = poolCpu();
                    backward.run();
                    record(callerMs, allMs, row, step, a2, ap2);
                });
                long a3 = MX.getCurrentThreadCpuTime(), ap3 = poolCpu();
                opt.step();
                record(callerMs, allMs, 2 * n + 2, step, a3, ap3);
            }
            if (s >= 0) {
                long c1 = MX.getCurrentThreadCpuTime();
                stepCaller[s] = (c1 - c0) / 1e6;
                stepAll[s] = (c1 - c0 + poolCpu() - p0) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "threads %d, %d warm-up + %d steps; medians, thread CPU ms (caller / all threads)%n",
                threads, warmup, steps);
        for (int i = 0; i < n + 2; i++) {
            String name = i < n ? i + " " + stages.get(i).spec() : i == n ? "loss" : "adam";
            System.out.printf(Locale.ROOT, "%-26s fwd %7.3f / %7.3f   bwd %7.3f / %7.3f%n", name,
                    median(callerMs[2 * i]), median(allMs[2 * i]), median(callerMs[2 * i + 1]), median(allMs[2 * i + 1]));
        }
        System.out.printf(Locale.ROOT, "step: caller median %.3f min %.3f | all threads median %.3f min %.3f%n",
                median(stepCaller), min(stepCaller), median(stepAll), min(stepAll));
    }

    static void record(double[][] caller, double[][] all, int row, int step, long a, long ap) {
        if (step < 0 || row >= caller.length) return;
        long c = MX.getCurrentThreadCpuTime() - a;
        caller[row][step] += c / 1e6;
        all[row][step] += (c + poolCpu() - ap) / 1e6;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }
}
