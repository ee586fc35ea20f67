package dev.convkit.nn.io;

import dev.convkit.nn.data.Dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata keys of a convkit model (safetensors {@code __metadata__}; ONNX {@code metadata_props}
 * carry the same map). All values are strings:
 * <ul>
 *   <li>{@value #ARCHITECTURE}: the layer spec the network is rebuilt from ({@code conv2d(1,32,3,1,1);relu;...});</li>
 *   <li>{@value #FORMAT}: {@code convkit-model/1} or {@code convkit-checkpoint/1};</li>
 *   <li>{@value #INPUT_SHAPE}: the shape of one input without the batch, e.g. {@code 1,28,28};</li>
 *   <li>{@value #CLASSES}: the class names, in output order, separated by {@code |};</li>
 *   <li>{@value #PREPROCESSING}: how a picture becomes an input, in the step syntax of
 *       {@code dev.convkit.nn.inference.Preprocessing}.</li>
 * </ul>
 * Models saved before the last three keys existed are Fashion-MNIST models: readers default to {@link #fashionMnist()}.
 *
 * <pre>{@code
 * Map<String, String> meta = ModelMetadata.fashionMnist();
 * assert meta.get(ModelMetadata.INPUT_SHAPE).equals("1,28,28");
 * assert ModelMetadata.classes(meta).get(9).equals("Ankle boot");
 * }</pre>
 */
public final class ModelMetadata {
    public static final String ARCHITECTURE = "architecture";
    public static final String FORMAT = "format";
    public static final String INPUT_SHAPE = "input_shape";
    public static final String CLASSES = "classes";
    public static final String PREPROCESSING = "preprocessing";

    /** Fashion-MNIST's classes, in label order. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /**
     * How an everyday picture becomes a Fashion-MNIST input: grey, light background inverted, cropped to
     * the object, its longest edge scaled to 28 and centred, normalized as the training data.
     */
    public static final String FASHION_MNIST_PREPROCESSING =
            "grey;invert_light_background;crop_to_object;fit(28,28);normalize(" + Dataset.MEAN + "," + Dataset.STD + ")";

    private ModelMetadata() {
    }

    /** The input shape, class names and preprocessing of a model trained on Fashion-MNIST by {@code convkit train}. */
    public static Map<String, String> fashionMnist() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(INPUT_SHAPE, "1,28,28");
        meta.put(CLASSES, String.join("|", FASHION_MNIST_CLASSES));
        meta.put(PREPROCESSING, FASHION_MNIST_PREPROCESSING);
        return meta;
    }

    /** The class names a model's metadata records, or Fashion-MNIST's for models saved before they were. */
    public static List<String> classes(Map<String, String> metadata) {
        String names = metadata.get(CLASSES);
        return names == null ? FASHION_MNIST_CLASSES : List.of(names.split("\\|", -1));
    }
}
