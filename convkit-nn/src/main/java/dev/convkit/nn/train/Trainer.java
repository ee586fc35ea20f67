package dev.convkit.nn.train;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.Safetensors;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.optim.LrSchedule;
import dev.convkit.nn.optim.Optimizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training loop: seeded initialization, shuffling and dropout (the same seed gives the same
 * numbers at the same thread count, resumed or not), Adam/AdamW/SGD with a cosine or step schedule,
 * evaluation after every epoch, a CSV log, and an atomic checkpoint after every epoch that
 * {@code resume} continues from.
 */
public final class Trainer {
    /** What to train and how. */
    public record Config(String architecture, int epochs, int batch, double lr, long seed, String optimizer,
                         double weightDecay, String schedule) {
        public Config {
            if (epochs < 1 || batch < 1) {
                throw InvalidArgumentException.of("epochs and batch must be positive, got epochs=%d batch=%d", epochs, batch);
            }
            if (!(lr > 0)) {
                throw InvalidArgumentException.of("--lr must be positive, got %s", lr);
            }
        }
    }

    /** The numbers of one finished epoch. */
    public record EpochResult(int epoch, double lr, double trainLoss, double trainAccuracy, double testLoss,
                              double testAccuracy, double seconds, double imagesPerSecond) {
        static final String CSV_HEADER = "epoch,lr,train_loss,train_accuracy,test_loss,test_accuracy,seconds,images_per_second";

        String csv() {
            return String.format(java.util.Locale.ROOT, "%d,%.6g,%.6f,%.6f,%.6f,%.6f,%.3f,%.1f", epoch, lr, trainLoss,
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
        void epochStart(int epoch, int batches);

        void batch(int epoch, int index, double loss, double accuracy, double imagesPerSecond);

        void epochEnd(EpochResult result);
    }

    public static final String CHECKPOINT = "checkpoint.safetensors";
    public static final String MODEL = "model.safetensors";
    public static final String LOG = "train_log.csv";

    private Trainer() {
    }

    static Optimizer optimizer(Config c, Map<String, Variable> params) {
        switch (c.optimizer()) {
            case "adam":
                return new Optimizer.Adam(params, c.lr(), 0.9, 0.999, 1e-8, c.weightDecay(), false);
            case "adamw":
                return new Optimizer.Adam(params, c.lr(), 0.9, 0.999, 1e-8, c.weightDecay(), true);
            case "sgd":
                return new Optimizer.SGD(params, c.lr(), 0.9, true, c.weightDecay());
            default:
                throw InvalidArgumentException.of("unknown optimizer '%s' (adam, adamw, sgd)", c.optimizer());
        }
    }

    static LrSchedule schedule(Config c) {
        switch (c.schedule()) {
            case "cosine":
                return LrSchedule.cosine(c.lr(), 0, c.epochs());
            case "step":
                return LrSchedule.step(c.lr(), Math.max(1, c.epochs() / 3), 0.1);
            case "constant":
                return LrSchedule.constant(c.lr());
            default:
                throw InvalidArgumentException.of("unknown schedule '%s' (cosine, step, constant)", c.schedule());
        }
    }

    /**
     * Trains, writing {@code checkpoint.safetensors} and {@code train_log.csv} into {@code out} after
     * every epoch and {@code model.safetensors} at the end; returns the model and the epoch results.
     */
    public static Result train(Dataset train, Dataset test, Config config, Path out, boolean resume, Listener listener)
            throws IOException {
        Files.createDirectories(out);
        Sequential model = Architecture.build(config.architecture(), config.seed());
        Optimizer opt = optimizer(config, model.parameters());
        LrSchedule schedule = schedule(config);
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
            Checkpoint.load(model, file, checkpoint);
            opt.restore(Checkpoint.optimizerState(file));
            opt.setSteps(Long.parseLong(file.metadata().getOrDefault("optimizer_steps", "0")));
            startEpoch = Integer.parseInt(file.metadata().getOrDefault("epochs_done", "0"));
            history.addAll(readLog(out.resolve(LOG), startEpoch));
        }
        for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
            opt.setLr(schedule.rate(epoch));
            long epochSeed = config.seed() * 1_000_003L + epoch;
            model.reseed(epochSeed ^ 0x5DEECE66DL);
            model.train(true);
            int[] order = train.order(new SplittableRandom(epochSeed));
            int batches = (train.size() + config.batch() - 1) / config.batch();
            listener.epochStart(epoch, batches);
            long t0 = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * config.batch();
                int n = Math.min(config.batch(), train.size() - from);
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
                double seconds = (System.nanoTime() - t0) / 1e9;
                int seen = from + n;
                listener.batch(epoch, b, lossSum / seen, (double) correct / seen, seen / seconds);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Evaluation eval = Evaluation.of(model, test, 256, 10);
            EpochResult r = new EpochResult(epoch + 1, opt.lr(), lossSum / train.size(), (double) correct / train.size(),
                    eval.loss(), eval.accuracy(), seconds, train.size() / seconds);
            history.add(r);
            Map<String, String> counters = new LinkedHashMap<>();
            counters.put("epochs_done", Integer.toString(epoch + 1));
            counters.put("seed", Long.toString(config.seed()));
            counters.put("test_accuracy", Double.toString(r.testAccuracy()));
            Checkpoint.saveTraining(checkpoint, model, opt, counters);
            writeLog(out.resolve(LOG), history);
            listener.epochEnd(r);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("seed", Long.toString(config.seed()));
        meta.put("normalization", "(pixel/255 - " + Dataset.MEAN + ")/" + Dataset.STD);
        if (!history.isEmpty()) {
            meta.put("test_accuracy", Double.toString(history.get(history.size() - 1).testAccuracy()));
        }
        Checkpoint.saveModel(out.resolve(MODEL), model, meta);
        return new Result(model, history);
    }

    /** The trained model and one result per epoch. */
    public record Result(Sequential model, List<EpochResult> history) {
    }

    private static void writeLog(Path path, List<EpochResult> history) throws IOException {
        StringBuilder csv = new StringBuilder(EpochResult.CSV_HEADER).append('\n');
        for (EpochResult r : history) {
            csv.append(r.csv()).append('\n');
        }
        Path temp = Files.createTempFile(path.toAbsolutePath().getParent(), ".train_log", ".tmp");
        Files.writeString(temp, csv, StandardCharsets.UTF_8);
        Files.move(temp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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
