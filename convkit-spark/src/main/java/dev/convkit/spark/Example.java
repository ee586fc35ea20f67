package dev.convkit.spark;

import java.io.Serializable;

/**
 * One labelled image as training data: its index in the data set (0..n-1, the key the epoch
 * shuffle permutes), its class, and its grayscale pixels (0-255, row-major, {@code side x side}).
 *
 * <pre>{@code
 * Example e = new Example(0, 9, pixels);   // an ankle boot
 * }</pre>
 */
public record Example(long id, int label, byte[] pixels) implements Serializable {
}
