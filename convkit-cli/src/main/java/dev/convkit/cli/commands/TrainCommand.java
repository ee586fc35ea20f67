package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.cli.io.AtomicFiles;
import dev.convkit.cli.render.Heatmaps;
import dev.convkit.cli.render.TrainingCharts;
import dev.convkit.core.backend.Backend;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.train.Trainer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code convkit train}: a CNN on Fashion-MNIST (or any MNIST-style folder of IDX files). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a convolutional network on IDX image data (Fashion-MNIST by default), with a progress bar,",
            "a checkpoint after every epoch (--resume continues from it), a CSV log, curves and first-layer filters.",
            "The layers are the ones the course exercise works through: convolution, max pooling, and their gradients.",
            "",
            "Examples:",
            "  convkit train --epochs 12 --out runs/cnn2",
            "  convkit train --model lenet5 --epochs 5 --lr 0.002 --out runs/lenet",
            "  convkit train --out runs/cnn2 --resume",
            ""})
public final class TrainCommand implements Callable<Integer> {
    static final Path DEFAULT_DATA = Path.of("/usr/share/datasets/fashion-mnist");

    @Option(names = "--data", paramLabel = "DIR", description = "Folder with train-/t10k- images and labels (IDX, .gz or not).")
    Path data;

    @Option(names = "--model", paramLabel = "NAME|SPEC", description = "cnn2 (default), lenet5, tiny, or a layer spec.")
    String model = "cnn2";

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs = 12;

    @Option(names = "--batch", paramLabel = "B", description = "Mini-batch size (default ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default ${DEFAULT-VALUE}), cosine-annealed.")
    double lr = 2e-3;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam (default), adamw or sgd (Nesterov momentum 0.9).")
    String optimizer = "adam";

    @Option(names = "--weight-decay", paramLabel = "X", description = "Weight decay (default 0).")
    double weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME", description = "cosine (default), step or constant.")
    String schedule = "cosine";

    @Option(names = "--seed", paramLabel = "S", description = "Seed of initialization, shuffling and dropout (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: the available processors).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the model, checkpoint, log and pictures (default ${DEFAULT-VALUE}).")
    Path out = Path.of("runs/train");

    @Option(names = "--resume", description = "Continue from the checkpoint in --out.")
    boolean resume;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N training images (quick runs; N >= 1).")
    Integer limit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static Path dataDir(Path given) {
        Path dir = given != null ? given : DEFAULT_DATA;
        if (!Files.isDirectory(dir)) {
            throw new UserError(given == null
                    ? "no training data: " + DEFAULT_DATA + " does not exist. Install Fashion-MNIST with "
                            + "'apt-get install dataset-fashion-mnist', or pass --data DIR (a folder of MNIST-style IDX files)"
                    : "--data " + dir + ": not a folder");
        }
        return dir;
    }

