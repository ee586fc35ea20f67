package dev.convkit.nn;

import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.core.window.PaddingMode;
import dev.convkit.nn.layers.BatchNorm2d;
import dev.convkit.nn.layers.Conv1d;
import dev.convkit.nn.layers.Conv2d;
import dev.convkit.nn.layers.Conv3d;
import dev.convkit.nn.layers.ConvTranspose2d;
import dev.convkit.nn.layers.Dropout;
import dev.convkit.nn.layers.ELU;
import dev.convkit.nn.layers.Flatten;
import dev.convkit.nn.layers.Linear;
import dev.convkit.nn.layers.ReLU;
import dev.convkit.nn.layers.Module;
import dev.convkit.nn.layers.Sequential;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finite-difference checks of every module and loss through autograd: the gradient that
 * {@code backward()} leaves on the input and on every parameter against central differences of the
 * loss {@code Σ G·module(x)}.
 */
class ModuleGradientTest {
    private static Variable weighted(Variable y, Tensor g) {
        return Ops.sum(Ops.mul(y, Variable.constant(g)));
    }

    /** Checks input and parameter gradients of {@code module} on input {@code x}. */
    static void check(String name, Module module, Tensor x, double step) {
        Random random = new Random(name.hashCode());
        Variable input = Variable.parameter(x);
        Variable y = module.forward(input);
        Tensor g = GradientChecker.random(random, y.value().shape());
        weighted(y, g).backward();
        GradientChecker.check(name + " input", x, xx -> module.forward(Variable.constant(xx)).value(), g,
                input.grad(), step, 40, random);
        for (Map.Entry<String, Variable> p : module.parameters().entrySet()) {
            Variable parameter = p.getValue();
            Tensor value = parameter.value();
            Tensor analytic = parameter.grad();
            GradientChecker.check(name + " " + p.getKey(), value, vv -> {
                parameter.set(vv);
                try {
                    return module.forward(Variable.constant(x)).value();
                } finally {
                    parameter.set(value);
                }
            }, g, analytic, step, 40, random);
        }
    }

    private static Tensor distinct(long seed, int... shape) {
        // the values -1.025 + 0.05k keep 0.025 away from the kinks of relu and elu at 0
        return GradientChecker.distinct(new Random(seed), -1.025, shape);
    }

    @TestFactory
    List<DynamicTest> everyModule() {
        List<DynamicTest> tests = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        add(tests, "conv1d", () -> init(new Conv1d(2, 3, 3).stride(2).padding(1), r), () -> distinct(1, 2, 2, 9));
        add(tests, "conv2d", () -> init(new Conv2d(2, 3, 3).padding(1), r), () -> distinct(2, 2, 2, 5, 6));
        add(tests, "conv3d", () -> init(new Conv3d(1, 2, 2), r), () -> distinct(3, 1, 1, 3, 4, 4));
        add(tests, "convT2d", () -> init(new ConvTranspose2d(2, 3, 3).stride(2).padding(1).outputPadding(1), r), () -> distinct(4, 2, 2, 3, 3));
        add(tests, "linear", () -> init(new Linear(7, 4), r), () -> distinct(5, 3, 7));
        add(tests, "relu", ReLU::new, () -> distinct(6, 2, 3, 4));
        add(tests, "elu", () -> new ELU(0.7), () -> distinct(7, 2, 3, 4));
        add(tests, "flatten", Flatten::new, () -> distinct(8, 2, 3, 2, 2));
        add(tests, "bn2d train", () -> new BatchNorm2d(3), () -> distinct(9, 2, 3, 3, 3));
        add(tests, "bn2d eval", () -> {
            BatchNorm2d bn = new BatchNorm2d(3);
            bn.eval();
            return bn;
        }, () -> distinct(10, 2, 3, 3, 3));
        add(tests, "maxpool2d", () -> layer("maxpool2d(2,2,0)"), () -> distinct(11, 2, 2, 4, 6));
        add(tests, "maxpool2d 3s2p1", () -> layer("maxpool2d(3,2,1)"), () -> distinct(12, 1, 2, 5, 5));
        add(tests, "avgpool2d", () -> layer("avgpool2d(3,2,1)"), () -> distinct(13, 1, 2, 5, 5));
        add(tests, "lppool2d", () -> layer("lppool2d(2,2,0,2)"), () -> distinct(14, 1, 2, 4, 4));
        add(tests, "lppool2d p=3", () -> layer("lppool2d(2,1,0,3)"), () -> GradientChecker.distinct(new Random(19), 0.025, 1, 2, 4, 4));
        add(tests, "adaptiveavg2d", () -> layer("adaptiveavg2d(3)"), () -> distinct(15, 1, 2, 5, 7));
        add(tests, "adaptivemax2d", () -> layer("adaptivemax2d(3)"), () -> distinct(16, 1, 2, 5, 7));
        add(tests, "maxpool1d", () -> layer("maxpool1d(2,1,1)"), () -> distinct(20, 2, 3, 7));
        add(tests, "avgpool3d", () -> layer("avgpool3d(2,1,0)"), () -> distinct(21, 1, 2, 3, 3, 3));
        add(tests, "conv2d 2x3 kernel, groups, dilation, no bias", () -> init(new Conv2d(4, 2, 2, 3).padding(1, 0).dilation(1, 2)
                .groups(2).withoutBias(), r), () -> distinct(22, 1, 4, 4, 7));
        add(tests, "conv1d reflect, same", () -> init(new Conv1d(2, 2, 3).padding("same").paddingMode(PaddingMode.REFLECT), r),
                () -> distinct(23, 1, 2, 6));
        add(tests, "maxpool2d 3x2 dilated ceil", () -> layer("maxpool2d(3x2,2,1x0,dilation=1x2,ceil_mode=true)"),
                () -> distinct(24, 1, 2, 7, 8));
        add(tests, "avgpool2d exclude pad", () -> layer("avgpool2d(3,2,1,count_include_pad=false)"), () -> distinct(25, 1, 2, 5, 5));
        add(tests, "sequential", () -> Architecture.build(
                "conv2d(1,2,3,1,1);bn2d(2);relu;maxpool2d(2,2,0);flatten;linear(8,3)", 9), () -> distinct(17, 2, 1, 4, 4));
        return tests;
    }

