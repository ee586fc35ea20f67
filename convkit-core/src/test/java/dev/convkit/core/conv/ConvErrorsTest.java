package dev.convkit.core.conv;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.PaddingMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConvErrorsTest {
    private final Tensor x = Tensor.zeros(1, 2, 5, 5);
    private final Tensor w = Tensor.zeros(4, 2, 3, 3);

    private void rejects(ConvOptions options, Tensor input, Tensor weight, Tensor bias, String message) {
        assertThatThrownBy(() -> Conv.forward(input, weight, bias, options))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void badParametersAreNamed() {
        rejects(ConvOptions.conv2d().stride(0), x, w, null, "conv2d: stride must be positive, got stride=[0, 0]");
        rejects(ConvOptions.conv2d().stride(-1), x, w, null, "stride must be positive");
        rejects(ConvOptions.conv2d().padding(-1), x, w, null, "padding must be non-negative");
        rejects(ConvOptions.conv2d().dilation(0), x, w, null, "dilation must be positive");
        rejects(ConvOptions.conv2d().groups(0), x, w, null, "groups must be positive");
        rejects(ConvOptions.conv2d().groups(3), x, w, null, "must be a positive multiple of groups");
        rejects(ConvOptions.conv2d().padding("full"), x, w, null, "'same', 'same_lower' or 'valid', got 'full'");
        rejects(ConvOptions.conv2d().padding(5).paddingMode(PaddingMode.REFLECT), x, Tensor.zeros(4, 2, 9, 9), null,
                "reflect padding must be smaller");
        rejects(ConvOptions.conv2d(), Tensor.zeros(1, 2, 2, 2), w, null, "kernel larger than the padded input");
        rejects(ConvOptions.conv2d(), Tensor.zeros(1, 3, 5, 5), w, null, "input has 3 channels");
        rejects(ConvOptions.conv2d(), x, w, Tensor.zeros(3), "bias must be 1-D with 4 elements");
        rejects(ConvOptions.conv2d(), Tensor.zeros(5, 5), w, null, "expected a 3-D (unbatched) or 4-D (batched) input");
        rejects(ConvOptions.conv2d(), x, Tensor.zeros(4, 2, 3), null, "weight must be 4-D");
        rejects(ConvOptions.convTranspose2d().outputPadding(2).stride(2), x, Tensor.zeros(2, 1, 3, 3), null,
                "output_padding must be smaller than either stride or dilation");
        rejects(ConvOptions.convTranspose2d().padding(4), x, Tensor.zeros(2, 1, 1, 1), null, "output size");
        rejects(ConvOptions.convTranspose2d().padding("same").stride(2).outputPadding(1), x, Tensor.zeros(2, 1, 3, 3), null,
                "conv_transpose2d: padding='same' sets the output size to input × stride, so output_padding must be 0");
        rejects(ConvOptions.convTranspose2d().padding("Same"), x, Tensor.zeros(2, 1, 1, 1), null, "got 'Same'");
        // the view of a 1x1 input is 1x1: nothing to reflect
        rejects(ConvOptions.convTranspose1d().paddingMode(PaddingMode.REFLECT), Tensor.zeros(1, 1, 1), Tensor.zeros(1, 1, 3),
                null, "conv_transpose1d: reflect padding of the correlation view must be smaller than its size: "
                        + "padding (2, 2) of a view of size 1 ((input 1 - 1) * stride 1 + 1) in spatial dimension 0");
        rejects(ConvOptions.convTranspose1d().paddingMode(PaddingMode.CIRCULAR).stride(2), Tensor.zeros(1, 1, 2),
                Tensor.zeros(1, 1, 5), null, "circular padding of the correlation view must be at most its size");
    }

    @Test
    void hugeOutputsAreRefusedBeforeAllocating() {
        assertThatThrownBy(() -> Conv.forward(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(1, 1, 1, 1), null,
                ConvOptions.convTranspose2d().stride(1 << 20)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("above the limit");
    }

    @Test
    void samePaddingKeepsTheSizeWithAnAsymmetricSplit() {
        Tensor input = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 4);
        Tensor weight = Tensor.of(new double[] {1, 10}, 1, 1, 2);
        // total padding 1 goes on the right: [1 2 3 4 0] -> 1+20, 2+30, 3+40, 4+0
        assertThat(Conv.forward(input, weight, null, ConvOptions.conv1d().padding("same")).data())
                .containsExactly(21, 32, 43, 4);
    }
}
