package dev.convkit.nn.layers;

import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

/**
 * torch.nn.AdaptiveAvgPool1d/2d/3d and AdaptiveMaxPool1d/2d/3d: pools to a fixed output size,
 * windows [floor(i·I/O), ceil((i+1)·I/O)).
 *
 * <pre>{@code
 * AdaptivePoolNd pool = new AdaptiveAvgPool2d(1);               // global average pooling
 * Variable y = pool.forward(Variable.constant(Tensor.full(2f, 3, 4, 7, 7)));
 * assert Arrays.equals(y.value().shape(), new int[] {3, 4, 1, 1}) && y.value().get(2, 3, 0, 0) == 2f;
 * assert new AdaptiveMaxPool2d(7, 5).spec().equals("adaptivemax2d(7x5)");
 * }</pre>
 */
public abstract class AdaptivePoolNd extends Module {
    private final boolean max;
    private final int rank;
    private final int[] outputSize;

    AdaptivePoolNd(String kind, int rank, int... outputSize) {
        this.max = kind.equals("max");
        this.rank = rank;
        this.outputSize = outputSize.clone();
    }

    /** The output size, one value or one per dimension. */
    public int[] outputSize() {
        return outputSize.clone();
    }

    @Override
    public Variable forward(Variable x) {
        if (max) {
            return switch (rank) {
                case 1 -> F.adaptiveMaxPool1d(x, outputSize);
                case 2 -> F.adaptiveMaxPool2d(x, outputSize);
                default -> F.adaptiveMaxPool3d(x, outputSize);
            };
        }
        return switch (rank) {
            case 1 -> F.adaptiveAvgPool1d(x, outputSize);
            case 2 -> F.adaptiveAvgPool2d(x, outputSize);
            default -> F.adaptiveAvgPool3d(x, outputSize);
        };
    }

    @Override
    public String spec() {
        return (max ? "adaptivemax" : "adaptiveavg") + rank + "d(" + SpecText.dims(outputSize) + ")";
    }
}
