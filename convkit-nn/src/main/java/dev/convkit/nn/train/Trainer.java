package dev.convkit.nn.train;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.io.AtomicFiles;
import dev.convkit.nn.autograd.Arena;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.ModelMetadata;
import dev.convkit.nn.io.Safetensors;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.optim.LrSchedule;
import dev.convkit.nn.optim.Optimizer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training loop: seeded initialization, shuffling and dropout (the same seed gives the same
 * numbers at the same thread count, resumed or not), Adam/AdamW/SGD with a cosine or step schedule,
 * evaluation after every epoch, a CSV log, and an atomic checkpoint after every epoch that
 * {@code resume} continues from.
 *
 * <pre>{@code
 * Dataset data = new Dataset(new byte[16 * 784], new byte[16], 16, 28, 28); // Dataset.load(...) in practice
 * Trainer.Config config = new Trainer.Config("flatten;linear(784,10)", 1, 8, 1e-2, 1, "adam", 0, "cosine", 0);
 * Path out = Files.createTempDirectory("run");                   // model, checkpoint and log go here
 * Trainer.Result result = Trainer.train(data, data, config, out, false, Trainer.Listener.SILENT);
 * assert result.history().get(0).testAccuracy() == 1.0;         // every label is 0: learnt in one epoch
 * }</pre>
 */
public final class Trainer {
    /**
     * What to train and how. {@code limit} is how many training images to use (0: all of them).
     * Every number is checked here: epochs, batch ≥ 1; lr finite and > 0; weight decay finite and
     * ≥ 0; limit ≥ 0; and the optimizer and schedule must be known.
     */
    public record Config(String architecture, int epochs, int batch, double lr, long seed, String optimizer,
                         double weightDecay, String schedule, int limit) {
        public Config {
            if (epochs < 1) {
                throw InvalidArgumentException.of("--epochs must be at least 1, got %d", epochs);
            }
            if (batch < 1) {
                throw InvalidArgumentException.of("--batch must be at least 1, got %d", batch);
            }
            if (!Double.isFinite(lr) || !(lr > 0)) {
                throw InvalidArgumentException.of("--lr must be a finite number above 0, got %s", lr);
            }
            if (!Double.isFinite(weightDecay) || weightDecay < 0) {
                throw InvalidArgumentException.of("--weight-decay must be a finite number, 0 or more, got %s", weightDecay);
            }
            if (limit < 0) {
                throw InvalidArgumentException.of("--limit must be at least 1, got %d", limit);
            }
            if (!List.of("adam", "adamw", "sgd").contains(optimizer)) {
                throw InvalidArgumentException.of("unknown optimizer '%s' (adam, adamw, sgd)", optimizer);
            }
            if (!List.of("cosine", "step", "constant").contains(schedule)) {
                throw InvalidArgumentException.of("unknown schedule '%s' (cosine, step, constant)", schedule);
            }
        }

        /** All training images. */
        public Config(String architecture, int epochs, int batch, double lr, long seed, String optimizer,
                      double weightDecay, String schedule) {
            this(architecture, epochs, batch, lr, seed, optimizer, weightDecay, schedule, 0);
        }
    }

