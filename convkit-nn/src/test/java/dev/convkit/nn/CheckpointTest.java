package dev.convkit.nn;

import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.Safetensors;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {
    @TempDir
    Path dir;


    @Test
    void modelsRoundTripThroughSafetensors() throws IOException {
        Sequential net = Architecture.build(Architecture.model("tiny"), 4);
        Path file = dir.resolve("m.safetensors");
        Checkpoint.saveModel(file, net, Map.of("note", "test"));
        Sequential back = Checkpoint.loadModel(file);
        assertThat(back.spec()).isEqualTo(net.spec());
        net.parameters().forEach((k, v) -> assertThat(back.parameters().get(k).value()).isEqualTo(v.value()));
        Safetensors.File raw = Safetensors.read(file);
        assertThat(raw.metadata()).containsEntry("note", "test").containsKey("architecture");
        // the header is 8-byte aligned JSON after a little-endian length, as the format requires
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        assertThat((char) bytes[8]).isEqualTo('{');
    }

    @Test
    void corruptFilesAreRejected() throws IOException {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("not a safetensors file");
        Sequential net = Architecture.build(Architecture.model("tiny"), 4);
        Path good = dir.resolve("good.safetensors");
        Checkpoint.saveModel(good, net, Map.of());
        byte[] bytes = Files.readAllBytes(good);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("truncated");
    }

    /**
     * The same seed gives the same model bit for bit, although the first run starts with cold,
     * interpreted kernels and the second runs compiled ones (vector reductions add their lanes in a
     * fixed order, so the JIT cannot change the rounding).
     */
    @Test
    void theSameSeedGivesBitwiseTheSameModelColdOrWarm() throws IOException {
        Path data = IdxReaderTest.mnistFolder(Files.createDirectories(dir.resolve("same-seed-data")), 64);
        Dataset train = Dataset.load(data, Dataset.Split.TRAIN);
        Dataset test = Dataset.load(data, Dataset.Split.TEST);
        String spec = "conv2d(1,4,3,1,1);bn2d(4);relu;maxpool2d(2,2,0);conv2d(4,8,3,1,1);relu;flatten;linear(32,10)";
        Trainer.Config config = new Trainer.Config(spec, 3, 16, 0.01, 11, "adam", 0, "cosine");
        Trainer.Result first = Trainer.train(train, test, config, dir.resolve("first"), false, Trainer.Listener.SILENT);
        Trainer.Result second = Trainer.train(train, test, config, dir.resolve("second"), false, Trainer.Listener.SILENT);
        assertSameParameters(first.model(), second.model());
        assertThat(Files.readAllBytes(dir.resolve("second").resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve("model.safetensors")));
    }

    @Test
    void resumingGivesTheSameModelAsTrainingStraightThrough() throws IOException {
        Path data = IdxReaderTest.mnistFolder(Files.createDirectories(dir.resolve("data")), 64);
        Dataset train = Dataset.load(data, Dataset.Split.TRAIN);
        Dataset test = Dataset.load(data, Dataset.Split.TEST);
        String spec = "conv2d(1,2,3,1,1);relu;maxpool2d(2,2,0);dropout(0.2);flatten;linear(8,10)";
        Trainer.Config two = new Trainer.Config(spec, 2, 16, 0.01, 9, "adam", 0, "cosine");
        Trainer.Result straight = Trainer.train(train, test, two, dir.resolve("a"), false, Trainer.Listener.SILENT);
        // stop after one epoch (the cosine schedule's first epoch is the base rate either way), then resume to two
        Trainer.train(train, test, new Trainer.Config(spec, 1, 16, 0.01, 9, "adam", 0, "cosine"), dir.resolve("b"), false, Trainer.Listener.SILENT);
        Trainer.Result resumed = Trainer.train(train, test, two, dir.resolve("b"), true, Trainer.Listener.SILENT);
        assertSameParameters(straight.model(), resumed.model());
        assertThat(resumed.history().get(1).trainLoss()).isEqualTo(straight.history().get(1).trainLoss());
        assertThat(resumed.history()).hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("b").resolve(Trainer.LOG))).hasSize(3);
    }

    /** Every parameter of {@code actual} equals {@code expected}'s bit for bit. */
    private static void assertSameParameters(Sequential expected, Sequential actual) {
        for (Map.Entry<String, dev.convkit.nn.autograd.Variable> e : expected.parameters().entrySet()) {
            assertThat(actual.parameters().get(e.getKey()).value().data()).as(e.getKey())
                    .containsExactly(e.getValue().value().data());
        }
    }
}
