package dev.convkit.nn.data;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.Arena;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Images and labels in memory, normalized as (pixel/255 − mean)/std, served as seeded, shuffled
 * mini-batches. Fashion-MNIST's mean and std are 0.2860 and 0.3530.
 *
 * <pre>{@code
 * byte[] pixels = new byte[4 * 28 * 28];          // or Dataset.load(Path.of("/usr/share/datasets/fashion-mnist"), Dataset.Split.TRAIN)
 * Dataset data = new Dataset(pixels, new byte[] {0, 1, 2, 3}, 4, 28, 28);
 * int[] order = data.order(new SplittableRandom(7));
 * Dataset.Batch first = data.batch(order, 0, 2);     // normalized images (2, 1, 28, 28) and their labels
 * assert Arrays.equals(first.images().shape(), new int[] {2, 1, 28, 28}) && first.labels().length == 2;
 * }</pre>
 */
public final class Dataset {
    public static final float MEAN = 0.2860f;
    public static final float STD = 0.3530f;

    /** One mini-batch: images (B, 1, H, W) and their labels. */
    public record Batch(Tensor images, int[] labels) {
    }

    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int height;
    private final int width;

    public Dataset(byte[] pixels, byte[] labels, int count, int height, int width) {
        this.pixels = pixels;
        this.labels = labels;
        this.count = count;
        this.height = height;
        this.width = width;
    }

    /** The splits of an MNIST-style folder, by their files' prefix. */
    public enum Split {
        /** {@code train-images-idx3-ubyte} and {@code train-labels-idx1-ubyte}. */
        TRAIN("train"),
        /** {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}. */
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    /** One split of an MNIST-style folder (files may be gzipped). */
    public static Dataset load(Path dir, Split split) throws IOException {
        String prefix = split.prefix;
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labelFile = find(dir, prefix + "-labels-idx1-ubyte");
        IdxReader.Idx img = IdxReader.read(images);
        IdxReader.Idx lab = IdxReader.read(labelFile);
        if (img.dims().length != 3) {
            throw InvalidArgumentException.of("%s: images must have 3 dimensions (count, rows, columns), got %d",
                    images, img.dims().length);
        }
        if (lab.dims().length != 1) {
            throw InvalidArgumentException.of("%s: labels must have 1 dimension, got %d", labelFile, lab.dims().length);
        }
        if (img.count() != lab.count()) {
            throw InvalidArgumentException.of("%s has %d images but %s has %d labels", images, img.count(), labelFile, lab.count());
        }
        for (byte b : lab.data()) {
            if ((b & 0xff) > 9) {
                throw InvalidArgumentException.of("%s: label %d is outside 0..9", labelFile, b & 0xff);
            }
        }
        return new Dataset(img.data(), lab.data(), img.count(), img.dims()[1], img.dims()[2]);
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base + ".gz", base, base.replace("-idx", ".idx")}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw InvalidArgumentException.of("%s: no %s(.gz) here", dir, base);
    }

    public int size() {
        return count;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** Normalized images [from, from + n) of {@code order} (in the open {@link Arena} step's storage, if any). */
    public Batch batch(int[] order, int from, int n) {
        int plane = height * width;
        float[] data = Arena.floats(n * plane); // every element is written below
        int[] y = new int[n];
        for (int b = 0; b < n; b++) {
            int idx = order[from + b];
            y[b] = labels[idx] & 0xff;
            for (int i = 0; i < plane; i++) {
                data[b * plane + i] = ((pixels[idx * plane + i] & 0xff) / 255f - MEAN) / STD;
            }
        }
        return new Batch(Tensor.wrap(data, n, 1, height, width), y);
    }

    /** The order of one epoch: a Fisher-Yates shuffle from {@code random}, or identity when null. */
    public int[] order(SplittableRandom random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        if (random != null) {
            for (int i = count - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /**
     * A short fingerprint of the images and labels (count, size and a CRC-32 of the bytes): two
     * datasets with the same fingerprint hold the same examples in the same order, for practical purposes.
     */
    public String fingerprint() {
        CRC32 crc = new CRC32();
        crc.update(pixels, 0, Math.min(pixels.length, count * height * width));
        crc.update(labels, 0, Math.min(labels.length, count));
        return String.format(Locale.ROOT, "%dx%dx%d-%08x", count, height, width, crc.getValue());
    }

    /** The first n examples only (for quick runs and tests); n must be at least 1. */
    public Dataset head(int n) {
        if (n < 1) {
            throw InvalidArgumentException.of("--limit must be at least 1, got %d", n);
        }
        int m = Math.min(n, count);
        int plane = height * width;
        return new Dataset(Arrays.copyOf(pixels, m * plane), Arrays.copyOf(labels, m), m, height, width);
    }
}
