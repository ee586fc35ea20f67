package dev.convkit.cli.commands;

import dev.convkit.core.conv.Conv;
import dev.convkit.core.conv.ConvGradients;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.pool.AdaptivePool;
import dev.convkit.core.pool.AvgPool;
import dev.convkit.core.pool.FractionalMaxPool;
import dev.convkit.core.pool.FractionalPoolOptions;
import dev.convkit.core.pool.LpPool;
import dev.convkit.core.pool.MaxPool;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.pool.PoolResult;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.tensor.TensorFormat;
import dev.convkit.core.window.Windows;

import java.util.ArrayList;
import java.util.List;

/**
 * The course exercise, computed by the library and written out for a learner: every number printed
 * here comes from the ops, none is typed in.
 */
final class Exercise {
    static final double[][] IMAGE = {
        {4, 5, 2, 2, 1}, {3, 3, 2, 2, 4}, {4, 3, 4, 1, 1}, {5, 1, 4, 1, 2}, {5, 1, 3, 1, 4}};
    static final double[][] KERNEL = {{4, 3, 3}, {5, 5, 5}, {2, 4, 3}};
    /** The seed of the fractional max pooling section, printed with it. */
    static final long FRACTIONAL_SEED = 2024;

    private Exercise() {
    }

    static String render() {
        StringBuilder out = new StringBuilder();
        Tensor a = Tensor.of(IMAGE).reshape(1, 1, 5, 5);
        Tensor k = Tensor.of(KERNEL).reshape(1, 1, 3, 3);
        out.append("convkit example: the course exercise on convolution and pooling, worked end to end\n\n");

        out.append("1. The image A (5x5) and the kernel K (3x3)\n\n");
        matrix(out, "A", a);
        matrix(out, "K", k);

        int size = Windows.convOutputSize(5, 3, 1, 0, 1);
        out.append("2. Output size (I = 5, K = 3, P = 0, S = 1, D = 1)\n\n");
        out.append("   O = floor((I + 2P - D*(K-1) - 1) / S) + 1\n");
        out.append(String.format("     = floor((5 + 2*0 - 1*(3-1) - 1) / 1) + 1 = floor(2 / 1) + 1 = %d%n", size));
        out.append("   The exercise's (I - K + 2P)/S + 1 = (5 - 3 + 0)/1 + 1 = 3 is the case D = 1, where the floor\n");
        out.append("   only matters when S does not divide I - K + 2P.\n\n");

        ConvOptions options = ConvOptions.conv2d();
        Tensor c = Conv.forward(a, k, null, options);
        out.append("3. Convolution C = A * K (stride 1, no padding, bias 0; cross-correlation, the kernel is not flipped)\n\n");
        out.append("   C[i][j] = sum over u, v of A[i+u][j+v] * K[u][v]\n");
        out.append("   C[0][0] = ").append(windowProducts(a, k, 0, 0)).append("\n\n");
        matrix(out, "C", c);

        ConvGradients grads = Conv.backward(a, k, Conv.Bias.ABSENT, Tensor.full(1f, 1, 1, 3, 3), options);
        out.append("4. Backpropagation with dE/dC = all ones\n\n");
        out.append("   dE/dA[x][y] = sum over (i, j) of dE/dC[i][j] * K[x-i][y-j]   (only windows that cover (x, y))\n");
        out.append("   With dE/dC all ones, each pixel receives the sum of the kernel weights that touched it:\n");
        out.append("   a corner is touched by one weight, the centre by all nine.\n\n");
        matrix(out, "dE/dA", grads.input());
        out.append("   Why each entry is what it is (the weights K[u][v] that touched the pixel):\n");
        for (String line : touchingWeights(k.matrix(0, 0))) {
            out.append("     ").append(line).append('\n');
        }
        out.append('\n');
        out.append("   dE/dK[u][v] = sum over (i, j) of dE/dC[i][j] * A[i+u][j+v]: the sum of the 3x3 block of A under K[u][v]\n\n");
        matrix(out, "dE/dK", grads.weight());

        out.append("5. Pooling C with a 2x2 window, stride 1\n\n");
        PoolOptions window = PoolOptions.pool2d(2).stride(1);
        PoolResult max = MaxPool.forward(c, window);
        pooled(out, "max", "out = max of the window", max.output());
        pooled(out, "average", "out = (1/4) * sum of the window", AvgPool.forward(c, window));
        pooled(out, "LP, p = 1", "out = sum of x  (sum pooling = 4 x average)", LpPool.forward(c, 1, window));
        pooled(out, "LP, p = 2", "out = (sum of x^2)^(1/2)", LpPool.forward(c, 2, window));
        pooled(out, "LP, p = inf", "out = max of |x|  (the limit p -> inf: max pooling)",
                LpPool.forward(c, Double.POSITIVE_INFINITY, window));
        pooled(out, "adaptive average to 2x2", "window i = [floor(i*3/2), ceil((i+1)*3/2)) = [0,2), [1,3); out = mean",
                AdaptivePool.avgForward(c, 2, 2));
        FractionalPoolOptions fractional = FractionalPoolOptions.pool2d(2).outputSize(2).seed(FRACTIONAL_SEED);
        Tensor samples = FractionalMaxPool.drawSamples(FRACTIONAL_SEED, 1, 1, 2);
        pooled(out, String.format("fractional max, seed %d (samples u = %s, %s)", FRACTIONAL_SEED,
                        TensorFormat.number(samples.data()[0]), TensorFormat.number(samples.data()[1])),
                "start[i] = trunc((i+u)*alpha) - trunc(u*alpha), alpha = (3-2)/(2-1), last start = 3-2; out = max",
                FractionalMaxPool.forward(c, fractional).output());
        out.append("   The max pooling's indices (flat positions in C, row by row):\n\n");
        out.append(indent(TensorFormat.table(max.indices().toTensor().matrix(0, 0)), "     ")).append('\n');
        return out.toString();
    }

