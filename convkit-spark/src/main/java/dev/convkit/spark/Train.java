package dev.convkit.spark;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code spark-submit --class dev.convkit.spark.Train}: {@code convkit train} on a Spark cluster, with
 * the same flags plus the Spark ones (--master, --partitions, --average-every, --reduce). Writes the
 * same model, checkpoint and log files.
 *
 * <pre>{@code
 * spark-submit --class dev.convkit.spark.Train convkit-spark/target/convkit-spark.jar \
 *     --data /usr/share/datasets/fashion-mnist --epochs 3 --partitions 8 --out runs/spark
 * }</pre>
 */
@Command(name = "convkit-spark-train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a convolutional network with data-parallel SGD on Spark: synchronous (every step's gradient summed over",
            "the partitions) or, with --average-every K, parameter averaging every K local steps. The flags of 'convkit train',",
            "plus the Spark ones. A checkpoint after every epoch in --out (on the driver); --resume continues from it.",
            "",
            "Examples:",
            "  spark-submit --class dev.convkit.spark.Train convkit-spark.jar --epochs 3 --out runs/spark",
            "  java -cp ... dev.convkit.spark.Train --master local[2] --epochs 3 --out runs/spark",
            ""})
public final class Train implements Callable<Integer> {
    static final Path DEFAULT_DATA = Path.of("/usr/share/datasets/fashion-mnist");

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--data", paramLabel = "PATH", description = "IDX folder (default Fashion-MNIST), image folder (a sub-folder per class) or Parquet (image, label).")
    String data;

    @Option(names = "--test", paramLabel = "PATH", description = "Test data for images/Parquet (IDX uses the t10k- files of --data).")
    String test;

    @Option(names = "--format", paramLabel = "F", description = "idx, images or parquet (default: guessed from --data).")
    String format;

    @Option(names = "--model", paramLabel = "NAME|SPEC", description = "cnn2 (default), lenet5, tiny, or a layer spec.")
    String model = "cnn2";

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs = 12;

    @Option(names = "--batch", paramLabel = "B", description = "Global mini-batch size, split over the partitions (default ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr = 2e-3;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam (default), adamw or sgd (Nesterov momentum 0.9).")
    String optimizer = "adam";

    @Option(names = "--weight-decay", paramLabel = "X", description = "Weight decay (default 0).")
    double weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME", description = "cosine (default), step or constant.")
    String schedule = "cosine";

