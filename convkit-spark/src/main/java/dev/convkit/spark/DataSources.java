package dev.convkit.spark;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.nn.data.IdxReader;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Labelled images as an RDD of {@link Example}s, from three sources:
 * <ul>
 *   <li>{@code idx}: an MNIST-style folder ({@code train-}/{@code t10k-images-idx3-ubyte[.gz]} and labels), read
 *       on the driver with convkit-nn's {@link IdxReader} and parallelized;</li>
 *   <li>{@code images}: a folder with one sub-folder per class (named {@code 0}..{@code 9}, or any names, taken
 *       in sorted order), read by Spark's {@code binaryFile} source and decoded on the executors;</li>
 *   <li>{@code parquet}: a table with an integer {@code label} column and an {@code image} column (binary: an
 *       encoded image or 784 raw pixels; or an array of 784 numbers 0-255), read by Spark.</li>
 * </ul>
 * Examples are numbered 0..n-1 in a stable order (file order, path order, or sorted by the table's
 * own order after {@code zipWithIndex}), which the seeded epoch shuffle permutes.
 *
 * <pre>{@code
 * JavaRDD<Example> train = DataSources.read(spark, "idx", Path.of("/usr/share/datasets/fashion-mnist"), true, 0, 2);
 * }</pre>
 */
public final class DataSources {
    private DataSources() {
    }

    /** Guesses the format of a path: IDX files inside, Parquet files (or a .parquet name), else an image folder. */
    public static String detect(String path) {
        Path p = Path.of(path);
        if (path.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return "parquet";
        }
        if (Files.isDirectory(p)) {
            try (var files = Files.list(p)) {
                List<String> names = files.map(f -> f.getFileName().toString()).toList();
                if (names.stream().anyMatch(n -> n.contains("-idx") || n.contains(".idx"))) {
                    return "idx";
                }
                if (names.stream().anyMatch(n -> n.endsWith(".parquet"))) {
                    return "parquet";
                }
            } catch (IOException e) {
                throw InvalidArgumentException.of("--data %s: cannot list the folder (%s)", path, e.getMessage());
            }
        }
        return "images";
    }

    /**
     * The examples of {@code path} in {@code format} (idx, images, parquet). For IDX, {@code train} picks the
     * {@code train-} or {@code t10k-} files; {@code limit > 0} keeps the first {@code limit} examples.
     */
    public static JavaRDD<Example> read(SparkSession spark, String format, String path, boolean train, int limit,
                                        int partitions) throws IOException {
        switch (format) {
            case "idx":
                return idx(JavaSparkContext.fromSparkContext(spark.sparkContext()), Path.of(path), train, limit, partitions);
            case "images":
                return images(spark, path, limit, partitions);
            case "parquet":
                return parquet(spark, path, limit, partitions);
            default:
                throw InvalidArgumentException.of("--format must be idx, images or parquet, got '%s'", format);
        }
    }