    private static void matrix(StringBuilder out, String name, Tensor t) {
        out.append("   ").append(name).append(" =\n");
        out.append(indent(TensorFormat.table(t.matrix(0, 0)), "     ")).append('\n');
    }

    private static void pooled(StringBuilder out, String name, String formula, Tensor t) {
        out.append("   ").append(name).append(":  ").append(formula).append('\n');
        out.append(indent(TensorFormat.table(t.matrix(0, 0)), "     ")).append('\n');
    }

    private static String indent(String text, String prefix) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            out.append(prefix).append(line).append('\n');
        }
        return out.toString();
    }

    /** "4*4 + 5*3 + ... = 109" for the window of output (i, j). */
    private static String windowProducts(Tensor a, Tensor k, int i, int j) {
        float[][] image = a.matrix(0, 0);
        float[][] kernel = k.matrix(0, 0);
        StringBuilder terms = new StringBuilder();
        double sum = 0;
        for (int u = 0; u < kernel.length; u++) {
            for (int v = 0; v < kernel[u].length; v++) {
                if (terms.length() > 0) {
                    terms.append(" + ");
                }
                terms.append(TensorFormat.number(image[i + u][j + v])).append('*').append(TensorFormat.number(kernel[u][v]));
                sum += image[i + u][j + v] * kernel[u][v];
            }
        }
        return terms + " = " + TensorFormat.number(sum);
    }

    /** One line per image pixel: the kernel weights that multiplied it, and their sum. */
    private static List<String> touchingWeights(float[][] kernel) {
        int n = IMAGE.length;
        int kSize = kernel.length;
        int outSize = n - kSize + 1;
        List<String> lines = new ArrayList<>();
        for (int x = 0; x < n; x++) {
            StringBuilder row = new StringBuilder();
            for (int y = 0; y < n; y++) {
                List<String> terms = new ArrayList<>();
                double sum = 0;
                for (int i = 0; i < outSize; i++) {
                    for (int j = 0; j < outSize; j++) {
                        int u = x - i;
                        int v = y - j;
                        if (u >= 0 && u < kSize && v >= 0 && v < kSize) {
                            terms.add(TensorFormat.number(kernel[u][v]));
                            sum += kernel[u][v];
                        }
                    }
                }
                if (row.length() > 0) {
                    row.append(";  ");
                }
                row.append(String.format("A[%d][%d]: %s = %s", x, y, String.join("+", terms), TensorFormat.number(sum)));
            }
            lines.add(row.toString());
        }
        return lines;
    }
}