    /** The numbers of one finished epoch. */
    public record EpochResult(int epoch, double lr, double trainLoss, double trainAccuracy, double testLoss,
                              double testAccuracy, double seconds, double imagesPerSecond) {
        /** The header of the training log, train_log.csv. */
        public static final String CSV_HEADER = "epoch,lr,train_loss,train_accuracy,test_loss,test_accuracy,seconds,images_per_second";

        /** This epoch as a line of the training log. */
        public String csv() {
            return String.format(Locale.ROOT, "%d,%.6g,%.6f,%.6f,%.6f,%.6f,%.3f,%.1f", epoch, lr, trainLoss,
                    trainAccuracy, testLoss, testAccuracy, seconds, imagesPerSecond);
        }

        static EpochResult parse(String line) {
            String[] f = line.split(",");
            return new EpochResult(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]));
        }
    }

    /** Progress callbacks. */
    public interface Listener {
        /** A listener that ignores every event (library use without progress output). */
        Listener SILENT = new Listener() {
            @Override
            public void epochStart(int epoch, int batches) {
            }

            @Override
            public void batch(int epoch, int index, double loss, double accuracy, double imagesPerSecond) {
            }

            @Override
            public void epochEnd(EpochResult result) {
            }
        };

        /** The model is built (once) and the data checked; training starts next. */
        default void started(Sequential model, int trainImages, int testImages) {
        }

        void epochStart(int epoch, int batches);

        void batch(int epoch, int index, double loss, double accuracy, double imagesPerSecond);

        void epochEnd(EpochResult result);
    }

    public static final String CHECKPOINT = "checkpoint.safetensors";
    public static final String MODEL = "model.safetensors";
    public static final String LOG = "train_log.csv";
    /** The lock file that keeps a second {@code train} out of the same folder. */
    public static final String LOCK = ".convkit-train.lock";
    /** The classes a model must output (one logit per class). */
    public static final int CLASSES = 10;

    private Trainer() {
    }


    /**
     * Trains, writing {@code checkpoint.safetensors} and {@code train_log.csv} into {@code out} after
     * every epoch and {@code model.safetensors} at the end; returns the model and the epoch results.
     *
     * <p>{@code out} is locked for the whole run ({@value #LOCK}): a second run on the same folder is
     * refused. Temporary files a killed run left there are deleted first. A resumed run must use the
     * settings the checkpoint was written with (seed, optimizer, learning rate, weight decay,
     * schedule, batch, limit and training data); only {@code epochs} may grow.
     */
    public static Result train(Dataset train, Dataset test, Config config, Path out, boolean resume, Listener listener)
            throws IOException {
        prepareFolder(out);
        try (FileChannel lockFile = openLock(out); FileLock lock = tryLock(lockFile, out)) {
            AtomicFiles.cleanStaleTemps(out);
            Dataset data = config.limit() > 0 ? train.head(config.limit()) : train;
            if (data.size() == 0) {
                throw InvalidArgumentException.of("the training data is empty: no images to train on");
            }
            if (test.size() == 0) {
                throw InvalidArgumentException.of("the test data is empty: no images to evaluate on");
            }
            return run(data, test, config, out, resume, listener);
        }
    }

    private static Result run(Dataset train, Dataset test, Config config, Path out, boolean resume, Listener listener)
            throws IOException {
        Sequential model = Architecture.build(config.architecture(), config.seed());
        checkOutputs(model, train);
        Optimizer opt = Optimizer.named(config.optimizer(), model.parameters(), config.lr(), config.weightDecay());
        LrSchedule schedule = LrSchedule.named(config.schedule(), config.lr(), config.epochs());
        Map<String, String> settings = settings(config, train);
        List<EpochResult> history = new ArrayList<>();
        int startEpoch = 0;
        Path checkpoint = out.resolve(CHECKPOINT);
        if (resume) {
            if (!Files.exists(checkpoint)) {
                throw InvalidArgumentException.of("--resume: no checkpoint in %s", out);
            }
            Safetensors.File file = Safetensors.read(checkpoint);
            if (!config.architecture().equals(file.metadata().get("architecture"))) {
                throw InvalidArgumentException.of("--resume: %s holds a different architecture", checkpoint);
            }
            for (Map.Entry<String, String> s : settings.entrySet()) {
                String recorded = file.metadata().get(s.getKey());
                if (!s.getValue().equals(recorded)) {
                    throw InvalidArgumentException.of("--resume: %s was written with %s %s, this run has %s %s;"
                            + " resume with the same setting or train into another --out", checkpoint, OPTION.get(s.getKey()),
                            recorded == null ? "(not recorded)" : recorded, OPTION.get(s.getKey()), s.getValue());
                }
            }
            Checkpoint.load(model, file, checkpoint);
            opt.restore(Checkpoint.optimizerState(file));
            opt.setSteps(Long.parseLong(file.metadata().getOrDefault("optimizer_steps", "0")));
            startEpoch = Integer.parseInt(file.metadata().getOrDefault("epochs_done", "0"));
            history.addAll(readLog(out.resolve(LOG), startEpoch));
        }
        listener.started(model, train.size(), test.size());
        Arena arena = new Arena();
        for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
            opt.setLr(schedule.rate(epoch));
            long epochSeed = config.seed() * 1_000_003L + epoch;
            model.reseed(epochSeed ^ 0x5DEECE66DL);
            model.train();
            int[] order = train.order(new SplittableRandom(epochSeed));
            int batches = (train.size() + config.batch() - 1) / config.batch();
            listener.epochStart(epoch, batches);
            long t0 = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * config.batch();
                int n = Math.min(config.batch(), train.size() - from);
                // the step's activations and gradients live in the arena until the next step reuses them
                try (Arena.Scope step = arena.step()) {
                    Dataset.Batch batch = train.batch(order, from, n);
                    Variable logits = model.forward(Variable.constant(batch.images()));
                    Variable loss = Ops.crossEntropy(logits, batch.labels());
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                    lossSum += loss.value().data()[0] * n;
                    int[] predicted = Evaluation.argmax(logits);
                    for (int i = 0; i < n; i++) {
                        correct += predicted[i] == batch.labels()[i] ? 1 : 0;
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                int seen = from + n;
                listener.batch(epoch, b, lossSum / seen, (double) correct / seen, seen / seconds);
            }
            if (!Double.isFinite(lossSum)) {
                throw InvalidArgumentException.of("training diverged: the loss is %s in epoch %d; lower --lr (now %s)."
                        + " Nothing of this epoch was written", lossSum, epoch + 1, config.lr());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            // in the training batch size and the step's arena: the test batches reuse the step's arrays
            Evaluation eval = Evaluation.of(model, test, evaluationBatch(config), CLASSES, arena);
            EpochResult r = new EpochResult(epoch + 1, opt.lr(), lossSum / train.size(), (double) correct / train.size(),
                    eval.loss(), eval.accuracy(), seconds, train.size() / seconds);
            history.add(r);
            Map<String, String> counters = new LinkedHashMap<>();
            counters.put("epochs_done", Integer.toString(epoch + 1));
            counters.putAll(settings);
            counters.put("test_accuracy", Double.toString(r.testAccuracy()));
            Checkpoint.saveTraining(checkpoint, model, opt, counters);
            writeLog(out.resolve(LOG), history);
            listener.epochEnd(r);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("seed", Long.toString(config.seed()));
        meta.putAll(ModelMetadata.fashionMnist()); // input shape, class names, preprocessing
        if (!history.isEmpty()) {
            meta.put("test_accuracy", Double.toString(history.get(history.size() - 1).testAccuracy()));
        }
        Checkpoint.saveModel(out.resolve(MODEL), model, meta);
        return new Result(model, history);
    }

    /**
     * The test set's batch size: the training batch, whose shapes the arena already holds, but at least
     * {@link Evaluation#BATCH}.
     */
    static int evaluationBatch(Config config) {
        return Math.max(Evaluation.BATCH, config.batch());
    }

    /** The command-line option of each recorded setting, for messages. */
    private static final Map<String, String> OPTION = Map.of("seed", "--seed", "optimizer", "--optimizer", "lr", "--lr",
            "weight_decay", "--weight-decay", "schedule", "--schedule", "batch", "--batch", "limit", "--limit",
            "data", "--data (training images)");

    /** The settings a resumed run must share with the checkpoint, as recorded in its metadata. */
    static Map<String, String> settings(Config c, Dataset train) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("seed", Long.toString(c.seed()));
        s.put("optimizer", c.optimizer());
        s.put("lr", Double.toString(c.lr()));
        s.put("weight_decay", Double.toString(c.weightDecay()));
        s.put("schedule", c.schedule());
        s.put("batch", Integer.toString(c.batch()));
        s.put("limit", c.limit() == 0 ? "all" : Integer.toString(c.limit()));
        s.put("data", train.fingerprint());
        return s;
    }

    /** The model must map one image to {@value #CLASSES} logits; checked on one image before any training. */
    private static void checkOutputs(Sequential model, Dataset train) {
        Dataset.Batch probe = train.batch(train.order(null), 0, 1);
        Variable logits;
        boolean wasTraining = model.training();
        model.eval();
        try (GradMode.Scope off = GradMode.off()) {
            logits = model.forward(Variable.constant(probe.images()));
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        int[] shape = logits.value().shape();
        if (shape.length != 2 || shape[1] != CLASSES) {
            throw InvalidArgumentException.of("the model's output for one %dx%d image has shape %s; it must be [1, %d],"
                    + " one logit per class (end the model with flatten and a linear layer to %d outputs)",
                    train.height(), train.width(), Arrays.toString(shape), CLASSES, CLASSES);
        }
    }

    private static void prepareFolder(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw InvalidArgumentException.of("--out %s: is a file, expected a folder", out);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw InvalidArgumentException.of("--out %s: cannot create the folder (%s)", out, AtomicFiles.describe(e));
        }
        if (!Files.isWritable(out)) {
            throw InvalidArgumentException.of("--out %s: the folder is not writable", out);
        }
    }

    private static FileChannel openLock(Path out) {
        try {
            return FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw InvalidArgumentException.of("--out %s: cannot create the lock file %s (%s)", out, LOCK, AtomicFiles.describe(e));
        }
    }

    private static FileLock tryLock(FileChannel channel, Path out) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw InvalidArgumentException.of("--out %s: another 'convkit train' is writing into this folder (it holds %s);"
                    + " wait for it or choose another --out", out, out.resolve(LOCK));
        }
        return lock;
    }


    /** The trained model and one result per epoch. */
    public record Result(Sequential model, List<EpochResult> history) {
    }

    private static void writeLog(Path path, List<EpochResult> history) throws IOException {
        StringBuilder csv = new StringBuilder(EpochResult.CSV_HEADER).append('\n');
        for (EpochResult r : history) {
            csv.append(r.csv()).append('\n');
        }
        AtomicFiles.writeString(path, csv);
    }

    /** The first {@code epochs} rows of an existing log (what a resumed run continues). */
    static List<EpochResult> readLog(Path path, int epochs) throws IOException {
        List<EpochResult> rows = new ArrayList<>();
        if (!Files.exists(path)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(path);
        for (int i = 1; i < lines.size() && rows.size() < epochs; i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(EpochResult.parse(lines.get(i)));
            }
        }
        return rows;
    }
}