    @Option(names = "--seed", paramLabel = "S", description = "Seed of initialization, shuffling and dropout (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "T", description = "convkit threads per task (default: spark.task.cpus).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the driver writes model, checkpoint and log (default ${DEFAULT-VALUE}).")
    Path out = Path.of("runs/spark");

    @Option(names = "--resume", description = "Continue from the checkpoint in --out.")
    boolean resume;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N training images (quick runs).")
    Integer limit;

    @Option(names = "--partitions", paramLabel = "P", description = "Data-parallel partitions (default: Spark's default parallelism).")
    Integer partitions;

    @Option(names = "--average-every", paramLabel = "K", description = "Parameter averaging every K local steps (default 0: synchronous).")
    int averageEvery;

    @Option(names = "--reduce", paramLabel = "HOW", description = "ordered (default: partition order on the driver, reproducible) or tree (treeAggregate).")
    String reduce = "ordered";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs with the given streams and returns the exit code (0, 2 for a user error, 1 otherwise). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return Mains.execute(new Train(), "convkit-spark-train", args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 1) {
            throw InvalidArgumentException.of("--limit must be positive, got %d", limit);
        }
        if (partitions != null && partitions < 1) {
            throw InvalidArgumentException.of("--partitions must be positive, got %d", partitions);
        }
        String path = data != null ? data : DEFAULT_DATA.toString();
        if (data == null && !Files.isDirectory(DEFAULT_DATA)) {
            throw new InvalidArgumentException("no training data: " + DEFAULT_DATA + " does not exist. Install Fashion-MNIST with "
                    + "'apt-get install dataset-fashion-mnist', or pass --data PATH");
        }
        if (!path.contains("://") && !Files.exists(Path.of(path))) {
            throw InvalidArgumentException.of("--data %s: no such file or folder", path);
        }
        String fmt = format != null ? format : DataSources.detect(path);
        if (!fmt.equals("idx") && test != null && !test.contains("://") && !Files.exists(Path.of(test))) {
            throw InvalidArgumentException.of("--test %s: no such file or folder", test);
        }
        String layers = model.contains("(") || model.contains(";") ? model : Architecture.model(model);
        Sequential preview = Architecture.build(layers, seed);
        // every flag is checked before Spark starts: partitions and threads are placeholders here
        new SparkTrainer.Config(layers, epochs, batch, lr, seed, optimizer, weightDecay, schedule, 1, averageEvery, reduce,
                threads != null ? threads : 1);
        if (!java.util.List.of("idx", "images", "parquet").contains(fmt)) {
            throw InvalidArgumentException.of("--format must be idx, images or parquet, got '%s'", fmt);
        }
        if (resume && !Files.isRegularFile(out.resolve(SparkTrainer.CHECKPOINT))) {
            throw InvalidArgumentException.of("--resume: no %s in %s", SparkTrainer.CHECKPOINT, out);
        }
        PrintWriter err = spec.commandLine().getErr();
        try (Mains.Session s = Mains.session("convkit-train", master)) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(s.spark().sparkContext());
            int p = partitions != null ? partitions : sc.defaultParallelism();
            int t = threads != null ? threads : sc.getConf().getInt("spark.task.cpus", 1);
            SparkTrainer.Config config = new SparkTrainer.Config(layers, epochs, batch, lr, seed, optimizer, weightDecay,
                    schedule, p, averageEvery, reduce, t);
            JavaRDD<Example> trainData = DataSources.read(s.spark(), fmt, path, true, limit == null ? 0 : limit, p);
            JavaRDD<Example> testData = fmt.equals("idx") ? DataSources.read(s.spark(), fmt, path, false, 0, p)
                    : test == null ? null : DataSources.read(s.spark(), fmt, test, false, 0, p);
            err.printf("convkit-spark train: %s, %,d parameters; %s %s; master %s, %d partitions, %s, %d convkit thread(s) per task%n",
                    model, preview.parameterCount(), fmt, path, sc.master(), p,
                    averageEvery == 0 ? "synchronous" : "averaging every " + averageEvery + " steps", t);
            err.flush();
            long start = System.nanoTime();
            SparkTrainer.Result result = SparkTrainer.train(sc, trainData, testData, config, out, resume, new Progress(err, epochs));
            double minutes = (System.nanoTime() - start) / 6e10;
            SparkTrainer.EpochResult last = result.history().get(result.history().size() - 1);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("test accuracy %.4f after %d epochs; %.1f minutes this run; %.0f training images/s in the last epoch%n",
                    last.testAccuracy(), last.epoch(), minutes, last.imagesPerSecond());
            o.printf("wrote %s, %s, %s in %s%n", SparkTrainer.MODEL, SparkTrainer.CHECKPOINT, SparkTrainer.LOG, out);
        }
        return 0;
    }

    /** A line every tenth of an epoch and one per epoch, on stderr. */
    private static final class Progress implements SparkTrainer.Listener {
        private final PrintWriter err;
        private final int epochs;

        Progress(PrintWriter err, int epochs) {
            this.err = err;
            this.epochs = epochs;
        }

        @Override
        public void round(int epoch, int round, int rounds, double loss, double accuracy) {
            int every = Math.max(1, rounds / 10);
            if ((round + 1) % every == 0 && round + 1 < rounds) {
                err.printf("epoch %d/%d: %d/%d rounds, loss %.4f acc %.4f%n", epoch + 1, epochs, round + 1, rounds, loss, accuracy);
                err.flush();
            }
        }

        @Override
        public void epochEnd(SparkTrainer.EpochResult r) {
            err.printf("epoch %d: train loss %.4f acc %.4f | test loss %.4f acc %.4f | %.1f s, %.0f img/s, %d rounds, "
                            + "%.1f ms Spark overhead per round, %,d B results + %,d B broadcast per round%n", r.epoch(),
                    r.trainLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy(), r.seconds(), r.imagesPerSecond(),
                    r.rounds(), r.overheadMillisPerRound(), r.resultBytesPerRound(), r.broadcastBytesPerRound());
            err.flush();
        }
    }
}