    /** The IDX split as a list (driver side). */
    static List<Example> idxExamples(Path dir, boolean train, int limit) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw InvalidArgumentException.of("--data %s: not a folder", dir);
        }
        String prefix = train ? "train" : "t10k";
        Path imageFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelFile = find(dir, prefix + "-labels-idx1-ubyte");
        IdxReader.Idx img = IdxReader.read(imageFile);
        IdxReader.Idx lab = IdxReader.read(labelFile);
        if (img.dims().length != 3 || img.dims()[1] != Pixels.SIDE || img.dims()[2] != Pixels.SIDE) {
            throw InvalidArgumentException.of("%s: images must be (count, 28, 28), got %s", imageFile,
                    Arrays.toString(img.dims()));
        }
        if (lab.dims().length != 1 || lab.count() != img.count()) {
            throw InvalidArgumentException.of("%s has %d images but %s has %s labels", imageFile, img.count(), labelFile,
                    Arrays.toString(lab.dims()));
        }
        int n = limit > 0 ? Math.min(limit, img.count()) : img.count();
        List<Example> out = new ArrayList<>(n);
        byte[] all = img.data();
        for (int i = 0; i < n; i++) {
            int label = lab.data()[i] & 0xff;
            if (label > 9) {
                throw InvalidArgumentException.of("%s: label %d at %d is outside 0..9", labelFile, label, i);
            }
            out.add(new Example(i, label, Arrays.copyOfRange(all, i * Pixels.PLANE, (i + 1) * Pixels.PLANE)));
        }
        return out;
    }

    private static JavaRDD<Example> idx(JavaSparkContext sc, Path dir, boolean train, int limit, int partitions)
            throws IOException {
        return sc.parallelize(idxExamples(dir, train, limit), partitions);
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base + ".gz", base, base.replace("-idx", ".idx")}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw InvalidArgumentException.of("--data %s: no %s(.gz) here", dir, base);
    }

    private static JavaRDD<Example> images(SparkSession spark, String path, int limit, int partitions) {
        if (!Files.isDirectory(Path.of(path)) && !path.contains("://")) {
            throw InvalidArgumentException.of("--data %s: not a folder (expected one sub-folder of images per class)", path);
        }
        Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(path)
                .select("path", "content").orderBy("path");
        // the class is the name of the file's parent folder; classes are numbered in sorted order
        Dataset<Row> labelled = files.withColumn("class", functions.element_at(functions.split(files.col("path"), "/"), -2));
        List<String> classes = new ArrayList<>();
        for (Row r : labelled.select("class").distinct().orderBy("class").collectAsList()) {
            classes.add(r.getString(0));
        }
        if (classes.isEmpty()) {
            throw InvalidArgumentException.of("--data %s: no image files found", path);
        }
        boolean numeric = classes.stream().allMatch(c -> c.matches("\\d+"));
        List<String> order = new ArrayList<>(classes);
        JavaRDD<Row> rows = labelled.javaRDD();
        if (limit > 0) {
            rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(labelled.limit(limit).collectAsList());
        }
        return rows.zipWithIndex().map((Tuple2<Row, Long> t) -> {
            Row r = t._1();
            String cls = r.getString(2);
            int label = numeric ? Integer.parseInt(cls) : order.indexOf(cls);
            return new Example(t._2(), label, Pixels.grayscale((byte[]) r.get(1), r.getString(0)));
        }).repartition(partitions);
    }

    private static JavaRDD<Example> parquet(SparkSession spark, String path, int limit, int partitions) {
        Dataset<Row> table = spark.read().parquet(path);
        StructField image = field(table, "image", path);
        StructField label = field(table, "label", path);
        if (!(label.dataType() instanceof org.apache.spark.sql.types.IntegralType)) {
            throw InvalidArgumentException.of("%s: column 'label' must be an integer, got %s", path, label.dataType().simpleString());
        }
        DataType type = image.dataType();
        boolean binary = type.equals(DataTypes.BinaryType);
        if (!binary && !(type instanceof org.apache.spark.sql.types.ArrayType)) {
            throw InvalidArgumentException.of("%s: column 'image' must be binary (an encoded image or 784 raw pixels) or an "
                    + "array of 784 numbers 0-255, got %s", path, type.simpleString());
        }
        Dataset<Row> t = table.select(functions.col("image"), functions.col("label").cast("int"));
        if (limit > 0) {
            t = t.limit(limit);
        }
        return t.javaRDD().zipWithIndex().map((Tuple2<Row, Long> p) -> {
            Row r = p._1();
            String where = path + " row " + p._2();
            if (r.isNullAt(1)) {
                throw InvalidArgumentException.of("%s: label is null", where);
            }
            byte[] px;
            if (binary) {
                px = Pixels.grayscale((byte[]) r.get(0), where);
            } else {
                List<Object> values = r.getList(0);
                if (values.size() != Pixels.PLANE) {
                    throw InvalidArgumentException.of("%s: image has %d values; expected %d (28x28)", where, values.size(),
                            Pixels.PLANE);
                }
                px = new byte[Pixels.PLANE];
                for (int i = 0; i < px.length; i++) {
                    px[i] = (byte) Math.max(0, Math.min(255, Math.round(((Number) values.get(i)).doubleValue())));
                }
            }
            return new Example(p._2(), r.getInt(1), px);
        }).repartition(partitions);
    }

    private static StructField field(Dataset<Row> table, String name, String path) {
        for (StructField f : table.schema().fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw InvalidArgumentException.of("%s: no column '%s' (columns: %s)", path, name, String.join(", ", table.columns()));
    }
}