    @Override
    public Integer call() throws IOException {
        if (threads != null) {
            if (threads < 1) {
                throw new UserError("--threads must be at least 1, got " + threads);
            }
            Parallel.setThreads(threads);
        }
        if (limit != null && limit < 1) {
            throw new UserError("--limit must be at least 1, got " + limit);
        }
        // every number is checked (finite, in range) before any data is read
        Trainer.Config config = new Trainer.Config(
                model.contains("(") || model.contains(";") ? model : Architecture.model(model), epochs, batch, lr, seed,
                optimizer, weightDecay, schedule, limit == null ? 0 : limit);
        Path dir = dataDir(data);
        Dataset train;
        Dataset test;
        try {
            train = Dataset.load(dir, Dataset.Split.TRAIN);
            test = Dataset.load(dir, Dataset.Split.TEST);
        } catch (IOException e) {
            throw new UserError("--data " + dir + ": cannot read: " + AtomicFiles.describe(e), e);
        }
        var err = spec.commandLine().getErr();
        BarListener listener = new BarListener(err, epochs, (net, trainImages, testImages) -> err.printf(
                "convkit train: %s, %,d parameters; %,d training and %,d test images; %d thread(s), kernels %s%n",
                model, net.parameterCount(), trainImages, testImages, Parallel.threads(), Backend.active().provider().name()));
        long start = System.nanoTime();
        Trainer.Result result;
        try (listener) {
            result = Trainer.train(train, test, config, out, resume, listener);
        } catch (IOException e) {
            throw new UserError("--out " + out + ": cannot write: " + AtomicFiles.describe(e), e);
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        TrainingCharts.writeCurves(out.resolve("curves.png"), result.history());
        Heatmaps.write(out.resolve("filters.png"), TrainingCharts.filters(result.model()));
        Trainer.EpochResult last = result.history().get(result.history().size() - 1);
        var o = spec.commandLine().getOut();
        o.printf("test accuracy %.4f after %d epochs; %.1f minutes this run; %.0f training images/s in the last epoch%n",
                last.testAccuracy(), last.epoch(), minutes, last.imagesPerSecond());
        o.printf("wrote %s, %s, %s, curves.png, filters.png in %s%n", Trainer.MODEL, Trainer.CHECKPOINT, Trainer.LOG, out);
        return 0;
    }

    /**
     * A progress bar per epoch on stderr: loss, accuracy, images/s and the ETA, as wide as the terminal. The
     * terminal is looked up once a run, before the first epoch, and closed by {@link #close()}: progressbar's own
     * console consumer built a JLine terminal for every bar on the bar's render thread (processes spawned to probe
     * the standard streams, ~100 classes loaded and compiled), so inside the first epoch's clock while its first
     * steps waited for the compiler, and closed it again when the bar closed.
     */
    private static final class BarListener implements Trainer.Listener, AutoCloseable {
        /** What to print once the model is built. */
        interface Start {
            void started(Sequential model, int trainImages, int testImages);
        }

        private final PrintWriter err;
        private final int epochs;
        private final Start start;
        private ProgressBar bar;
        private volatile Terminal terminal; // read on the bars' render thread

        BarListener(PrintWriter err, int epochs, Start start) {
            this.err = err;
            this.epochs = epochs;
            this.start = start;
        }

        @Override
        public void started(Sequential model, int trainImages, int testImages) {
            start.started(model, trainImages, testImages);
            try {
                terminal = TerminalBuilder.builder().dumb(true).build(); // progressbar's lookup: a dumb one if no other
            } catch (IOException | RuntimeException e) {
                terminal = null; // the bars take progressbar's default width
            }
        }

        @Override
        public void epochStart(int epoch, int batches) {
            bar = new ProgressBarBuilder().setTaskName(String.format("epoch %d/%d", epoch + 1, epochs))
                    .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err) {
                        @Override
                        public int getMaxRenderedLength() { // progressbar's rule: the width if 10 or more, else 80, less 1
                            Terminal t = terminal;
                            int width = t == null ? 0 : t.getWidth();
                            return (width >= 10 ? width : 80) - 1;
                        }
                    }).setUpdateIntervalMillis(500).build();
        }

        @Override
        public void batch(int epoch, int index, double loss, double accuracy, double imagesPerSecond) {
            bar.stepTo(index + 1);
            bar.setExtraMessage(String.format(" loss %.4f acc %.4f %.0f img/s", loss, accuracy, imagesPerSecond));
        }

        @Override
        public void epochEnd(Trainer.EpochResult r) {
            bar.close();
            err.printf("epoch %d: train loss %.4f acc %.4f | test loss %.4f acc %.4f | %.1f s, %.0f img/s%n", r.epoch(),
                    r.trainLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy(), r.seconds(), r.imagesPerSecond());
            err.flush();
        }

        /** Closes the terminal the bars measured (a run's bars are closed by then); a failure to close is ignored. */
        @Override
        public void close() {
            if (terminal != null) {
                try {
                    terminal.close();
                } catch (IOException e) {
                    // nothing was written through it: the bars print to System.err
                }
                terminal = null;
            }
        }
    }
}
