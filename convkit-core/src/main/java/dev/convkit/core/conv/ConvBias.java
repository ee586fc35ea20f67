package dev.convkit.core.conv;

import dev.convkit.core.backend.Backend;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

/**
 * The bias passes of a convolution on the fast providers (bn8): adding the bias to the output and the bias
 * gradient, split by channel across the kernel threads. {@link ReferenceConv#sumPerChannel} adds one element
 * after the other into a double, a chain of dependent adds (about 3 ms a training step of cnn2, on one
 * thread at any thread count); here each plane is summed in float lanes ({@link VectorOps#sum}) and the
 * planes in double, in batch order. One task per channel: any thread count gives the same bits.
 *
 * <pre>{@code
 * float[] out = new float[2 * 3 * 4];                     // (N=2, C=3, plane 4)
 * ConvBias.add(out, new float[] {1, 2, 3}, 2, 3, 4);
 * assert out[4] == 2f && out[12] == 1f;
 * assert ConvBias.gradient(out, 2, 3, 4)[2] == 24f;       // 2 images x 4 positions x 3
 * }</pre>
 */
public final class ConvBias {
    /** Below this many elements the pass runs on the calling thread: a wake-up would cost more. */
    private static final int PARALLEL_ELEMENTS = 1 << 15;

    private ConvBias() {
    }

    /** Adds {@code bias[c]} to every element of channel c of {@code data} (N, C, plane). */
    public static void add(float[] data, float[] bias, int batch, int channels, int plane) {
        forEachChannel((long) batch * channels * plane, channels, c -> {
            float b = bias[c];
            for (int n = 0; n < batch; n++) {
                int base = (n * channels + c) * plane;
                for (int i = base; i < base + plane; i++) {
                    data[i] += b;
                }
            }
        });
    }

    /** The bias gradient: the sum of each channel of {@code data} (N, C, plane) over the batch and the plane. */
    public static float[] gradient(float[] data, int batch, int channels, int plane) {
        return gradient(Backend.active().provider().vectorOps(), data, batch, channels, plane);
    }

    /** {@link #gradient(float[], int, int, int)} on the given vector primitives (tests run every provider's). */
    public static float[] gradient(VectorOps ops, float[] data, int batch, int channels, int plane) {
        float[] sums = Storage.floats(channels);
        forEachChannel((long) batch * channels * plane, channels, c -> {
            double s = 0;
            for (int n = 0; n < batch; n++) {
                s += ops.sum(data, (n * channels + c) * plane, plane);
            }
            sums[c] = (float) s;
        });
        return sums;
    }

    private static void forEachChannel(long elements, int channels, java.util.function.IntConsumer body) {
        if (elements < PARALLEL_ELEMENTS) {
            for (int c = 0; c < channels; c++) {
                body.accept(c);
            }
        } else {
            Parallel.forEach(channels, body);
        }
    }
}