    /** One pool layer from its spec token, through the catalogue as a network builds it. */
    private static Module layer(String token) {
        Sequential net = Architecture.build(token, 0);
        assertThat(net.spec()).isEqualTo(token);
        return net.layers().get(0);
    }

    private static Module init(Module m, java.util.SplittableRandom random) {
        m.initialize(random);
        return m;
    }

    private static void add(List<DynamicTest> tests, String name, Supplier<Module> module, Supplier<Tensor> input) {
        tests.add(DynamicTest.dynamicTest(name, () -> check(name, module.get(), input.get(), 1e-2)));
    }

    @Test
    void dropoutScalesKeptValuesAndRoutesGradientsThroughTheMask() {
        Dropout dropout = new Dropout(0.5);
        dropout.initialize(new java.util.SplittableRandom(1));
        Tensor x = Tensor.full(1f, 1000);
        Variable in = Variable.parameter(x);
        Variable y = dropout.forward(in);
        Ops.sum(y).backward();
        int kept = 0;
        for (int i = 0; i < 1000; i++) {
            float v = y.value().data()[i];
            assertThat(v).isIn(0f, 2f);
            assertThat(in.grad().data()[i]).isEqualTo(v);
            kept += v > 0 ? 1 : 0;
        }
        assertThat(kept).isBetween(430, 570);
        dropout.eval();
        assertThat(dropout.forward(in).value().data()).containsOnly(1f);
    }

    @Test
    void fractionalPoolGradientFollowsItsWindows() {
        Tensor x = distinct(18, 1, 2, 7, 7);
        Op op = Catalogue.require("fractional_max_pool2d");
        Params o = op.params(Map.of("kernel_size", 2, "output_size", 4, "seed", 3));
        Variable in = Variable.parameter(x);
        Variable y = Ops.apply(op, o, Map.of("input", in));
        Tensor g = GradientChecker.random(new Random(1), y.value().shape());
        weighted(y, g).backward();
        GradientChecker.check("fractional", x, xx -> Ops.apply(op, o, Map.of("input", Variable.constant(xx))).value(), g,
                in.grad(), 1e-2, 98, new Random(2));
    }

    @Test
    void lossesMatchFiniteDifferences() {
        Random random = new Random(3);
        Tensor logits = GradientChecker.random(random, 4, 5);
        int[] labels = {0, 3, 4, 1};
        Variable z = Variable.parameter(logits);
        Ops.crossEntropy(z, labels).backward();
        GradientChecker.check("cross_entropy", logits, zz -> Ops.crossEntropy(Variable.constant(zz), labels).value(),
                Tensor.full(1f, 1), z.grad(), 1e-2, 20, random);
        Tensor target = GradientChecker.random(random, 4, 5);
        Variable p = Variable.parameter(logits.copy());
        Ops.mse(p, target).backward();
        GradientChecker.check("mse", logits, pp -> Ops.mse(Variable.constant(pp), target).value(), Tensor.full(1f, 1),
                p.grad(), 1e-2, 20, random);
    }

    @Test
    void gradientsAccumulateOverSharedUses() {
        Variable w = Variable.parameter(Tensor.of(new float[] {3}, 1));
        Variable y = Ops.add(Ops.mul(w, w), w);
        y.backward();
        assertThat(w.grad().data()).containsExactly(7f);
        Sequential net = Architecture.build("linear(2,2);relu;linear(2,1)", 1);
        assertThat(net.parameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
    }
}
