package dev.convkit.spark;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.layers.Sequential;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Spark ML {@link Transformer} that classifies images with a convkit model: it adds a
 * {@code prediction} column (the class, a double as Spark ML's classifiers do) and a
 * {@code probability} column (a vector of the class probabilities) to a DataFrame. The model's
 * values are broadcast once per {@code transform}; each executor decodes them once and runs the
 * forward passes in batches on its single convkit thread pool ({@code threads} sets its size).
 *
 * <p>The input column ({@code inputCol}, default {@code image}) holds, per row, one of:
 * binary: an encoded image (PNG, JPEG, GIF, BMP; read as grayscale and resized to 28x28, as
 * {@code convkit predict} does) or 784 raw pixels, e.g. the {@code content} of Spark's
 * {@code binaryFile} source; an array of 784 numbers 0-255 (pixels); or an ML vector of 784 values:
 * the model's input tensor, already normalized. It saves and loads through ML persistence (the
 * model is stored as {@code data/model.safetensors}) and fits into a {@link org.apache.spark.ml.Pipeline}.
 *
 * <pre>{@code
 * ConvkitClassifier classifier = ConvkitClassifier.fromModelFile(Path.of("runs/spark/model.safetensors"))
 *         .setInputCol("content");
 * Dataset<Row> images = spark.read().format("binaryFile").load("photos/");
 * classifier.transform(images).select("path", "prediction", "probability").show();
 * classifier.write().overwrite().save("models/classifier");
 * ConvkitClassifier again = ConvkitClassifier.load("models/classifier");
 * }</pre>
 */
