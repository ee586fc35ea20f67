package dev.convkit.nn.functional;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.conv.Conv;
import dev.convkit.core.conv.ConvGradients;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.pool.AvgPool;
import dev.convkit.core.pool.LpPool;
import dev.convkit.core.pool.MaxPool;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.pool.PoolResult;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.window.PaddingMode;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** F gives what the core ops give for the same options, forward and backward, and refuses misfit options. */
class FTest {
    private static Tensor random(long seed, int... shape) {
        return GradientChecker.random(new Random(seed), shape);
    }

    @Test
    void convolutionsMatchCoreForwardAndBackward() {
        Tensor x = random(1, 2, 4, 7, 9);
        Tensor w = random(2, 6, 2, 3, 2);
        Tensor b = random(3, 6);
        ConvOptions o = ConvOptions.conv2d().stride(2, 1).padding(1, 0).dilation(1, 2).groups(2)
                .paddingMode(PaddingMode.REPLICATE);
        Variable xv = Variable.parameter(x);
        Variable wv = Variable.parameter(w);
        Variable bv = Variable.parameter(b);
        Variable y = F.conv2d(xv, wv, bv, o);
        assertThat(y.value()).isEqualTo(Conv.forward(x, w, b, o));
        Tensor g = random(4, y.value().shape());
        Ops.sum(Ops.mul(y, Variable.constant(g))).backward();
        ConvGradients expected = Conv.backward(x, w, Conv.Bias.PRESENT, g, o);
        assertThat(xv.grad()).isEqualTo(expected.input());
        assertThat(wv.grad()).isEqualTo(expected.weight());
        assertThat(bv.grad()).isEqualTo(expected.bias());

        Tensor xt = random(5, 1, 4, 5);
        Tensor wt = random(6, 4, 3, 3);
        ConvOptions up = ConvOptions.convTranspose1d().stride(2).padding(1).outputPadding(1);
        assertThat(F.convTranspose1d(Variable.constant(xt), Variable.constant(wt), null, up).value())
                .isEqualTo(Conv.forward(xt, wt, null, up));
        assertThat(F.conv1d(Variable.constant(xt), Variable.constant(random(7, 2, 4, 3)), null,
                ConvOptions.conv1d().padding("same")).value().shape()).containsExactly(1, 2, 5);
    }

    @Test
    void poolsMatchCore() {
        Tensor x = random(8, 2, 3, 9, 8);
        PoolOptions max = PoolOptions.pool2d(3, 2).stride(2, 1).padding(1, 0).dilation(1, 2).ceilMode(true);
        F.Pooled pooled = F.maxPool2dWithIndices(Variable.constant(x), max);
        PoolResult expected = MaxPool.forward(x, max);
        assertThat(pooled.output().value()).isEqualTo(expected.output());
        assertThat(pooled.indices()).isEqualTo(expected.indices());
        assertThat(F.maxPool2d(Variable.constant(x), max).value()).isEqualTo(expected.output());

        PoolOptions avg = PoolOptions.pool2d(3).stride(2).padding(1).countIncludePad(false).divisorOverride(5);
        assertThat(F.avgPool2d(Variable.constant(x), avg).value()).isEqualTo(AvgPool.forward(x, avg));
        PoolOptions lp = PoolOptions.pool2d(2, 3).ceilMode(true);
        assertThat(F.lpPool2d(Variable.constant(x), 3, lp).value()).isEqualTo(LpPool.forward(x, 3, lp));

        PoolOptions plain = PoolOptions.pool2d(2);
        Tensor positive = GradientChecker.distinct(new Random(12), 0.025, 2, 3, 9, 8); // unpooled zeros stay below every maximum
        F.Pooled p = F.maxPool2dWithIndices(Variable.constant(positive), plain);
        Tensor back = F.maxUnpool2d(p.output(), p.indices(), plain, 9, 8).value();
        assertThat(back.shape()).containsExactly(2, 3, 9, 8);
        assertThat(F.maxPool2d(Variable.constant(back), plain).value()).isEqualTo(p.output().value());

        Variable in = Variable.parameter(x);
        Ops.sum(F.adaptiveAvgPool2d(in, 1)).backward();
        assertThat(in.grad().get(1, 2, 4, 4)).isEqualTo(1f / 72);
    }

    @Test
    void optionsThatDoNotFitAreRefusedByName() {
        Variable x = Variable.constant(random(9, 1, 1, 6, 6));
        Variable w = Variable.constant(random(10, 1, 1, 3, 3));
        assertThatThrownBy(() -> F.conv2d(x, w, null, ConvOptions.conv1d())).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("conv2d: the options are for conv1d");
        assertThatThrownBy(() -> F.avgPool2d(x, PoolOptions.pool2d(2).dilation(2)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("avg_pool2d: takes no dilation");
        assertThatThrownBy(() -> F.maxPool2d(x, PoolOptions.pool2d(2).countIncludePad(false)))
                .hasMessage("max_pool2d: takes no count_include_pad");
        assertThatThrownBy(() -> F.maxPool2d(x, PoolOptions.pool1d(2))).hasMessage("max_pool2d: the options are for 1 dimensions");
    }
}
