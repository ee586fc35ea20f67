/**
 * Reverse-mode autograd, layers, losses, optimizers, IDX data, safetensors models and checkpoints,
 * and the training loop, on convkit-core (which it exports to its users). Jackson reads and writes
 * the safetensors header and the checkpoint metadata; it is the only other dependency.
 *
 * <pre>{@code
 * Sequential net = Architecture.build(Architecture.model("tiny"), 42);
 * Variable logits = net.forward(Variable.constant(Tensor.full(0.5f, 1, 1, 28, 28)));
 * assert Arrays.equals(logits.value().shape(), new int[] {1, 10});
 * }</pre>
 */
module dev.convkit.nn {
    requires transitive dev.convkit.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires java.desktop; // Model.predict(BufferedImage) and its preprocessing

    exports dev.convkit.nn.autograd;
    exports dev.convkit.nn.data;
    exports dev.convkit.nn.functional;
    exports dev.convkit.nn.inference;
    exports dev.convkit.nn.io;
    exports dev.convkit.nn.layers;
    exports dev.convkit.nn.optim;
    exports dev.convkit.nn.train;

    uses dev.convkit.nn.io.ModelFormat;
}