public final class ConvkitClassifier extends Transformer implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Weights weights;
    private final Param<String> inputCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final IntParam batchSize;
    private final IntParam threads;

    /** A classifier for {@code model} (its current values are copied). */
    public ConvkitClassifier(Sequential model) {
        this(Identifiable$.MODULE$.randomUID("convkit"), Weights.of(model));
    }

    private ConvkitClassifier(String uid, Weights weights) {
        this.uid = uid;
        this.weights = weights;
        this.inputCol = new Param<>(uid, "inputCol", "the column of images (binary), pixel arrays or input vectors");
        this.predictionCol = new Param<>(uid, "predictionCol", "the column to add with the predicted class");
        this.probabilityCol = new Param<>(uid, "probabilityCol", "the column to add with the class probabilities");
        this.batchSize = new IntParam(uid, "batchSize", "images per forward pass (> 0)");
        this.threads = new IntParam(uid, "threads", "convkit threads per executor (0: the executor's processors)");
        setDefault(inputCol, "image");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(batchSize, 256);
        setDefault(threads, 0);
    }

    /** A classifier for a model file written by {@code convkit train} or {@link Train}. */
    public static ConvkitClassifier fromModelFile(Path file) throws IOException {
        return new ConvkitClassifier(Checkpoint.loadModel(file));
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public IntParam threads() {
        return threads;
    }

    public ConvkitClassifier setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public ConvkitClassifier setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public ConvkitClassifier setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public ConvkitClassifier setBatchSize(int value) {
        if (value < 1) {
            throw InvalidArgumentException.of("batchSize must be positive, got %d", value);
        }
        set(batchSize, value);
        return this;
    }

    public ConvkitClassifier setThreads(int value) {
        if (value < 0) {
            throw InvalidArgumentException.of("threads must be 0 or positive, got %d", value);
        }
        set(threads, value);
        return this;
    }

    /** The model (a fresh copy with the classifier's values), e.g. to evaluate it on one machine. */
    public Sequential model() {
        Sequential m = dev.convkit.nn.layers.Architecture.build(weights.spec, 0);
        weights.loadInto(m);
        return m;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String in = getOrDefault(inputCol);
        StructField field = null;
        for (StructField f : schema.fields()) {
            if (f.name().equals(in)) {
                field = f;
            }
        }
        if (field == null) {
            throw InvalidArgumentException.of("ConvkitClassifier: inputCol '%s' is not a column (columns: %s)", in,
                    String.join(", ", schema.fieldNames()));
        }
        kind(field.dataType(), in);
        for (String out : new String[] {getOrDefault(predictionCol), getOrDefault(probabilityCol)}) {
            for (String existing : schema.fieldNames()) {
                if (existing.equals(out)) {
                    throw InvalidArgumentException.of("ConvkitClassifier: output column '%s' already exists", out);
                }
            }
        }
        return schema.add(getOrDefault(predictionCol), DataTypes.DoubleType, false)
                .add(getOrDefault(probabilityCol), SQLDataTypes.VectorType(), false);
    }

    private static char kind(DataType type, String column) {
        if (type.equals(DataTypes.BinaryType)) {
            return 'b';
        }
        if (type instanceof ArrayType a && a.elementType() instanceof NumericType) {
            return 'a';
        }
        if (type.equals(SQLDataTypes.VectorType())) {
            return 'v';
        }
        throw InvalidArgumentException.of("ConvkitClassifier: column '%s' must be binary (an image), an array of 784 numbers "
                + "0-255, or a vector of 784 normalized values; it is %s", column, type.simpleString());
    }

    @Override
    public org.apache.spark.sql.Dataset<Row> transform(org.apache.spark.sql.Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        String in = getOrDefault(inputCol);
        int column = dataset.schema().fieldIndex(in);
        char kind = kind(dataset.schema().fields()[column].dataType(), in);
        int batch = (Integer) getOrDefault(batchSize);
        int poolSize = (Integer) getOrDefault(threads);
        Broadcast<Weights> model = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext()).broadcast(weights);
        MapPartitionsFunction<Row, Row> classify = rows -> new Batches(rows, model, column, kind, in, batch, poolSize);
        return dataset.toDF().mapPartitions(classify, Encoders.row(out));
    }

    /** The rows of one partition, classified a batch at a time. */
    private static final class Batches implements Iterator<Row> {
        /** Each executor decodes a broadcast model once: by broadcast id. */
        private static final Map<Long, Weights> DECODED = new ConcurrentHashMap<>();

        private final Iterator<Row> rows;
        private final Sequential net;
        private final int column;
        private final char kind;
        private final String name;
        private final int batch;
        private final List<Row> ready = new ArrayList<>();
        private int next;

        Batches(Iterator<Row> rows, Broadcast<Weights> model, int column, char kind, String name, int batch, int poolSize) {
            this.rows = rows;
            if (poolSize > 0) {
                Parallel.setThreads(poolSize);
            }
            this.net = DECODED.computeIfAbsent(model.id(), id -> model.value()).model();
            this.net.eval();
            this.column = column;
            this.kind = kind;
            this.name = name;
            this.batch = batch;
        }

        @Override
        public boolean hasNext() {
            if (next < ready.size()) {
                return true;
            }
            ready.clear();
            next = 0;
            List<Row> chunk = new ArrayList<>(batch);
            while (chunk.size() < batch && rows.hasNext()) {
                chunk.add(rows.next());
            }
            if (chunk.isEmpty()) {
                return false;
            }
            float[] x = new float[chunk.size() * Pixels.PLANE];
            for (int i = 0; i < chunk.size(); i++) {
                input(chunk.get(i), x, i * Pixels.PLANE);
            }
            float[] logp;
            try (GradMode.Scope off = GradMode.off()) {
                logp = Ops.logSoftmax(net.forward(Variable.constant(Tensor.wrap(x, chunk.size(), 1, Pixels.SIDE, Pixels.SIDE))).value());
            }
            int k = logp.length / chunk.size();
            for (int i = 0; i < chunk.size(); i++) {
                double[] p = new double[k];
                int best = 0;
                for (int c = 0; c < k; c++) {
                    p[c] = Math.exp(logp[i * k + c]);
                    if (logp[i * k + c] > logp[i * k + best]) {
                        best = c;
                    }
                }
                Row r = chunk.get(i);
                Object[] values = new Object[r.size() + 2];
                for (int j = 0; j < r.size(); j++) {
                    values[j] = r.get(j);
                }
                values[r.size()] = (double) best;
                values[r.size() + 1] = (Vector) new DenseVector(p);
                ready.add(RowFactory.create(values));
            }
            return true;
        }

        private void input(Row r, float[] x, int at) {
            if (r.isNullAt(column)) {
                throw InvalidArgumentException.of("ConvkitClassifier: column '%s' is null in a row", name);
            }
            switch (kind) {
                case 'b': {
                    byte[] px = Pixels.grayscale((byte[]) r.get(column), "column '" + name + "'");
                    for (int i = 0; i < Pixels.PLANE; i++) {
                        x[at + i] = ((px[i] & 0xff) / 255f - Dataset.MEAN) / Dataset.STD;
                    }
                    break;
                }
                case 'a': {
                    List<Object> values = r.getList(column);
                    check(values.size());
                    for (int i = 0; i < Pixels.PLANE; i++) {
                        x[at + i] = (((Number) values.get(i)).floatValue() / 255f - Dataset.MEAN) / Dataset.STD;
                    }
                    break;
                }
                default: {
                    Vector v = (Vector) r.get(column);
                    check(v.size());
                    for (int i = 0; i < Pixels.PLANE; i++) {
                        x[at + i] = (float) v.apply(i);
                    }
                }
            }
        }

        private void check(int size) {
            if (size != Pixels.PLANE) {
                throw InvalidArgumentException.of("ConvkitClassifier: column '%s' has a row of %d values; the model takes %d "
                        + "(28x28)", name, size, Pixels.PLANE);
            }
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.get(next++);
        }
    }

    @Override
    public ConvkitClassifier copy(ParamMap extra) {
        return copyValues(new ConvkitClassifier(uid, weights), extra);
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** The ML persistence reader (used by {@code ConvkitClassifier.load} and {@code PipelineModel.load}). */
    public static MLReader<ConvkitClassifier> read() {
        return new Reader();
    }

    /** Loads a classifier saved with {@code write().save(path)}. */
    public static ConvkitClassifier load(String path) {
        return read().load(path);
    }

    private static final String MODEL_FILE = "data/model.safetensors";

    /** Params as Spark's default metadata, the model as a safetensors file beside it. */
    private static final class Writer extends MLWriter {
        private final ConvkitClassifier instance;

        Writer(ConvkitClassifier instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
            try {
                Path local = Files.createTempDirectory("convkit-model");
                try {
                    Path file = local.resolve("model.safetensors");
                    Checkpoint.saveModel(file, instance.model(), Map.of());
                    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
                    FileSystem fs = target.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                    // copied under a temporary name, then renamed: readers never see half a model
                    org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(path, MODEL_FILE + ".tmp");
                    fs.copyFromLocalFile(true, true, new org.apache.hadoop.fs.Path(file.toUri()), temp);
                    fs.delete(target, false);
                    if (!fs.rename(temp, target)) {
                        throw new IOException("cannot rename " + temp + " to " + target);
                    }
                } finally {
                    try (var files = Files.walk(local)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static final class Reader extends MLReader<ConvkitClassifier> {
        @Override
        public ConvkitClassifier load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    ConvkitClassifier.class.getName());
            try {
                Path local = Files.createTempFile("convkit-model", ".safetensors");
                try {
                    org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
                    FileSystem fs = source.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                    fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
                    ConvkitClassifier c = new ConvkitClassifier(metadata.uid(), Weights.of(Checkpoint.loadModel(local)));
                    metadata.getAndSetParams(c, Option.empty());
                    return c;
                } finally {
                    Files.deleteIfExists(local);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
