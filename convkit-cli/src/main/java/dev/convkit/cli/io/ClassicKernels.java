package dev.convkit.cli.io;

import dev.convkit.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The named 3×3 kernels of image processing, for {@code convkit conv --kernel NAME}. */
public final class ClassicKernels {
    private static final Map<String, double[][]> KERNELS = new LinkedHashMap<>();

    static {
        KERNELS.put("identity", new double[][] {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}});
        double ninth = 1.0 / 9;
        KERNELS.put("box", new double[][] {{ninth, ninth, ninth}, {ninth, ninth, ninth}, {ninth, ninth, ninth}});
        KERNELS.put("gaussian", new double[][] {{1 / 16.0, 2 / 16.0, 1 / 16.0}, {2 / 16.0, 4 / 16.0, 2 / 16.0},
            {1 / 16.0, 2 / 16.0, 1 / 16.0}});
        KERNELS.put("sharpen", new double[][] {{0, -1, 0}, {-1, 5, -1}, {0, -1, 0}});
        KERNELS.put("sobel-x", new double[][] {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}});
        KERNELS.put("sobel-y", new double[][] {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}});
        KERNELS.put("laplacian", new double[][] {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}});
        KERNELS.put("emboss", new double[][] {{-2, -1, 0}, {-1, 1, 1}, {0, 1, 2}});
    }

    private ClassicKernels() {
    }

    /** The kernel as a (1, 3, 3) tensor, or null for an unknown name. */
    public static Tensor find(String name) {
        double[][] k = KERNELS.get(name.toLowerCase(Locale.ROOT));
        return k == null ? null : Tensor.of(k).reshape(1, 3, 3);
    }

    /** The names, in a fixed order. */
    public static String names() {
        return String.join(", ", KERNELS.keySet());
    }
}
