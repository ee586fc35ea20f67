package dev.convkit.nn.inference;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.ModelFormat;
import dev.convkit.nn.io.ModelMetadata;
import dev.convkit.nn.layers.Module;
import dev.convkit.nn.train.Evaluation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * A trained network for inference: loaded from a file, in evaluation mode, with the preprocessing,
 * class names and input shape its metadata records ({@link ModelMetadata}; models saved before
 * these were recorded are Fashion-MNIST models and get its defaults).
 *
 * <p><b>Formats.</b> convkit-nn reads safetensors files written by {@code convkit train} (or
 * {@link Checkpoint#saveModel}); other formats are {@link ModelFormat}s found with the
 * {@link ServiceLoader} (convkit-onnx adds ONNX). A file no format reads is refused with one line
 * naming it.
 *
 * <p><b>Threads.</b> A Model is safe for concurrent use: {@code predict} only reads the network
 * (evaluation mode is fixed at load, no gradients are recorded, batch norm reads its running
 * statistics), and the kernels split work so that every output is the same bits whatever the thread
 * count or the number of concurrent callers. Do not train or change {@link #network()} while others
 * predict. Fractional max pooling draws fresh windows on every call (as in PyTorch), so the outputs
 * of a network with it vary from call to call. By default the kernels run on the shared pool of
 * {@link Parallel}; {@link #withThreads} gives a model a pool of its own.
 *
 * <pre>{@code
 * Path file = Files.createTempFile("model", ".safetensors");
 * Sequential net = Architecture.build(Architecture.model("tiny"), 7);
 * Checkpoint.saveModel(file, net, ModelMetadata.fashionMnist());
 *
 * Model model = Model.load(file);
 * Tensor logits = model.predict(Tensor.zeros(4, 1, 28, 28));          // a batch of prepared inputs
 * assert Arrays.equals(logits.shape(), new int[] {4, 10});
 *
 * BufferedImage picture = new BufferedImage(90, 60, BufferedImage.TYPE_INT_RGB); // any size, any colours
 * Model.Prediction p = model.withThreads(2).predict(picture);
 * assert p.label().equals(model.classes().get(p.index())) && p.probabilities().length == 10;
 *
 * Path onnx = file.resolveSibling("absent.onnx");
 * Files.write(onnx, new byte[] {8, 7});
 * try {
 *     Model.load(onnx);                         // without convkit-onnx (a ModelFormat) on the class path
 *     assert false;
 * } catch (InvalidArgumentException e) {
 *     assert e.getMessage().equals(onnx + ": ONNX models need convkit-onnx on the class path");
 * }
 * Files.delete(onnx);
 * Files.delete(file);
 * }</pre>
 */
public final class Model {
    private final Module network;
    private final Map<String, String> metadata;
    private final Preprocessing preprocessing;
    private final List<String> classes;
    private final int[] inputShape;
    private final ForkJoinPool pool;

    private Model(Module network, Map<String, String> metadata, ForkJoinPool pool) {
        this.network = network;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.preprocessing = Preprocessing.of(metadata);
        this.classes = ModelMetadata.classes(metadata);
        this.inputShape = inputShape(metadata, preprocessing);
        this.pool = pool;
        network.eval();
    }

    /**
     * Loads a model file: safetensors, or any format a {@link ModelFormat} on the class path reads.
     *
     * @throws InvalidArgumentException one line naming the file: missing, unreadable by every format, or corrupt
     * @throws IOException              when the file cannot be read
     */
    public static Model load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new InvalidArgumentException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidArgumentException(file + ": is a directory, expected a model file");
        }
        if (isSafetensors(file)) {
            ModelFormat.Loaded loaded = Checkpoint.readModel(file);
            return new Model(loaded.network(), loaded.metadata(), null);
        }
        for (ModelFormat format : ServiceLoader.load(ModelFormat.class)) {
            if (format.reads(file)) {
                ModelFormat.Loaded loaded = format.load(file);
                return new Model(loaded.network(), loaded.metadata(), null);
            }
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            throw new InvalidArgumentException(file + ": ONNX models need convkit-onnx on the class path");
        }
        throw new InvalidArgumentException(file + ": not a model file convkit can read (safetensors, or ONNX with"
                + " convkit-onnx on the class path)");
    }

    /** By extension, or by the safetensors layout: an 8-byte little-endian header length, then '{'. */
    private static boolean isSafetensors(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(9);
            if (head.length < 9 || head[8] != '{') {
                return false;
            }
            long length = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            return length >= 2 && length <= Files.size(file) - 8;
        }
    }

    /**
     * This model with its kernels on a pool of {@code threads} threads of its own instead of the
     * shared one; the network is shared, not copied. The pool's threads are daemons.
     */
    public Model withThreads(int threads) {
        return new Model(network, metadata, Parallel.newPool(threads));
    }

    /**
     * The network's output for a batch of prepared inputs: (N, *{@link #inputShape()}) in, logits
     * (N, classes) out (whatever the network's last layer gives).
     */
    public Tensor predict(Tensor batch) {
        int[] s = batch.shape();
        if (s.length != inputShape.length + 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), inputShape)) {
            throw InvalidArgumentException.of("predict: the batch must have shape (N, %s), got %s",
                    Shape.toString(inputShape).replaceAll("[\\[\\]]", ""), Shape.toString(s));
        }
        return run(() -> {
            try (GradMode.Scope off = GradMode.off()) {
                return network.forward(Variable.constant(batch)).value();
            }
        });
    }

    private Tensor run(Supplier<Tensor> work) {
        if (pool == null) {
            return work.get();
        }
        Tensor[] out = new Tensor[1];
        Parallel.within(pool, () -> out[0] = work.get());
        return out[0];
    }

    /** The class of one picture, with the preprocessing this model records. */
    public Prediction predict(BufferedImage image) {
        return classify(prepare(image)).get(0);
    }

    /** The class of each input of a prepared batch (N, *{@link #inputShape()}), from the softmax of the logits. */
    public List<Prediction> classify(Tensor batch) {
        Tensor logits = predict(batch);
        Evaluation.checkClasses(Variable.constant(logits), classes.size());
        float[] logp = F.logSoftmax(logits).data();
        int n = logits.dim(0);
        int k = logits.dim(1);
        List<Prediction> out = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            float[] p = new float[k];
            int best = 0;
            for (int c = 0; c < k; c++) {
                p[c] = (float) Math.exp(logp[r * k + c]);
                if (logp[r * k + c] > logp[r * k + best]) {
                    best = c;
                }
            }
            String label = best < classes.size() ? classes.get(best) : Integer.toString(best);
            out.add(new Prediction(best, label, p[best], p));
        }
        return out;
    }

    /** The input the network sees for {@code image}: (1, *{@link #inputShape()}), normalized. */
    public Tensor prepare(BufferedImage image) {
        return preprocessing.tensor(image);
    }

    /**
     * The class a model predicts for one input, its probability, and every class's probability
     * (softmax of the logits, in class order).
     */
    public record Prediction(int index, String label, float probability, float[] probabilities) {
    }

    /** The network, in evaluation mode. */
    public Module network() {
        return network;
    }

    /** The metadata recorded with the model. */
    public Map<String, String> metadata() {
        return metadata;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** The class names in output order. */
    public List<String> classes() {
        return classes;
    }

    /** The shape of one input, without the batch dimension, e.g. [1, 28, 28]. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    private static int[] inputShape(Map<String, String> metadata, Preprocessing preprocessing) {
        String text = metadata.get(ModelMetadata.INPUT_SHAPE);
        if (text == null) {
            return new int[] {1, preprocessing.height(), preprocessing.width()};
        }
        try {
            int[] shape = Arrays.stream(text.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            if (Arrays.stream(shape).anyMatch(d -> d < 1)) {
                throw new NumberFormatException();
            }
            return shape;
        } catch (NumberFormatException e) {
            throw InvalidArgumentException.of("model metadata: %s must be positive whole numbers separated by commas, got '%s'",
                    ModelMetadata.INPUT_SHAPE, text);
        }
    }
}
