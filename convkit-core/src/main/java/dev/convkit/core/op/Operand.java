package dev.convkit.core.op;

/**
 * One tensor an op takes, by the name the cases format and torch.nn.functional use.
 *
 * @param name     e.g. {@code input}, {@code weight}, {@code bias}, {@code indices}, {@code random_samples}
 * @param indices  whether it holds int64 indices (an {@link dev.convkit.core.tensor.IndexTensor}) rather than floats
 * @param required whether a call must give it
 * @param trainable whether the backward returns its gradient
 *
 * <pre>{@code
 * Operand bias = Catalogue.require("conv2d").operands().get(2);
 * assert bias.name().equals("bias") && !bias.required() && bias.trainable();
 * }</pre>
 */
public record Operand(String name, boolean indices, boolean required, boolean trainable) {
    static Operand input() {
        return new Operand("input", false, true, true);
    }
}
