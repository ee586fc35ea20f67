package dev.convkit.nn;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.data.IdxReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes with the given dimensions and values 0, 1, 2, ... */
    static byte[] idx(int... dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        long count = 1;
        for (int d : dims) {
            out.writeInt(d);
            count *= d;
        }
        for (int i = 0; i < count; i++) {
            out.writeByte(i % 10);
        }
        return bytes.toByteArray();
    }

    static void write(Path path, byte[] data, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(path)) : Files.newOutputStream(path)) {
            out.write(data);
        }
    }

    /** A tiny MNIST-style folder: n 4x4 images and labels 0..9. */
    static Path mnistFolder(Path dir, int n) throws IOException {
        for (String split : new String[] {"train", "t10k"}) {
            write(dir.resolve(split + "-images-idx3-ubyte.gz"), idx(n, 4, 4), true);
            write(dir.resolve(split + "-labels-idx1-ubyte"), idx(n), false);
        }
        return dir;
    }

    @Test
    void readsPlainAndGzippedFiles() throws IOException {
        write(dir.resolve("a"), idx(3, 2, 2), false);
        write(dir.resolve("b.gz"), idx(3, 2, 2), true);
        for (String name : new String[] {"a", "b.gz"}) {
            IdxReader.Idx r = IdxReader.read(dir.resolve(name));
            assertThat(r.dims()).containsExactly(3, 2, 2);
            assertThat(r.data()).hasSize(12);
            assertThat(r.data()[11]).isEqualTo((byte) 1);
        }
        Dataset d = Dataset.load(mnistFolder(dir, 20), Dataset.Split.TRAIN);
        assertThat(d.size()).isEqualTo(20);
        assertThat(d.label(13)).isEqualTo(3);
        assertThat(d.batch(d.order(null), 0, 2).images().shape()).containsExactly(2, 1, 4, 4);
    }

    @Test
    void corruptFilesGetClearErrors() throws IOException {
        byte[] good = idx(3, 2, 2);
        byte[] badMagic = good.clone();
        badMagic[2] = 0x0D;
        write(dir.resolve("magic"), badMagic, false);
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("magic"))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("not an IDX file of unsigned bytes");
        write(dir.resolve("short"), java.util.Arrays.copyOf(good, good.length - 3), false);
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("short"))).hasMessageContaining("truncated");
        write(dir.resolve("long"), java.util.Arrays.copyOf(good, good.length + 2), false);
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("long"))).hasMessageContaining("trailing bytes");
        write(dir.resolve("header"), java.util.Arrays.copyOf(good, 6), false);
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("header"))).hasMessageContaining("truncated");
        Files.write(dir.resolve("broken.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("broken.gz"))).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("missing"))).hasMessageContaining("no such file");
    }

    @Test
    void mismatchedCountsAreRejected() throws IOException {
        write(dir.resolve("train-images-idx3-ubyte"), idx(5, 4, 4), false);
        write(dir.resolve("train-labels-idx1-ubyte"), idx(4), false);
        assertThatThrownBy(() -> Dataset.load(dir, Dataset.Split.TRAIN)).hasMessageContaining("has 5 images but");
        assertThatThrownBy(() -> Dataset.load(dir.resolve("nowhere"), Dataset.Split.TRAIN)).hasMessageContaining("no train-images");
    }

    @Test
    void shufflingIsSeeded() throws IOException {
        Dataset d = Dataset.load(mnistFolder(dir, 50), Dataset.Split.TRAIN);
        assertThat(d.order(new java.util.SplittableRandom(3))).containsExactly(d.order(new java.util.SplittableRandom(3)));
        assertThat(d.order(new java.util.SplittableRandom(3))).isNotEqualTo(d.order(new java.util.SplittableRandom(4)));
        assertThat(d.order(new java.util.SplittableRandom(3))).containsExactlyInAnyOrder(d.order(null));
    }
}
