package dev.convkit.spark;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.ModelMetadata;
import dev.convkit.nn.io.Safetensors;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Dropout;
import dev.convkit.nn.layers.Module;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.optim.LrSchedule;
import dev.convkit.nn.optim.Optimizer;
import dev.convkit.nn.train.Evaluation;
import dev.convkit.nn.train.Trainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data-parallel training of a convkit model on Spark.
 *
 * <p><b>Synchronous</b> ({@code averageEvery == 0}): every step, each partition computes the gradient
 * of its shard of the global batch (see {@link Shard}) on the broadcast weights; the driver sums
 * the shard gradients, each already weighted by its share of the batch, applies the optimizer and
 * broadcasts the new weights. The global batches are those of {@code convkit train} with the same
 * seed, so without batch norm or dropout one step equals the single-machine step up to float
 * summation order. Batch-norm statistics are per shard (PyTorch DDP's default); the running
 * statistics are the shard-size-weighted mean of the shards' updates.
 *
 * <p><b>Averaging</b> ({@code averageEvery = K}): each partition runs K local steps on its shards with
 * its own copy of the optimizer, then the parameters, buffers and optimizer state are averaged
 * (weighted by examples seen), as DL4J's parameter averaging does.
 *
 * <p>Sums run in partition order on the driver ({@code reduce = "ordered"}), so a run is bitwise
 * reproducible, also when Spark retries tasks; {@code reduce = "tree"} uses {@code treeAggregate}
 * instead (bitwise reproducible up to 2 partitions). A checkpoint in the format of {@code convkit
 * train} (model, optimizer state, counters) is written atomically after every epoch, and
 * {@code resume} continues from it.
 *
 * <pre>{@code
 * SparkTrainer.Config c = new SparkTrainer.Config(Architecture.model("cnn2"), 3, 64, 2e-3, 1, "adam", 0, "cosine",
 *         2, 0, "ordered", 1);
 * SparkTrainer.Result r = SparkTrainer.train(sc, train, test, c, Path.of("runs/spark"), false, SparkTrainer.Listener.NONE);
 * }</pre>
 */
public final class SparkTrainer {
    /**
     * What to train and how: the {@code convkit train} settings, plus the number of partitions, K for
     * averaging mode (0: synchronous), the reduction (ordered or tree) and convkit threads per task.
     */
    public record Config(String architecture, int epochs, int batch, double lr, long seed, String optimizer,
                         double weightDecay, String schedule, int partitions, int averageEvery, String reduce,
                         int threadsPerTask) implements Serializable {
        public Config {
            if (epochs < 1) {
                throw InvalidArgumentException.of("--epochs must be positive, got %d", epochs);
            }
            if (batch < 1) {
                throw InvalidArgumentException.of("--batch must be positive, got %d", batch);
            }
            if (!(lr > 0)) {
                throw InvalidArgumentException.of("--lr must be positive, got %s", lr);
            }
            if (partitions < 1) {
                throw InvalidArgumentException.of("--partitions must be positive, got %d", partitions);
            }
            if (averageEvery < 0) {
                throw InvalidArgumentException.of("--average-every must be 0 (synchronous) or positive, got %d", averageEvery);
            }
            if (!reduce.equals("ordered") && !reduce.equals("tree")) {
                throw InvalidArgumentException.of("--reduce must be ordered or tree, got '%s'", reduce);
            }
            if (threadsPerTask < 1) {
                throw InvalidArgumentException.of("--threads must be at least 1, got %d", threadsPerTask);
            }
            if (!List.of("adam", "adamw", "sgd").contains(optimizer)) {
                throw InvalidArgumentException.of("--optimizer must be adam, adamw or sgd, got '%s'", optimizer);
            }
            if (!List.of("cosine", "step", "constant").contains(schedule)) {
                throw InvalidArgumentException.of("--schedule must be cosine, step or constant, got '%s'", schedule);
            }
        }
    }

    /** One finished epoch; the timing splits a step into the slowest task's compute and the rest (Spark's overhead). */
    public record EpochResult(int epoch, double lr, double trainLoss, double trainAccuracy, double testLoss,
                              double testAccuracy, double seconds, double imagesPerSecond, int rounds,
                              double overheadMillisPerRound, long resultBytesPerRound, long broadcastBytesPerRound) {
        /** This epoch as a line of the training log, in {@code convkit train}'s format. */
        String csv() {
            return new Trainer.EpochResult(epoch, lr, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds,
                    imagesPerSecond).csv();
        }
    }

    /** Progress callbacks (on the driver). */
    public interface Listener {
        /** After every synchronous step or averaging round. */
        void round(int epoch, int round, int rounds, double loss, double accuracy);

        void epochEnd(EpochResult result);

        /** A listener that ignores everything. */
        Listener NONE = new Listener() {
            @Override
            public void round(int epoch, int round, int rounds, double loss, double accuracy) {
            }

            @Override
            public void epochEnd(EpochResult result) {
            }
        };
    }

    /** The trained model and one result per epoch (this run's and, when resumed, the earlier ones'). */
    public record Result(Sequential model, List<EpochResult> history) {
    }

    public static final String CHECKPOINT = "checkpoint.safetensors";
    public static final String MODEL = "model.safetensors";
    public static final String LOG = "train_log.csv";

    private SparkTrainer() {
    }

    static Optimizer optimizer(Config c, Map<String, Variable> params, double lr) {
        return Optimizer.named(c.optimizer(), params, lr, c.weightDecay());
    }

    /**
     * Trains on {@code train} (examples numbered 0..n-1), evaluates on {@code test} after every epoch
     * (skipped when null), and writes {@code checkpoint.safetensors} and {@code train_log.csv} into
     * {@code out} after every epoch and {@code model.safetensors} at the end.
     */
    public static Result train(JavaSparkContext sc, JavaRDD<Example> train, JavaRDD<Example> test, Config config,
                               Path out, boolean resume, Listener listener) throws IOException {
        Files.createDirectories(out);
        Sequential model = Architecture.build(config.architecture(), config.seed());
        Optimizer opt = optimizer(config, model.parameters(), config.lr());
        LrSchedule schedule = LrSchedule.named(config.schedule(), config.lr(), config.epochs());
        List<EpochResult> history = new ArrayList<>();
        int startEpoch = 0;
        Path checkpoint = out.resolve(CHECKPOINT);
        if (resume) {
            if (!Files.exists(checkpoint)) {
                throw InvalidArgumentException.of("--resume: no %s in %s", CHECKPOINT, out);
            }
            Safetensors.File file = Safetensors.read(checkpoint);
            if (!model.spec().equals(file.metadata().get("architecture"))) {
                throw InvalidArgumentException.of("--resume: %s holds a different architecture (%s)", checkpoint,
                        file.metadata().get("architecture"));
            }
            Checkpoint.load(model, file, checkpoint);
            opt.restore(Checkpoint.optimizerState(file));
            opt.setSteps(Long.parseLong(file.metadata().getOrDefault("optimizer_steps", "0")));
            startEpoch = Integer.parseInt(file.metadata().getOrDefault("epochs_done", "0"));
            history.addAll(readLog(out.resolve(LOG), startEpoch));
        }
        JavaRDD<Example> data = train.persist(StorageLevel.MEMORY_ONLY());
        int n = (int) data.count();
        if (n == 0) {
            throw new InvalidArgumentException("--data: no training examples");
        }
        JavaRDD<Example> testData = test == null ? null : test.repartition(config.partitions()).persist(StorageLevel.MEMORY_ONLY());
        ByteCounter bytes = ByteCounter.register(sc);
        for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
            double lr = schedule.rate(epoch);
            opt.setLr(lr);
            long epochSeed = config.seed() * 1_000_003L + epoch;
            long t0 = System.nanoTime();
            JavaRDD<Shard> shards = Shard.epoch(data, n, config.batch(), config.partitions(), epochSeed);
            shards.count();
            int steps = (n + config.batch() - 1) / config.batch();
            int k = config.averageEvery() == 0 ? 1 : config.averageEvery();
            int rounds = (steps + k - 1) / k;
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            double overheadNanos = 0;
            long resultBytes = 0;
            long broadcastBytes = 0;
            for (int r = 0; r < rounds; r++) {
                long roundStart = System.nanoTime();
                Weights w = Weights.of(model);
                Map<String, float[]> state = config.averageEvery() == 0 ? null : copy(opt.state());
                RoundInput input = new RoundInput(w, state, opt.steps(), lr, epoch, epochSeed, r * k,
                        Math.min(steps, r * k + k), n, config);
                Broadcast<RoundInput> b = sc.broadcast(input);
                broadcastBytes += w.bytes() + stateBytes(state);
                long before = bytes.resultBytes();
                JavaRDD<Contribution> parts = shards.mapPartitionsWithIndex(
                        (Integer p, Iterator<Shard> it) -> List.of(b.value().run(p, it.next())).iterator(), true);
                Contribution sum = config.reduce().equals("tree")
                        ? parts.treeAggregate(Contribution.EMPTY, Contribution::plus, Contribution::plus)
                        : parts.collect().stream().reduce(Contribution.EMPTY, Contribution::plus);
                resultBytes += bytes.resultBytes() - before;
                b.destroy();
                if (config.averageEvery() == 0) {
                    applyGradient(model, opt, sum);
                } else {
                    applyAverage(model, opt, sum, input.stepTo - input.stepFrom);
                }
                lossSum += sum.lossSum;
                correct += sum.correct;
                seen += sum.count;
                overheadNanos += System.nanoTime() - roundStart - sum.maxTaskNanos;
                listener.round(epoch, r, rounds, lossSum / Math.max(1, seen), (double) correct / Math.max(1, seen));
            }
            shards.unpersist(false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Evaluation eval = testData == null ? null : evaluate(sc, model, testData, 256, config.threadsPerTask());
            EpochResult result = new EpochResult(epoch + 1, lr, lossSum / seen, (double) correct / seen,
                    eval == null ? Double.NaN : eval.loss(), eval == null ? Double.NaN : eval.accuracy(), seconds,
                    n / seconds, rounds, overheadNanos / rounds / 1e6, resultBytes / rounds, broadcastBytes / rounds);
            history.add(result);
            Map<String, String> counters = new LinkedHashMap<>();
            counters.put("epochs_done", Integer.toString(epoch + 1));
            counters.put("seed", Long.toString(config.seed()));
            counters.put("test_accuracy", Double.toString(result.testAccuracy()));
            counters.put("spark_partitions", Integer.toString(config.partitions()));
            counters.put("spark_average_every", Integer.toString(config.averageEvery()));
            Checkpoint.saveTraining(checkpoint, model, opt, counters);
            writeLog(out.resolve(LOG), history);
            listener.epochEnd(result);
        }
        bytes.remove();
        data.unpersist(false);
        if (testData != null) {
            testData.unpersist(false);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("seed", Long.toString(config.seed()));
        meta.putAll(ModelMetadata.fashionMnist()); // input shape, class names, preprocessing
        meta.put("trained_on", "spark, " + config.partitions() + " partitions, "
                + (config.averageEvery() == 0 ? "synchronous" : "averaging every " + config.averageEvery() + " steps"));
        if (!history.isEmpty()) {
            meta.put("test_accuracy", Double.toString(history.get(history.size() - 1).testAccuracy()));
        }
        Checkpoint.saveModel(out.resolve(MODEL), model, meta);
        return new Result(model, history);
    }

    /** Sets the summed gradient as the parameters' gradients, steps the optimizer, takes the mean buffers. */
    private static void applyGradient(Sequential model, Optimizer opt, Contribution sum) {
        opt.zeroGrad();
        int i = 0;
        for (Variable p : model.parameters().values()) {
            p.accumulate(Tensor.wrap(sum.values[i++], p.value().shape()));
        }
        opt.step();
        for (float[] buf : model.buffers().values()) {
            float[] mean = sum.values[i++];
            for (int j = 0; j < buf.length; j++) {
                buf[j] = (float) (mean[j] / sum.count);
            }
        }
    }

    /** Replaces parameters, buffers and optimizer state by the example-weighted means of the partitions'. */
    private static void applyAverage(Sequential model, Optimizer opt, Contribution sum, int localSteps) {
        int i = 0;
        for (Variable p : model.parameters().values()) {
            divide(sum.values[i++], sum.count, p.value().data());
        }
        for (float[] buf : model.buffers().values()) {
            divide(sum.values[i++], sum.count, buf);
        }
        Map<String, float[]> state = new LinkedHashMap<>();
        sum.state.forEach((key, v) -> {
            float[] mean = new float[v.length];
            divide(v, sum.stateWeights.get(key), mean);
            state.put(key, mean);
        });
        opt.restore(state);
        opt.setSteps(opt.steps() + localSteps);
    }

    private static void divide(float[] src, double by, float[] dst) {
        for (int j = 0; j < dst.length; j++) {
            dst[j] = (float) (src[j] / by);
        }
    }

    private static Map<String, float[]> copy(Map<String, float[]> state) {
        Map<String, float[]> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    private static long stateBytes(Map<String, float[]> state) {
        long n = 0;
        if (state != null) {
            for (float[] v : state.values()) {
                n += 4L * v.length;
            }
        }
        return n;
    }

    /** Accuracy and mean cross-entropy of {@code model} on {@code data}, computed by the executors. */
    static Evaluation evaluate(JavaSparkContext sc, Sequential model, JavaRDD<Example> data, int batch, int threads) {
        Broadcast<Weights> b = sc.broadcast(Weights.of(model));
        List<Object[]> parts = data.mapPartitions((Iterator<Example> it) -> {
            Faults.maybeFail();
            Parallel.setThreads(threads);
            Sequential net = b.value().model();
            net.eval();
            long[][] confusion = new long[10][10];
            double loss = 0;
            List<Example> chunk = new ArrayList<>(batch);
            while (it.hasNext()) {
                chunk.add(it.next());
                if (chunk.size() == batch || !it.hasNext()) {
                    byte[][] px = new byte[chunk.size()][];
                    int[] labels = new int[chunk.size()];
                    for (int i = 0; i < px.length; i++) {
                        px[i] = chunk.get(i).pixels();
                        labels[i] = chunk.get(i).label();
                    }
                    try (GradMode.Scope off = GradMode.off()) {
                        Variable logits = net.forward(Variable.constant(Pixels.normalize(px, 0, px.length)));
                        loss += Ops.crossEntropy(logits, labels).value().data()[0] * (double) px.length;
                        int[] predicted = Evaluation.argmax(logits);
                        for (int i = 0; i < px.length; i++) {
                            confusion[labels[i]][predicted[i]]++;
                        }
                    }
                    chunk.clear();
                }
            }
            return List.<Object[]>of(new Object[] {confusion, loss}).iterator();
        }).collect();
        b.destroy();
        long[][] confusion = new long[10][10];
        double loss = 0;
        long total = 0;
        long correct = 0;
        for (Object[] part : parts) {
            long[][] c = (long[][]) part[0];
            loss += (Double) part[1];
            for (int r = 0; r < 10; r++) {
                for (int j = 0; j < 10; j++) {
                    confusion[r][j] += c[r][j];
                    total += c[r][j];
                }
                correct += c[r][r];
            }
        }
        return new Evaluation(total == 0 ? 0 : (double) correct / total, loss / Math.max(1, total), confusion);
    }

    /** What every task of one round reads: the weights, the optimizer state (averaging), and which steps to run. */
    static final class RoundInput implements Serializable {
        private static final long serialVersionUID = 1L;
        final Weights weights;
        final Map<String, float[]> state;
        final long optimizerSteps;
        final double lr;
        final int epoch;
        final long epochSeed;
        final int stepFrom;
        final int stepTo;
        final int n;
        final Config config;

        RoundInput(Weights weights, Map<String, float[]> state, long optimizerSteps, double lr, int epoch, long epochSeed,
                   int stepFrom, int stepTo, int n, Config config) {
            this.weights = weights;
            this.state = state;
            this.optimizerSteps = optimizerSteps;
            this.lr = lr;
            this.epoch = epoch;
            this.epochSeed = epochSeed;
            this.stepFrom = stepFrom;
            this.stepTo = stepTo;
            this.n = n;
            this.config = config;
        }

        /** The work of partition {@code p}: one gradient (synchronous) or K local steps (averaging). */
        Contribution run(int p, Shard shard) {
            Faults.maybeFail();
            long t0 = System.nanoTime();
            Parallel.setThreads(config.threadsPerTask());
            Sequential model = weights.model();
            model.train();
            int batch = config.batch();
            Optimizer local = null;
            if (state != null) {
                local = optimizer(config, model.parameters(), lr);
                Map<String, float[]> mine = new LinkedHashMap<>();
                state.forEach((k, v) -> mine.put(k, v.clone()));
                local.restore(mine);
            }
            double lossSum = 0;
            long correct = 0;
            int count = 0;
            float[][] gradSum = null;
            for (int step = stepFrom; step < stepTo; step++) {
                int[] range = shard.range(step, batch);
                int m = range[1] - range[0];
                if (m == 0) {
                    continue;
                }
                int inStep = (int) Math.min(batch, (long) n - (long) step * batch);
                for (Module layer : model.layers()) {
                    if (layer instanceof Dropout d) {
                        d.reseed(mix(epochSeed, step, p));
                    }
                }
                int[] labels = java.util.Arrays.copyOfRange(shard.labels, range[0], range[1]);
                Variable logits = model.forward(Variable.constant(Pixels.normalize(shard.pixels, range[0], m)));
                Variable loss = Ops.crossEntropy(logits, labels);
                for (Variable v : model.parameters().values()) {
                    v.zeroGrad();
                }
                if (local == null) {
                    // this shard's part of the global batch's mean loss
                    loss.backward(Tensor.full((float) m / inStep, 1));
                    gradSum = new float[model.parameters().size()][];
                    int i = 0;
                    for (Variable v : model.parameters().values()) {
                        gradSum[i++] = v.grad() == null ? new float[(int) v.value().numel()] : v.grad().data();
                    }
                } else {
                    loss.backward();
                    local.setSteps(optimizerSteps + (step - stepFrom));
                    local.step();
                }
                lossSum += loss.value().data()[0] * (double) m;
                int[] predicted = Evaluation.argmax(logits);
                for (int i = 0; i < m; i++) {
                    correct += predicted[i] == labels[i] ? 1 : 0;
                }
                count += m;
            }
            if (count == 0) {
                return new Contribution(null, null, null, 0, 0, 0, System.nanoTime() - t0);
            }
            List<float[]> values = new ArrayList<>();
            if (local == null) {
                values.addAll(List.of(gradSum));
            } else {
                for (Variable v : model.parameters().values()) {
                    values.add(scaled(v.value().data(), count));
                }
            }
            for (float[] buf : model.buffers().values()) {
                values.add(scaled(buf, count));
            }
            Map<String, float[]> st = null;
            Map<String, Double> weightsOfState = null;
            if (local != null) {
                st = new LinkedHashMap<>();
                weightsOfState = new LinkedHashMap<>();
                for (Map.Entry<String, float[]> e : local.state().entrySet()) {
                    st.put(e.getKey(), scaled(e.getValue(), count));
                    weightsOfState.put(e.getKey(), (double) count);
                }
            }
            return new Contribution(values.toArray(new float[0][]), st, weightsOfState, count, lossSum, correct,
                    System.nanoTime() - t0);
        }
    }

    private static float[] scaled(float[] v, double by) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * by);
        }
        return out;
    }

    static long mix(long seed, int step, int partition) {
        long z = seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + partition * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A partition's result, or a sum of them: arrays summed element-wise in the order {@code plus} is called. */
    static final class Contribution implements Serializable {
        private static final long serialVersionUID = 1L;
        static final Contribution EMPTY = new Contribution(null, null, null, 0, 0, 0, 0);

        final float[][] values;
        final Map<String, float[]> state;
        final Map<String, Double> stateWeights;
        final long count;
        final double lossSum;
        final long correct;
        final long maxTaskNanos;

        Contribution(float[][] values, Map<String, float[]> state, Map<String, Double> stateWeights, long count,
                     double lossSum, long correct, long maxTaskNanos) {
            this.values = values;
            this.state = state;
            this.stateWeights = stateWeights;
            this.count = count;
            this.lossSum = lossSum;
            this.correct = correct;
            this.maxTaskNanos = maxTaskNanos;
        }

        Contribution plus(Contribution o) {
            if (o.values == null) {
                return new Contribution(values, state, stateWeights, count, lossSum, correct, Math.max(maxTaskNanos, o.maxTaskNanos));
            }
            if (values == null) {
                return new Contribution(o.values, o.state, o.stateWeights, o.count, o.lossSum, o.correct,
                        Math.max(maxTaskNanos, o.maxTaskNanos));
            }
            float[][] sum = new float[values.length][];
            for (int i = 0; i < values.length; i++) {
                sum[i] = add(values[i], o.values[i]);
            }
            Map<String, float[]> st = null;
            Map<String, Double> sw = null;
            if (state != null || o.state != null) {
                st = new LinkedHashMap<>();
                sw = new LinkedHashMap<>();
                for (Contribution c : List.of(this, o)) {
                    if (c.state == null) {
                        continue;
                    }
                    for (Map.Entry<String, float[]> e : c.state.entrySet()) {
                        float[] prev = st.get(e.getKey());
                        st.put(e.getKey(), prev == null ? e.getValue() : add(prev, e.getValue()));
                        sw.merge(e.getKey(), c.stateWeights.get(e.getKey()), Double::sum);
                    }
                }
            }
            return new Contribution(sum, st, sw, count + o.count, lossSum + o.lossSum, correct + o.correct,
                    Math.max(maxTaskNanos, o.maxTaskNanos));
        }

        private static float[] add(float[] a, float[] b) {
            float[] out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] + b[i];
            }
            return out;
        }
    }

    private static void writeLog(Path path, List<EpochResult> history) throws IOException {
        StringBuilder csv = new StringBuilder(Trainer.EpochResult.CSV_HEADER).append('\n');
        for (EpochResult r : history) {
            csv.append(r.csv()).append('\n');
        }
        Path temp = Files.createTempFile(path.toAbsolutePath().getParent(), ".train_log", ".tmp");
        Files.writeString(temp, csv, StandardCharsets.UTF_8);
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<EpochResult> readLog(Path path, int epochs) throws IOException {
        List<EpochResult> rows = new ArrayList<>();
        if (!Files.exists(path)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(path);
        for (int i = 1; i < lines.size() && rows.size() < epochs; i++) {
            String[] f = lines.get(i).split(",");
            if (f.length < 8) {
                continue;
            }
            rows.add(new EpochResult(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]), 0, Double.NaN, 0, 0));
        }
        return rows;
    }
}
