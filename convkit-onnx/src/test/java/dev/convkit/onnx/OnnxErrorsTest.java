package dev.convkit.onnx;

import com.google.protobuf.ByteString;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.onnx.proto.OnnxProto.AttributeProto;
import dev.convkit.onnx.proto.OnnxProto.GraphProto;
import dev.convkit.onnx.proto.OnnxProto.ModelProto;
import dev.convkit.onnx.proto.OnnxProto.NodeProto;
import dev.convkit.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.convkit.onnx.proto.OnnxProto.TensorProto;
import dev.convkit.onnx.proto.OnnxProto.TensorShapeProto;
import dev.convkit.onnx.proto.OnnxProto.TypeProto;
import dev.convkit.onnx.proto.OnnxProto.ValueInfoProto;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad ONNX input: one line naming the file, and the node, op and attribute where there is one. */
class OnnxErrorsTest {
    /** A graph x (1, 1, 4, 4) → node → y, changed by {@code edit}. */
    private static byte[] model(NodeProto.Builder node, Consumer<GraphProto.Builder> edit, long opset) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int d : new int[] {1, 1, 4, 4}) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
        GraphProto.Builder graph = GraphProto.newBuilder().setName("g")
                .addInput(ValueInfoProto.newBuilder().setName("x").setType(type))
                .addOutput(ValueInfoProto.newBuilder().setName("y"))
                .addNode(node);
        edit.accept(graph);
        return ModelProto.newBuilder().setIrVersion(7).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).build().toByteArray();
    }

    private static NodeProto.Builder node(String name, String op, String... inputs) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(java.util.List.of(inputs)).addOutput("y");
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static void assertOneLine(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOf(InvalidArgumentException.class).hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anUnsupportedOpNamesTheNodeAndTheOp() {
        byte[] bytes = model(node("up", "Resize", "x"), g -> { }, 13);
        assertThatThrownBy(() -> OnnxModel.parse(bytes, "m.onnx")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("m.onnx: node 'up' (Resize): op Resize is not supported (supported: Abs, Add,");
    }

    @Test
    void anUnsupportedAttributeNamesTheNodeTheOpAndTheAttribute() {
        byte[] bytes = model(node("c", "MaxPool", "x").addAttribute(ints("kernel_shape", 2, 2))
                .addAttribute(ints("window_offsets", 1)), g -> { }, 13);
        assertOneLine(() -> OnnxModel.parse(bytes, "m.onnx"), "m.onnx: node 'c' (MaxPool): attribute window_offsets is not supported");
    }

    @Test
    void anUnsupportedAttributeValueNamesItWhenTheGraphRuns() {
        byte[] bytes = model(node("p", "MaxPool", "x").addAttribute(ints("kernel_shape", 2, 2))
                .addAttribute(AttributeProto.newBuilder().setName("storage_order").setType(AttributeProto.AttributeType.INT).setI(1)),
                g -> { }, 13);
        OnnxModel model = OnnxModel.parse(bytes, "m.onnx");
        assertOneLine(() -> model.run(Tensor.zeros(1, 1, 4, 4)), "m.onnx: node 'p' (MaxPool): attribute storage_order = 1 is not supported");
    }

    @Test
    void catalogueErrorsNameTheNode() {
        byte[] bytes = model(node("p", "MaxPool", "x").addAttribute(ints("kernel_shape", 2, 2))
                .addAttribute(ints("strides", 0, 1)), g -> { }, 13);
        OnnxModel model = OnnxModel.parse(bytes, "m.onnx");
        assertThatThrownBy(() -> model.run(Tensor.zeros(1, 1, 4, 4))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("m.onnx: node 'p' (MaxPool): max_pool2d: stride");
    }

    @Test
    void anInitializerWhoseDataDisagreesWithItsShapeNamesTheFileAndTheTensor() {
        byte[] bytes = model(node("c", "Conv", "x", "w"), g -> g.addInitializer(TensorProto.newBuilder().setName("w")
                .setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(1).addDims(1).addDims(2).addDims(2)
                .setRawData(ByteString.copyFrom(new byte[12]))), 13);
        assertOneLine(() -> OnnxModel.parse(bytes, "m.onnx"),
                "m.onnx: initializer 'w': shape [1, 1, 2, 2] needs 4 values, the data holds 3");
    }

    @Test
    void anInputNoNodeProducesIsNamed() {
        byte[] bytes = model(node("a", "Add", "x", "ghost"), g -> { }, 13);
        assertOneLine(() -> OnnxModel.parse(bytes, "m.onnx"),
                "m.onnx: node 'a' (Add): input 'ghost' is not produced by any earlier node, input or initializer");
    }

    @Test
    void notOnnxAndOldOpsetsAreRefused() {
        assertThatThrownBy(() -> OnnxModel.parse("hello, world".getBytes(StandardCharsets.UTF_8), "t.onnx"))
                .hasMessageStartingWith("t.onnx: not an ONNX model");
        assertOneLine(() -> OnnxModel.parse(model(node("r", "Relu", "x"), g -> { }, 6), "m.onnx"),
                "m.onnx: opset 6 is not supported (7 to 21 are)");
    }

    @Test
    void anInputOfTheWrongShapeIsNamedWithTheDeclaredShape() {
        OnnxModel model = OnnxModel.parse(model(node("r", "Relu", "x"), g -> { }, 13), "m.onnx");
        assertOneLine(() -> model.run(Tensor.zeros(1, 2, 4, 4)),
                "m.onnx: input 'x' has shape [1, 2, 4, 4], the graph declares [1, 1, 4, 4] (-1: any size)");
        assertOneLine(() -> model.train(true), "m.onnx: an imported ONNX graph runs in eval mode only");
    }

    @Test
    void autoPadSameComputesPadsFromTheInputAtRunTime() {
        // SAME_LOWER, kernel 2, stride 1 on 4: one padded row and column at the start; the window sums show where
        byte[] bytes = model(node("c", "Conv", "x", "w").addAttribute(AttributeProto.newBuilder().setName("auto_pad")
                        .setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8("SAME_LOWER"))),
                g -> g.addInitializer(TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .addDims(1).addDims(1).addDims(2).addDims(2).addFloatData(1).addFloatData(1).addFloatData(1)
                        .addFloatData(1)), 13);
        Tensor x = Tensor.full(1f, 1, 1, 4, 4);
        Tensor y = OnnxModel.parse(bytes, "m.onnx").run(x);
        assertThat(y.shape()).containsExactly(1, 1, 4, 4);
        assertThat(y.get(0, 0, 0, 0)).isEqualTo(1f);
        assertThat(y.get(0, 0, 0, 3)).isEqualTo(2f);
        assertThat(y.get(0, 0, 3, 3)).isEqualTo(4f);
    }
    @Test
    void convTransposeAutoPadSameIsTheCataloguesTransposedSame() {
        // ones (4) stamped by [1 1] at stride 3: the full output 1 1 0 1 1 0 1 1 0 1 1 has 11 positions and
        // SAME asks for 4·3 = 12, so ONNX's total 2 − 3 = −1 extends it: SAME_UPPER at the end, SAME_LOWER
        // at the start (separable, so the 2-d output is the outer product)
        for (String auto : new String[] {"SAME_UPPER", "SAME_LOWER"}) {
            byte[] bytes = model(node("t", "ConvTranspose", "x", "w").addAttribute(ints("strides", 3, 3))
                            .addAttribute(AttributeProto.newBuilder().setName("auto_pad")
                                    .setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(auto))),
                    g -> g.addInitializer(TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                            .addDims(1).addDims(1).addDims(2).addDims(2).addFloatData(1).addFloatData(1).addFloatData(1)
                            .addFloatData(1)), 13);
            Tensor y = OnnxModel.parse(bytes, "m.onnx").run(Tensor.full(1f, 1, 1, 4, 4));
            assertThat(y.shape()).containsExactly(1, 1, 12, 12);
            int first = auto.equals("SAME_UPPER") ? 0 : 1;
            assertThat(y.get(0, 0, first, first)).isEqualTo(1f);
            assertThat(y.get(0, 0, first + 2, first)).isEqualTo(0f);
            assertThat(y.get(0, 0, first + 10, first + 10)).isEqualTo(1f);
            int added = auto.equals("SAME_UPPER") ? 11 : 0;
            assertThat(y.get(0, 0, added, added)).isEqualTo(0f);
        }
    }
}
