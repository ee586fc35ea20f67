package dev.convkit.core.conv;

import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.window.PaddingMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Finite-difference checks of input, weight and bias gradients for every convolution variant, over
 * randomized shapes and options (seeded, so a failure reproduces): every padding mode, 'same' and
 * 'same_lower' at any stride, on convolutions and their transposes.
 */
class ConvGradientTest {
    private static final int CASES_PER_VARIANT = 16;

    @TestFactory
    Stream<DynamicTest> convolutions() {
        return IntStream.rangeClosed(1, 3).boxed().flatMap(rank -> Stream.of(false, true).flatMap(transposed ->
                IntStream.range(0, CASES_PER_VARIANT).mapToObj(seed -> {
                    String name = (transposed ? "conv_transpose" : "conv") + rank + "d #" + seed;
                    return DynamicTest.dynamicTest(name, () -> checkRandom(rank, transposed, seed * 31L + rank));
                })));
    }

    private static void checkRandom(int rank, boolean transposed, long seed) {
        Random random = new Random(seed);
        int groups = 1 + random.nextInt(2);
        int inChannels = groups * (1 + random.nextInt(2));
        int outChannels = groups * (1 + random.nextInt(2));
        int[] kernel = new int[rank];
        int[] stride = new int[rank];
        int[] dilation = new int[rank];
        int[] padding = new int[rank];
        int[] size = new int[rank];
        for (int i = 0; i < rank; i++) {
            kernel[i] = 1 + random.nextInt(3);
            stride[i] = 1 + random.nextInt(2);
            dilation[i] = 1 + random.nextInt(2);
            padding[i] = random.nextInt(2);
            size[i] = (dilation[i] * (kernel[i] - 1) + 1) + random.nextInt(3) + (rank == 3 ? 0 : 1);
        }
        ConvOptions options = (transposed ? ConvOptions.convTranspose(rank) : ConvOptions.conv(rank)).stride(stride).dilation(dilation).groups(groups);
        if (transposed) {
            int[] outputPadding = new int[rank];
            for (int i = 0; i < rank; i++) {
                outputPadding[i] = random.nextInt(Math.max(stride[i], dilation[i]));
                // keep (L-1)*s - 2p + d*(k-1) + 1 >= 1
                padding[i] = Math.min(padding[i], ((size[i] - 1) * stride[i] + dilation[i] * (kernel[i] - 1)) / 2);
            }
            int choice = random.nextInt(3);
            options = choice == 0 ? options.padding(padding).outputPadding(outputPadding)
                    : options.padding(choice == 1 ? "same" : "same_lower");
            PaddingMode mode = PaddingMode.values()[random.nextInt(4)];
            options = options.paddingMode(mode);
            if (mode != PaddingMode.ZEROS) {
                // the correlation view, (L-1)*s + 1, must exceed its padding, at most d*(k-1) + s
                for (int i = 0; i < rank; i++) {
                    size[i] = Math.max(size[i], (dilation[i] * (kernel[i] - 1) + stride[i]) / stride[i] + 2);
                }
            }
        } else {
            int mode = random.nextInt(7);
            if (mode == 4) {
                options = options.padding("same").paddingMode(PaddingMode.values()[random.nextInt(4)]);
            } else if (mode == 5) {
                options = options.padding("same_lower").paddingMode(PaddingMode.values()[random.nextInt(4)]);
            } else if (mode == 6) {
                options = options.padding("valid");
            } else {
                options = options.padding(padding).paddingMode(PaddingMode.values()[mode]);
            }
            if (options.paddingString() != null && options.paddingString().startsWith("same")) {
                // 'same' pads at most d*(k-1): keep reflect below the size
                for (int i = 0; i < rank; i++) {
                    size[i] = Math.max(size[i], dilation[i] * (kernel[i] - 1) + 1);
                }
            }
            if (options.paddingMode() == PaddingMode.REFLECT || options.paddingMode() == PaddingMode.CIRCULAR) {
                for (int i = 0; i < rank; i++) {
                    size[i] = Math.max(size[i], padding[i] + 1);
                }
            }
        }
        boolean batched = random.nextBoolean();
        int[] inputShape = shape(batched ? 2 : 0, inChannels, size);
        int[] weightShape = new int[rank + 2];
        weightShape[0] = transposed ? inChannels : outChannels;
        weightShape[1] = transposed ? outChannels / groups : inChannels / groups;
        System.arraycopy(kernel, 0, weightShape, 2, rank);
        Tensor x = GradientChecker.random(random, inputShape);
        Tensor w = GradientChecker.random(random, weightShape);
        Tensor b = GradientChecker.random(random, outChannels);
        ConvOptions o = options;
        Tensor y = Conv.forward(x, w, b, o);
        Tensor g = GradientChecker.random(random, y.shape());
        ConvGradients grads = Conv.backward(x, w, Conv.Bias.PRESENT, g, o);
        String what = Arrays.toString(inputShape) + " w" + Arrays.toString(weightShape);
        GradientChecker.check(what + " input", x, xx -> Conv.forward(xx, w, b, o), g, grads.input(), 0.05, 24, random);
        GradientChecker.check(what + " weight", w, ww -> Conv.forward(x, ww, b, o), g, grads.weight(), 0.05, 24, random);
        GradientChecker.check(what + " bias", b, bb -> Conv.forward(x, w, bb, o), g, grads.bias(), 0.05, 24, random);
    }

    private static int[] shape(int batch, int channels, int[] spatial) {
        int lead = batch > 0 ? 2 : 1;
        int[] out = new int[lead + spatial.length];
        if (batch > 0) {
            out[0] = batch;
        }
        out[lead - 1] = channels;
        System.arraycopy(spatial, 0, out, lead, spatial.length);
        return out;
    }
}
