package dev.convkit.bench;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.backend.Backend;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where a training step's time goes ({@code convkit bench --train}): the forward and backward of
 * every stage of the model ({@link Sequential#stages}: its layers, a batch norm and the ReLU after it
 * as one), the loss and the optimizer update, as medians over steady-state steps; and the whole
 * step as {@code convkit train} runs it (batch assembly, forward, loss, backward, update), with the
 * Java heap it allocates per step, counted by {@link com.sun.management.ThreadMXBean} over every
 * thread (the caller and the kernel pool). Each piece and the step also get their thread CPU time
 * (the caller's and the kernel pool's threads): on a shared machine the wall clock holds
 * other processes' time slices, the CPU time does not.
 *
 * <p>The per-layer numbers come from the same step, each layer's forward timed as it runs and each
 * op's backward through a {@link Variable.Observer}; both steps run in an {@link Arena}, as the
 * trainer's do. The images are seeded random bytes of the training data's size and normalization.
 *
 * <pre>{@code
 * TrainingBench bench = new TrainingBench(2, 2, message -> { });
 * TrainingBench.Report r = bench.run("flatten;linear(784,10)", 8, 1, "adam");
 * assert r.layers().size() == 2 && r.stepMs() > 0 && r.allocatedBytesPerStep() > 0;
 * assert TrainingBench.toTable(r).contains("linear(784,10)");
 * }</pre>
 */
public final class TrainingBench {
    /**
     * One layer's median forward and backward time, the same as thread CPU time (the caller's and the kernel pool's),
     * and the heap each allocates per step (all threads).
     */
    public record Layer(String name, double forwardMs, double backwardMs, double forwardCpuMs, double backwardCpuMs,
                        double forwardBytes, double backwardBytes) {
    }

    /**
     * The run: per-layer numbers, the loss (forward and backward) and optimizer times and heap, and the
     * whole step's median time, median thread CPU time (caller and kernel pool) and mean heap allocation
     * (bytes per step, all threads).
     */
    public record Report(String architecture, int batch, int threads, String kernels, String optimizer, int steps,
                         List<Layer> layers, double lossMs, double optimizerMs, double lossBytes, double optimizerBytes,
                         double stepMs, double stepCpuMs, double allocatedBytesPerStep) {
        /** Images per second of the whole step. */
        public double imagesPerSecond() {
            return batch * 1000.0 / stepMs;
        }
    }

    private static final int HEIGHT = 28;
    private static final int WIDTH = 28;
    /** Distinct batches the steps cycle through. */
    private static final int BATCHES = 4;

    private final int warmupSteps;
    private final int steps;
    private final Consumer<String> progress;

    /**
     * @param warmupSteps steps run before anything is measured (JIT warm-up)
     * @param steps       steps measured, for the per-layer numbers and again for the whole step
     */
    public TrainingBench(int warmupSteps, int steps, Consumer<String> progress) {
        if (warmupSteps < 0 || steps < 1) {
            throw InvalidArgumentException.of("training bench: warm-up steps must be 0 or more and steps at least 1,"
                    + " got %d and %d", warmupSteps, steps);
        }
        this.warmupSteps = warmupSteps;
        this.steps = steps;
        this.progress = progress;
    }

    /** Benchmarks training {@code architecture} (a spec, see {@link Architecture}) on 28×28 one-channel images. */
    public Report run(String architecture, int batch, int threads, String optimizer) {
        if (batch < 1) {
            throw InvalidArgumentException.of("--batch must be at least 1, got %d", batch);
        }
        Parallel.setThreads(threads);
        Dataset data = syntheticData(batch * BATCHES);
        Sequential model = Architecture.build(architecture, 1);
        model.train();
        Optimizer opt = Optimizer.named(optimizer, model.parameters(), 1e-3, 0);
        int[] order = data.order(new SplittableRandom(1));
        List<Module> layers = model.stages(); // as the forward runs them: batch norm + ReLU fused
        int count = layers.size();
        // rows 0..count-1: the layers; row count: the loss; row count + 1: the optimizer
        double[][] forwardMs = new double[count + 2][steps];
        double[][] backwardMs = new double[count + 2][steps];
        double[][] forwardCpuMs = new double[count + 2][steps];
        double[][] backwardCpuMs = new double[count + 2][steps];
        double[][] forwardBytes = new double[count + 2][steps];
        double[][] backwardBytes = new double[count + 2][steps];
        Arena arena = new Arena();
        ThreadCpu cpu = new ThreadCpu();
        progress.accept("timing each layer over " + warmupSteps + " warm-up and " + steps + " measured steps");
        for (int s = -warmupSteps; s < steps; s++) {
            int step = s;
            if (step == 0) {
                cpu.findPool(); // the warm-up started it
            }
            try (Arena.Scope scope = arena.step()) {
                Dataset.Batch b = data.batch(order, Math.floorMod(s, BATCHES) * batch, batch);
                Map<Variable, Integer> layerOf = new IdentityHashMap<>();
                Variable h = Variable.constant(b.images());
                for (int i = 0; i < count; i++) {
                    Module layer = layers.get(i);
                    Variable in = h;
                    h = measure(() -> layer.forward(in), cpu, forwardMs[i], forwardCpuMs[i], forwardBytes[i], step);
                    layerOf.putIfAbsent(h, i);
                }
                Variable logits = h;
                Variable loss = measure(() -> Ops.crossEntropy(logits, b.labels()), cpu, forwardMs[count],
                        forwardCpuMs[count], forwardBytes[count], step);
                layerOf.put(loss, count);
                opt.zeroGrad();
                loss.backward(Tensor.full(1f, 1), (node, backward) -> {
                    int row = layerOf.getOrDefault(node, count);
                    measure(() -> {
                        backward.run();
                        return null;
                    }, cpu, backwardMs[row], backwardCpuMs[row], backwardBytes[row], step);
                });
                measure(() -> {
                    opt.step();
                    return null;
                }, cpu, forwardMs[count + 1], forwardCpuMs[count + 1], forwardBytes[count + 1], step);
            }
        }
        List<Layer> rows = new ArrayList<>();
        for (int i = 0; i < count + 2; i++) {
            String name = i < count ? i + " " + layers.get(i).spec() : i == count ? "loss" : "optimizer";
            rows.add(new Layer(name, median(forwardMs[i]), median(backwardMs[i]), median(forwardCpuMs[i]),
                    median(backwardCpuMs[i]), mean(forwardBytes[i]), mean(backwardBytes[i])));
        }
        progress.accept("timing the whole step and its heap allocation");
        double[] stepMs = new double[steps];
        double[] stepCpuMs = new double[steps];
        for (int s = -warmupSteps; s < 0; s++) {
            trainStep(model, opt, data, order, s, batch, arena);
        }
        long bytes0 = HeapAllocation.allThreads();
        for (int s = 0; s < steps; s++) {
            long c0 = cpu.nanos();
            long t0 = System.nanoTime();
            trainStep(model, opt, data, order, s, batch, arena);
            stepMs[s] = (System.nanoTime() - t0) / 1e6;
            stepCpuMs[s] = (cpu.nanos() - c0) / 1e6;
        }
        long allocated = HeapAllocation.allThreads() - bytes0;
        Layer lossRow = rows.get(count);
        Layer optimizerRow = rows.get(count + 1);
        return new Report(architecture, batch, Parallel.threads(), Backend.active().provider().name(), optimizer, steps,
                rows.subList(0, count), lossRow.forwardMs() + lossRow.backwardMs(), optimizerRow.forwardMs(),
                lossRow.forwardBytes() + lossRow.backwardBytes(), optimizerRow.forwardBytes(), median(stepMs),
                median(stepCpuMs), (double) allocated / steps);
    }

    /**
     * Runs {@code body}, recording its time, thread CPU time and heap allocation as measured step {@code step} (none in
     * warm-up).
     */
    private static <T> T measure(Supplier<T> body, ThreadCpu cpu, double[] ms, double[] cpuMs, double[] bytes, int step) {
        long a0 = step >= 0 ? HeapAllocation.allThreads() : 0;
        long c0 = step >= 0 ? cpu.nanos() : 0;
        long t0 = System.nanoTime();
        T result = body.get();
        long t1 = System.nanoTime();
        if (step >= 0) {
            cpuMs[step] += (cpu.nanos() - c0) / 1e6;
            ms[step] += (t1 - t0) / 1e6;
            bytes[step] += HeapAllocation.allThreads() - a0;
        }
        return result;
    }

    /** One step as {@code convkit train} takes it. */
    private static void trainStep(Sequential model, Optimizer opt, Dataset data, int[] order, int s, int batch, Arena arena) {
        try (Arena.Scope scope = arena.step()) {
            Dataset.Batch b = data.batch(order, Math.floorMod(s, BATCHES) * batch, batch);
            Variable logits = model.forward(Variable.constant(b.images()));
            Variable loss = Ops.crossEntropy(logits, b.labels());
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
    }

    /** Seeded random pixels and labels, as many as {@code count} images. */
    private static Dataset syntheticData(int count) {
        SplittableRandom random = new SplittableRandom(7);
        byte[] pixels = new byte[count * HEIGHT * WIDTH];
        byte[] labels = new byte[count];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) random.nextInt(10);
        }
        return new Dataset(pixels, labels, count, HEIGHT, WIDTH);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    /** The report as the JSON object that {@code convkit bench --train --json} prints. */
    public static Map<String, Object> toJson(Report r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("architecture", r.architecture());
        root.put("batch", r.batch());
        root.put("threads", r.threads());
        root.put("kernels", r.kernels());
        root.put("optimizer", r.optimizer());
        root.put("steps", r.steps());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Layer layer : r.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", layer.name());
            m.put("forward_ms", round(layer.forwardMs(), 4));
            m.put("backward_ms", round(layer.backwardMs(), 4));
            m.put("forward_cpu_ms", round(layer.forwardCpuMs(), 4));
            m.put("backward_cpu_ms", round(layer.backwardCpuMs(), 4));
            m.put("forward_allocated_bytes", Math.round(layer.forwardBytes()));
            m.put("backward_allocated_bytes", Math.round(layer.backwardBytes()));
            layers.add(m);
        }
        root.put("layers", layers);
        root.put("loss_ms", round(r.lossMs(), 4));
        root.put("optimizer_ms", round(r.optimizerMs(), 4));
        root.put("loss_allocated_bytes", Math.round(r.lossBytes()));
        root.put("optimizer_allocated_bytes", Math.round(r.optimizerBytes()));
        root.put("step_ms", round(r.stepMs(), 4));
        root.put("step_cpu_ms", round(r.stepCpuMs(), 4));
        root.put("images_per_second", round(r.imagesPerSecond(), 1));
        root.put("allocated_bytes_per_step", Math.round(r.allocatedBytesPerStep()));
        return root;
    }

    /** The report as a table: each piece's time and its share of their sum, then the whole step. */
    public static String toTable(Report r) {
        double total = r.lossMs() + r.optimizerMs();
        for (Layer layer : r.layers()) {
            total += layer.forwardMs() + layer.backwardMs();
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s%nbatch %d, %d thread(s), kernels %s, %s; medians of %d steps%n%n",
                r.architecture(), r.batch(), r.threads(), r.kernels(), r.optimizer(), r.steps()));
        out.append(String.format(Locale.ROOT, "%-28s %11s %12s %7s %10s %10s %10s %10s%n", "layer", "forward ms",
                "backward ms", "share", "fwd CPU", "bwd CPU", "fwd MB", "bwd MB"));
        for (Layer layer : r.layers()) {
            out.append(String.format(Locale.ROOT, "%-28s %11.3f %12.3f %6.1f%% %10.3f %10.3f %10.2f %10.2f%n",
                    layer.name(), layer.forwardMs(), layer.backwardMs(),
                    100 * (layer.forwardMs() + layer.backwardMs()) / total, layer.forwardCpuMs(), layer.backwardCpuMs(),
                    layer.forwardBytes() / 1e6, layer.backwardBytes() / 1e6));
        }
        out.append(String.format(Locale.ROOT, "%-28s %24.3f %6.1f%% %21.2f%n", "loss (cross-entropy, both)", r.lossMs(),
                100 * r.lossMs() / total, r.lossBytes() / 1e6));
        out.append(String.format(Locale.ROOT, "%-28s %24.3f %6.1f%% %21.2f%n", "optimizer step (" + r.optimizer() + ")",
                r.optimizerMs(), 100 * r.optimizerMs() / total, r.optimizerBytes() / 1e6));
        out.append(String.format(Locale.ROOT, "%-28s %24.3f%n%n", "sum of the pieces", total));
        out.append(String.format(Locale.ROOT, "whole step: %.3f ms (%.0f images/s), %.2f MB allocated on the heap per step%n",
                r.stepMs(), r.imagesPerSecond(), r.allocatedBytesPerStep() / 1e6));
        out.append(String.format(Locale.ROOT, "thread CPU per step: %.3f ms (the caller and the kernel pool; CPU columns"
                + " above likewise, ms)%n", r.stepCpuMs()));
        return out.toString();
    }
}
