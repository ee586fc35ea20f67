/**
 * Tensors, window arithmetic, every convolution and pool forward and backward with PyTorch's
 * semantics, and the op catalogue; no dependencies.
 *
 * <p>Exported: the API packages. The kernels (their providers, the thread pool, the Vector API
 * implementations) and the atomic file writer are internals, readable only by convkit-nn (the
 * writer by convkit-onnx too). The Vector
 * API is optional ({@code requires static}): with {@code --add-modules jdk.incubator.vector} the
 * Backend picks its kernels, without it the scalar ones, with the same results.
 *
 * <pre>{@code
 * Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}}).reshape(1, 1, 2, 2);
 * Tensor c = Conv.run(a, Tensor.full(1f, 1, 1, 2, 2), null, ConvOptions.conv2d()).output();
 * assert c.get(0, 0, 0, 0) == 10f;
 * }</pre>
 */
module dev.convkit.core {
    requires static jdk.incubator.vector;

    exports dev.convkit.core;
    exports dev.convkit.core.backend;
    exports dev.convkit.core.conv;
    exports dev.convkit.core.op;
    exports dev.convkit.core.pool;
    exports dev.convkit.core.tensor;
    exports dev.convkit.core.window;

    exports dev.convkit.core.kernels to dev.convkit.nn;
    exports dev.convkit.core.io to dev.convkit.nn, dev.convkit.onnx;
}
