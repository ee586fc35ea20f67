package dev.convkit.nn.layers;

import dev.convkit.core.conv.ConvOptions;

/**
 * What torch.nn.ConvTranspose1d/2d/3d add to {@link ConvNd}: the output padding.
 *
 * <pre>{@code
 * ConvTranspose2d up = new ConvTranspose2d(4, 2, 3).stride(2).padding(1).outputPadding(1);
 * Variable y = up.forward(Variable.constant(Tensor.zeros(1, 4, 5, 5)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 2, 10, 10});
 * assert up.spec().equals("convT2d(4,2,3,2,1,1)");
 * }</pre>
 *
 * @param <T> the concrete layer, which the builder methods return
 */
public abstract class ConvTransposeNd<T extends ConvTransposeNd<T>> extends ConvNd<T> {
    ConvTransposeNd(ConvOptions defaults, int inChannels, int outChannels, int... kernelSize) {
        super(defaults, inChannels, outChannels, kernelSize);
    }

    /** Extra positions at the end of each output dimension. */
    @SuppressWarnings("unchecked")
    public T outputPadding(int... values) {
        setOptions(options().outputPadding(values));
        return (T) this;
    }
}
