package dev.convkit.core.conv;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parameters that would blow up an intermediate buffer are answered without it (padding applied by
 * bounds) or refused, before allocating, with a message naming the buffer and the limit.
 */
class MemoryBudgetTest {
    private static Forward run(String name, Map<String, ?> params, Object... operands) {
        Op op = Catalogue.require(name);
        return op.forward(Operands.of(operands), op.params(params));
    }

    @Test
    void aHugelyDilatedConvolutionWithFewOutputsIsAnsweredByBounds() {
        Tensor x = Tensor.full(1f, 1, 16, 1, 1);
        Tensor w = Tensor.full(1f, 64, 16, 2, 2);
        Forward f = run("conv2d", Map.of("dilation", 8000, "padding", 4000), "input", x, "weight", w);
        assertThat(f.output().shape()).containsExactly(1, 64, 1, 1);
        assertThat(f.output().data()).containsOnly(0f); // every tap lands in the zero padding
        assertThat(f.backward(Tensor.full(1f, 1, 64, 1, 1)).get("weight").data()).containsOnly(0f);
    }

    @Test
    void aTransposedConvolutionWithAHugeStrideIsRefusedByItsOutputSize() {
        assertThatThrownBy(() -> run("conv_transpose2d", Map.of("stride", 20000), "input", Tensor.full(1f, 1, 1, 2, 2),
                "weight", Tensor.full(1f, 1, 1, 3, 3)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("at or above the limit");
    }

    @Test
    void aHugePoolKernelDoesNotOverflowItsVolume() {
        Forward f = run("max_pool2d", Map.of("kernel_size", 65536, "padding", 32768), "input", Tensor.full(3f, 1, 1, 2, 2));
        assertThat(f.output().data()).containsExactly(3f);
        Forward lp = run("lp_pool2d", Map.of("kernel_size", java.util.List.of(65536, 1), "norm_type", 1),
                "input", Tensor.full(1f, 1, 1, 65536, 1));
        assertThat(lp.output().data()).containsExactly(65536f); // p = 1: the window sum
    }

    @Test
    void aReplicatePaddedCopyAboveTheLimitIsRefusedBeforeAllocating() {
        assertThatThrownBy(() -> run("conv2d", Map.of("padding", 2_000_000_000, "padding_mode", "replicate"),
                "input", Tensor.full(1f, 1, 1, 1, 1), "weight", Tensor.full(1f, 1, 1, 1, 1)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("at or above the limit");
        assertThatThrownBy(() -> run("conv2d", Map.of("padding", 20_000, "padding_mode", "replicate"),
                "input", Tensor.full(1f, 1, 1, 1, 1), "weight", Tensor.full(1f, 1, 1, 1, 1)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("conv2d: the replicate-padded copy of the input would need 1600080001 elements");
    }
}
