package dev.convkit.nn.layers;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.window.PaddingMode;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Specs and the torch.nn-named layers: what a builder writes, the spec rebuilds as the same class and settings. */
class ArchitectureTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "conv1d(2,4,5,1,2)", "conv2d(1,32,3,1,1)", "conv2d(3,6,1x7,2x1,0x3,dilation=2,groups=3,bias=false,padding_mode=reflect)",
        "conv2d(2,2,3,1,same)", "conv3d(1,2,3x3x1,1,1x1x0)", "convT1d(4,2,4,2,1,0)", "convT2d(4,2,3,2,1,1,groups=2)",
        "convT3d(2,2,2,2,0,0,bias=false)", "linear(784,10)", "linear(4,3,bias=false)", "bn2d(8)", "bn2d(8,eps=0.001,momentum=0.2)",
        "relu", "elu(1)", "elu(0.5)", "dropout(0.25)", "flatten", "maxpool1d(2,2,0)", "maxpool2d(2,2,0)",
        "maxpool2d(3x2,2,1x0,dilation=1x2,ceil_mode=true)", "maxpool3d(1x2x2,1x2x2,0)", "avgpool1d(3,1,1)",
        "avgpool2d(3,2,1,ceil_mode=true,count_include_pad=false,divisor_override=4)", "avgpool3d(2,2,0)",
        "lppool1d(3,3,0,1)", "lppool2d(2,2,0,2)", "lppool2d(2x3,1,0,1.5,ceil_mode=true)", "lppool3d(2,2,0,2)",
        "adaptiveavg1d(3)", "adaptiveavg2d(1)", "adaptiveavg3d(2x3x3)", "adaptivemax1d(4)", "adaptivemax2d(7x5)", "adaptivemax3d(1)",
        "fracmax2d(2,0.5)", "fracmax2d(3,output_size=13)", "fracmax3d(2,0.5x0.5x0.75)"})
    void everySpecRebuildsItself(String token) {
        Sequential net = Architecture.build(token, 0);
        assertThat(net.spec()).isEqualTo(token);
        assertThat(Architecture.build(net.spec(), 0).layers().get(0)).isInstanceOf(net.layers().get(0).getClass());
    }

    @Test
    void buildersAndSpecsMakeTheSameNetwork() {
        Sequential built = Sequential.of(new Conv2d(1, 32, 3).padding(1), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3).padding(1), new BatchNorm2d(64), new ReLU(), new MaxPool2d(2), new Dropout(0.25),
                new Flatten(), new Linear(3136, 10));
        assertThat(built.spec()).isEqualTo(Architecture.model("cnn2"));
        built.initialize(new SplittableRandom(42));
        Sequential fromSpec = Architecture.build(Architecture.model("cnn2"), 42);
        assertThat(built.parameters().keySet()).containsExactlyElementsOf(fromSpec.parameters().keySet());
        fromSpec.parameters().forEach((name, p) -> assertThat(built.parameters().get(name).value()).as(name).isEqualTo(p.value()));
    }

    @Test
    void rectangularConvolutionIsTheFunctionalOneWithItsWeights() {
        Conv2d conv = new Conv2d(4, 6, 2, 5).stride(1, 2).padding(1, 2).dilation(2, 1).groups(2)
                .paddingMode(PaddingMode.CIRCULAR);
        conv.initialize(new SplittableRandom(3));
        assertThat(conv.weight().value().shape()).containsExactly(6, 2, 2, 5);
        Variable x = Variable.constant(GradientChecker.random(new Random(4), 2, 4, 6, 11));
        Tensor expected = F.conv2d(x, conv.weight(), conv.bias(), ConvOptions.conv2d().stride(1, 2).padding(1, 2)
                .dilation(2, 1).groups(2).paddingMode(PaddingMode.CIRCULAR)).value();
        assertThat(conv.forward(x).value()).isEqualTo(expected);
        assertThat(new Conv2d(4, 6, 2, 5).withoutBias().parameters()).containsOnlyKeys("weight");
    }

    @Test
    void declaredWeightsCountRectangularKernelsAndGroups() {
        assertThat(Architecture.declaredWeights("conv2d(4,6,2x5,1,0,groups=2);bn2d(6);linear(10,3)"))
                .isEqualTo(4 * 6 / 2 * 10 + 6 * 4 + 30);
        assertThat(Architecture.declaredWeights("conv3d(1,2,3,1,0)")).isEqualTo(54);
    }

    @Test
    void badSpecsAreOneLineNamingTheLayer() {
        assertThatThrownBy(() -> Architecture.build("conv2d(1,2,3x3x3,1,0)", 0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("architecture: argument 3 of layer 'conv2d(1,2,3x3x3,1,0)' needs 1 or 2 values, got '3x3x3'");
        assertThatThrownBy(() -> Architecture.build("maxpool2d(2,2,0,groups=2)", 0))
                .hasMessage("architecture: layer 'maxpool2d(2,2,0,groups=2)' has no setting 'groups' (it takes dilation, ceil_mode)");
        assertThatThrownBy(() -> Architecture.build("linear(4,3,bias=maybe)", 0))
                .hasMessage("architecture: bias of layer 'linear(4,3,bias=maybe)' must be true or false, got 'maybe'");
        assertThatThrownBy(() -> Architecture.build("conv2d(1,2,3,1,0,groups=2)", 0))
                .hasMessage("conv2d layer: groups must divide in=1 and out=2, got 2");
        assertThatThrownBy(() -> Architecture.build("fracmax2d(2)", 0))
                .hasMessage("architecture: layer 'fracmax2d(2)' needs an output ratio or output_size=");
        assertThatThrownBy(() -> Architecture.build("linear(2.5,3)", 0))
                .hasMessage("architecture: argument 1 of layer 'linear(2.5,3)' must be a whole number, got 2.5");
        assertThat(List.of("relu", "flatten")).allSatisfy(t -> assertThat(Architecture.build(t, 0).spec()).isEqualTo(t));
    }
}
