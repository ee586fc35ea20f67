package dev.convkit.spark;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.nn.io.ModelMetadata;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code spark-submit --class dev.convkit.spark.Predict}: {@code convkit predict} as a batch job. Classifies
 * image files (read with Spark's {@code binaryFile} source), the test split of an IDX folder, or a
 * Parquet table through {@link ConvkitClassifier}, and writes Parquet: the source columns, {@code
 * prediction} (int), {@code class} (its name) and {@code probability} (array of doubles). With labels
 * (IDX, or a {@code label} column) it prints the accuracy.
 *
 * <pre>{@code
 * spark-submit --class dev.convkit.spark.Predict convkit-spark.jar --model runs/spark/model.safetensors \
 *     --idx /usr/share/datasets/fashion-mnist --out runs/predictions.parquet
 * }</pre>
 */
@Command(name = "convkit-spark-predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Classify images with a trained model on Spark and write the predictions as Parquet. Images are read as",
            "grayscale, resized to 28x28 and normalized like the training data, as 'convkit predict' does.",
            "",
            "Examples:",
            "  spark-submit --class dev.convkit.spark.Predict convkit-spark.jar --model model.safetensors --out p.parquet photos/",
            "  ... --model model.safetensors --idx /usr/share/datasets/fashion-mnist --out p.parquet   (prints the accuracy)",
            ""})
public final class Predict implements Callable<Integer> {
    static final String[] CLASSES = ModelMetadata.FASHION_MNIST_CLASSES.toArray(new String[0]);

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.safetensors.")
    Path model;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Image files or folders (PNG/JPEG/GIF/BMP), read by Spark's binaryFile source.")
    List<String> images = new ArrayList<>();

    @Option(names = "--idx", paramLabel = "DIR", description = "Classify the test split (t10k-) of this IDX folder instead.")
    Path idx;

    @Option(names = "--parquet", paramLabel = "PATH", description = "Classify a Parquet table instead (column --input-col; a 'label' column is kept).")
    String parquet;

    @Option(names = "--input-col", paramLabel = "NAME", description = "The image column of --parquet (default ${DEFAULT-VALUE}).")
    String inputCol = "image";

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Where to write the Parquet predictions.")
    String out;

    @Option(names = "--overwrite", description = "Replace --out when it exists.")
    boolean overwrite;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "P", description = "Partitions of IDX input (default: Spark's default parallelism).")
    Integer partitions;

    @Option(names = "--batch", paramLabel = "B", description = "Images per forward pass (default ${DEFAULT-VALUE}).")
    int batch = 256;

    @Option(names = "--threads", paramLabel = "T", description = "convkit threads per executor (default: its processors).")
    int threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs with the given streams and returns the exit code (0, 2 for a user error, 1 otherwise). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return Mains.execute(new Predict(), "convkit-spark-predict", args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        int sources = (images.isEmpty() ? 0 : 1) + (idx == null ? 0 : 1) + (parquet == null ? 0 : 1);
        if (sources != 1) {
            throw new InvalidArgumentException("give exactly one input: IMAGE files/folders, --idx DIR or --parquet PATH");
        }
        if (!Files.isRegularFile(model)) {
            throw InvalidArgumentException.of("--model %s: no such file", model);
        }
        if (batch < 1) {
            throw InvalidArgumentException.of("--batch must be positive, got %d", batch);
        }
        if (threads < 0) {
            throw InvalidArgumentException.of("--threads must be 0 or positive, got %d", threads);
        }
        if (!overwrite && !out.contains("://") && Files.exists(Path.of(out))) {
            throw InvalidArgumentException.of("--out %s exists (pass --overwrite to replace it)", out);
        }
        for (String image : images) {
            if (!image.contains("://") && !image.contains("*") && !Files.exists(Path.of(image))) {
                throw InvalidArgumentException.of("%s: no such file or folder", image);
            }
        }
        ConvkitClassifier classifier = ConvkitClassifier.fromModelFile(model).setBatchSize(batch).setThreads(threads);
        try (Mains.Session s = Mains.session("convkit-predict", master)) {
            SparkSession spark = s.spark();
            org.apache.spark.sql.Dataset<Row> input;
            if (idx != null) {
                List<Example> examples = DataSources.idxExamples(idx, false, 0);
                List<Row> rows = new ArrayList<>(examples.size());
                for (Example e : examples) {
                    rows.add(RowFactory.create(e.id(), e.label(), e.pixels()));
                }
                StructType schema = new StructType().add("id", DataTypes.LongType, false).add("label", DataTypes.IntegerType, false)
                        .add("image", DataTypes.BinaryType, false);
                int p = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
                input = spark.createDataFrame(rows, schema).repartition(p);
                classifier.setInputCol("image");
            } else if (parquet != null) {
                input = spark.read().parquet(parquet);
                classifier.setInputCol(inputCol);
            } else {
                input = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                        .load(images.toArray(new String[0])).select("path", "content");
                classifier.setInputCol("content");
            }
            org.apache.spark.sql.Dataset<Row> predicted = classifier.transform(input);
            org.apache.spark.sql.Column prediction = org.apache.spark.sql.functions.col("prediction").cast("int");
            org.apache.spark.sql.Column names = org.apache.spark.sql.functions.array(java.util.Arrays.stream(CLASSES)
                    .map(org.apache.spark.sql.functions::lit).toArray(org.apache.spark.sql.Column[]::new));
            org.apache.spark.sql.Dataset<Row> table = predicted.drop(classifier.getOrDefault(classifier.inputCol()))
                    .withColumn("class", org.apache.spark.sql.functions.element_at(names, prediction.plus(1)))
                    .withColumn("prediction", prediction)
                    .withColumn("probability", functions.vector_to_array(org.apache.spark.sql.functions.col("probability"),
                            "float64"))
                    .select(java.util.stream.Stream.concat(java.util.Arrays.stream(input.columns())
                                    .filter(c -> !c.equals(classifier.getOrDefault(classifier.inputCol()))),
                            java.util.stream.Stream.of("prediction", "class", "probability"))
                            .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
            // Spark's commit protocol: the files appear under --out only when the job succeeds
            table.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(out);
            org.apache.spark.sql.Dataset<Row> written = spark.read().parquet(out);
            PrintWriter o = spec.commandLine().getOut();
            long count = written.count();
            if (java.util.Arrays.asList(written.columns()).contains("label")) {
                long correct = written.filter("label = prediction").count();
                o.printf("accuracy %.4f (%d of %d images)%n", (double) correct / Math.max(1, count), correct, count);
            }
            o.printf("wrote %d predictions to %s%n", count, out);
        }
        return 0;
    }
}
