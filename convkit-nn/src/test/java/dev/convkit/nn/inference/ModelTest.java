package dev.convkit.nn.inference;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.ModelMetadata;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelTest {
    /** A tiny model (2 epochs, test accuracy 0.8677) written by convkit train before the preprocessing was recorded. */
    private static final String OLD_MODEL = "/inference/tiny-fashion-mnist.safetensors";
    /** Image 0 of Fashion-MNIST's test set (MIT licence): an ankle boot, light on black. */
    private static final String ANKLE_BOOT = "/inference/ankle-boot-t10k-0.png";
    private static final int ANKLE_BOOT_CLASS = 9;

    @TempDir
    Path dir;

    private Path resource(String name) throws IOException {
        Path file = dir.resolve(Path.of(name).getFileName());
        try (InputStream in = ModelTest.class.getResourceAsStream(name)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static BufferedImage image(String name) throws IOException {
        try (InputStream in = ModelTest.class.getResourceAsStream(name)) {
            return ImageIO.read(in);
        }
    }

    /** The dataset picture as an everyday photo: scaled ×4, a dark object on a white RGB background with a margin. */
    private static BufferedImage everyday(BufferedImage small) {
        int scale = 4;
        int margin = 40;
        BufferedImage out = new BufferedImage(small.getWidth() * scale + 2 * margin, small.getHeight() * scale + 2 * margin + 30,
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int sx = (x - margin) / scale;
                int sy = (y - margin - 30) / scale;
                int v = x >= margin && y >= margin + 30 && sx < small.getWidth() && sy < small.getHeight()
                        ? 255 - small.getRaster().getSample(sx, sy, 0) : 255;
                out.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return out;
    }

    @Test
    void aModelSavedBeforeThisChangeLoadsWithTheDefaultPreprocessing() throws IOException {
        Model model = Model.load(resource(OLD_MODEL));
        assertThat(model.metadata()).doesNotContainKey(ModelMetadata.PREPROCESSING);
        assertThat(model.preprocessing().toString()).isEqualTo(ModelMetadata.FASHION_MNIST_PREPROCESSING);
        assertThat(model.classes()).isEqualTo(ModelMetadata.FASHION_MNIST_CLASSES);
        assertThat(model.inputShape()).containsExactly(1, 28, 28);
        assertThat(model.network().training()).isFalse();
        assertThat(model.network().spec()).isEqualTo("conv2d(1,4,3,1,1);relu;maxpool2d(2,2,0);flatten;linear(784,10)");
    }

    @Test
    void anEverydayPictureOfAnAnkleBootIsAnAnkleBoot() throws IOException {
        Model model = Model.load(resource(OLD_MODEL));
        BufferedImage boot = image(ANKLE_BOOT);
        assertThat(model.predict(boot).index()).isEqualTo(ANKLE_BOOT_CLASS);
        BufferedImage photo = everyday(boot);
        Model.Prediction p = model.predict(photo);
        assertThat(p.index()).isEqualTo(ANKLE_BOOT_CLASS);
        assertThat(p.label()).isEqualTo("Ankle boot");
        // the model sees the dataset picture cropped and centred alike (inverted back; area averaging undoes the ×4)
        BufferedImage seen = model.preprocessing().picture(photo);
        BufferedImage framed = new BufferedImage(30, 30, BufferedImage.TYPE_BYTE_GRAY); // not 28x28: cropped, not taken as is
        framed.getGraphics().drawImage(boot, 1, 1, null);
        BufferedImage reference = model.preprocessing().picture(framed);
        int differing = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                differing += Math.abs(seen.getRaster().getSample(x, y, 0) - reference.getRaster().getSample(x, y, 0)) > 2 ? 1 : 0;
            }
        }
        assertThat(differing).isLessThan(28 * 28 / 20);
        // the preprocessing before this change (stretch to 28x28, no inversion) gets it wrong: the test can fail
        Model stretching = Model.load(withPreprocessing(resource(OLD_MODEL), "grey;resize(28,28);normalize(0.286,0.353)"));
        assertThat(stretching.predict(photo).index()).isNotEqualTo(ANKLE_BOOT_CLASS);
    }

    private Path withPreprocessing(Path model, String steps) throws IOException {
        Sequential net = Checkpoint.loadModel(model);
        Path out = dir.resolve("with-" + Math.abs(steps.hashCode()) + ".safetensors");
        Map<String, String> meta = new java.util.LinkedHashMap<>(ModelMetadata.fashionMnist());
        meta.put(ModelMetadata.PREPROCESSING, steps);
        Checkpoint.saveModel(out, net, meta);
        return out;
    }

    @Test
    void eightThreadsOf200PredictionsGiveTheSingleThreadedBits() throws Exception {
        Path file = dir.resolve("cnn2.safetensors");
        Checkpoint.saveModel(file, Architecture.build(Architecture.model("cnn2"), 3), ModelMetadata.fashionMnist());
        Model model = Model.load(file);
        Random random = new Random(11);
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float[] v = new float[(1 + i % 2) * 784];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) random.nextGaussian();
            }
            inputs.add(Tensor.wrap(v, 1 + i % 2, 1, 28, 28));
        }
        List<float[]> expected = new ArrayList<>();
        for (Tensor x : inputs) {
            expected.add(model.predict(x).data());
        }
        assertConcurrentRunsGive(model, 8, inputs, expected);
        // a model with a pool of its own gives the same bits (fewer rounds: the reference-kernel runs are slow)
        assertConcurrentRunsGive(model.withThreads(3), 4, inputs.subList(0, 40), expected.subList(0, 40));
        assertConcurrentRunsGive(model.withThreads(1), 2, inputs.subList(0, 20), expected.subList(0, 20));
    }

    /** {@code threads} threads each predict every input, each in its own order, all on the one model. */
    private static void assertConcurrentRunsGive(Model m, int threads, List<Tensor> inputs, List<float[]> expected)
            throws Exception {
        int n = inputs.size();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<float[]>>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * n / threads;
                runs.add(pool.submit((Callable<List<float[]>>) () -> {
                    List<float[]> out = java.util.Arrays.asList(new float[n][]);
                    for (int k = 0; k < n; k++) {
                        int i = (offset + k) % n;
                        out.set(i, m.predict(inputs.get(i)).data());
                    }
                    return out;
                }));
            }
            for (Future<List<float[]>> run : runs) {
                List<float[]> got = run.get();
                for (int i = 0; i < n; i++) {
                    assertThat(got.get(i)).as("prediction %d", i).isEqualTo(expected.get(i));
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void everyRefusalIsOneLineNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.safetensors");
        assertThatThrownBy(() -> Model.load(missing)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage(missing + ": no such file");
        Path onnx = dir.resolve("model.onnx");
        Files.write(onnx, new byte[] {8, 7, 18, 4});
        assertThatThrownBy(() -> Model.load(onnx)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage(onnx + ": ONNX models need convkit-onnx on the class path");
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> Model.load(text)).hasMessageStartingWith(text + ": not a model file convkit can read");
        Path noSuffix = dir.resolve("model-without-suffix");
        Files.copy(resource(OLD_MODEL), noSuffix);
        assertThat(Model.load(noSuffix).classes()).hasSize(10); // recognized by its layout
        Path bad = withPreprocessing(resource(OLD_MODEL), "grey;blur(3)");
        assertThatThrownBy(() -> Model.load(bad)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("unknown step 'blur(3)'");
        Model model = Model.load(resource(OLD_MODEL));
        assertThatThrownBy(() -> model.predict(Tensor.zeros(2, 28, 28))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("predict: the batch must have shape (N, 1, 28, 28), got [2, 28, 28]");
    }

    @Test
    void modelsWrittenNowRecordTheirPreprocessingClassesAndInputShape() throws IOException {
        Path file = dir.resolve("new.safetensors");
        Checkpoint.saveModel(file, Architecture.build("conv2d(1,2,3,1,1);flatten;linear(1568,3)", 1),
                Map.of(ModelMetadata.CLASSES, "cat|dog|bird", ModelMetadata.INPUT_SHAPE, "1,28,28",
                        ModelMetadata.PREPROCESSING, "grey;fit(28,28);normalize(0.5,0.5)"));
        Model model = Model.load(file);
        assertThat(model.classes()).containsExactly("cat", "dog", "bird");
        BufferedImage white = new BufferedImage(10, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 10; x++) {
                white.setRGB(x, y, 0xffffff);
            }
        }
        Tensor x = model.prepare(white);
        // fit keeps the aspect ratio: a 14-wide white band centred on black, normalized to (1-0.5)/0.5 = 1 and -1
        assertThat(x.get(0, 0, 5, 6)).isEqualTo(-1f);
        assertThat(x.get(0, 0, 5, 7)).isEqualTo(1f);
        assertThat(x.get(0, 0, 5, 20)).isEqualTo(1f);
        assertThat(x.get(0, 0, 5, 21)).isEqualTo(-1f);
        assertThat(model.predict(white).probabilities()).hasSize(3);
    }
}
