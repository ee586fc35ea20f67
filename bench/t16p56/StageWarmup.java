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
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * t16p56: where compare_training's one-thread epoch (cnn2 + Adam, batch 64, 300 steps of Fashion-MNIST) spends the
 * caller's thread CPU, per stage forward / backward, in phases: step 1, steps 2-10, 11-30, 31-100, 101-300.
 * T = 1 only (the caller's CPU is the stepping CPU). Usage (launcher options from bench/trn53/opts.sh):
 * javac --add-modules jdk.incubator.vector -cp JAR -d DIR bench/t16p56/StageWarmup.java
 * java $(bench/trn53/opts.sh) -cp JAR:DIR StageWarmup
 */
public class StageWarmup {
    static final String CNN2 = "conv2d(1,32,3,1,1);bn2d(32);relu;maxpool2d(2,2,0);conv2d(32,64,3,1,1);bn2d(64);relu;"
            + "maxpool2d(2,2,0);dropout(0.25);flatten;linear(3136,10)";
    static final int[] PHASE_END = {1, 10, 30, 100, 300};

    public static void main(String[] args) throws Exception {
        Parallel.setThreads(1);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Dataset train = Dataset.load(Path.of("/usr/share/datasets/fashion-mnist"), Dataset.Split.TRAIN).head(19200);
        Sequential model = Architecture.build(CNN2, 1);
        Optimizer opt = Optimizer.named("adam", model.parameters(), 2e-3, 0);
        Arena arena = new Arena();
        model.train();
        model.reseed(1);
        List<Module> stages = model.stages();
        int count = stages.size();
        // rows: stages, loss, optimizer, rest of step
        double[][] fwd = new double[count + 3][PHASE_END.length];
        double[][] bwd = new double[count + 3][PHASE_END.length];
        int[] order = train.order(new SplittableRandom(1));
        for (int b = 0; b < 300; b++) {
            int phase = 0;
            while (b + 1 > PHASE_END[phase]) phase++;
            int ph = phase;
            long s0 = mx.getCurrentThreadCpuTime();
            try (Arena.Scope step = arena.step()) {
                Dataset.Batch batch = train.batch(order, b * 64, 64);
                Map<Variable, Integer> layerOf = new IdentityHashMap<>();
                Variable h = Variable.constant(batch.images());
                for (int i = 0; i < count; i++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    h = stages.get(i).forward(h);
                    fwd[i][ph] += (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                    layerOf.putIfAbsent(h, i);
                }
                long c0 = mx.getCurrentThreadCpuTime();
                Variable loss = Ops.crossEntropy(h, batch.labels());
                fwd[count][ph] += (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                layerOf.put(loss, count);
                opt.zeroGrad();
                loss.backward(Tensor.full(1f, 1), (node, backward) -> {
                    int row = layerOf.getOrDefault(node, count);
                    long d0 = mx.getCurrentThreadCpuTime();
                    backward.run();
                    bwd[row][ph] += (mx.getCurrentThreadCpuTime() - d0) / 1e6;
                });
                c0 = mx.getCurrentThreadCpuTime();
                opt.step();
                fwd[count + 1][ph] += (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            fwd[count + 2][ph] += (mx.getCurrentThreadCpuTime() - s0) / 1e6;
        }
        System.out.printf("%-28s %s%n", "CPU ms (fwd / bwd)", "step1 | steps2-10 | 11-30 | 31-100 | 101-300 (per-step mean of 101-300)");
        for (int i = 0; i < count + 3; i++) {
            String name = i < count ? i + " " + stages.get(i).spec() : i == count ? "loss" : i == count + 1 ? "optimizer" : "whole step";
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < PHASE_END.length; p++) {
                sb.append(String.format(" %8.1f/%-8.1f", fwd[i][p], bwd[i][p]));
            }
            sb.append(String.format("  (%.3f/%.3f)", fwd[i][4] / 200, bwd[i][4] / 200));
            System.out.printf("%-28s%s%n", name, sb);
        }
    }
}
