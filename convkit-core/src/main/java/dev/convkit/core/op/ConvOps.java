package dev.convkit.core.op;

import dev.convkit.core.conv.Conv;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.window.PaddingMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.convkit.core.op.Param.optional;

/** The catalogue entries of conv1d/2d/3d and conv_transpose1d/2d/3d. */
final class ConvOps {
    private ConvOps() {
    }

    static void register(Map<String, Op> ops) {
        for (int rank = 1; rank <= 3; rank++) {
            add(ops, rank, false);
            add(ops, rank, true);
        }
    }

    private static void add(Map<String, Op> ops, int rank, boolean transposed) {
        ConvOptions defaults = transposed ? ConvOptions.convTranspose(rank) : ConvOptions.conv(rank);
        List<Param> params = new ArrayList<>();
        params.add(optional("stride", ParamType.INTS, new int[] {1}, "step between windows, per dimension"));
        if (transposed) {
            params.add(optional("padding", ParamType.INTS_OR_STRING, new int[] {0},
                    "positions cut from each side of the output, or 'same' (output = input × stride), 'same_lower' or 'valid'"));
            params.add(optional("output_padding", ParamType.INTS, new int[] {0}, "extra positions at the end of each output dimension"));
            params.add(optional("groups", ParamType.INT, 1, "channel groups"));
            params.add(optional("dilation", ParamType.INTS, new int[] {1}, "spacing between kernel taps"));
        } else {
            params.add(optional("padding", ParamType.INTS_OR_STRING, new int[] {0}, "padding per side, or 'same' (output = ceil(input / stride), odd pad at the end), 'same_lower' or 'valid'"));
            params.add(optional("dilation", ParamType.INTS, new int[] {1}, "spacing between kernel taps"));
            params.add(optional("groups", ParamType.INT, 1, "channel groups"));
        }
        params.add(optional("padding_mode", ParamType.STRING, "zeros", transposed
                ? "zeros, reflect, replicate or circular: how the correlation view of the input is padded"
                : "zeros, reflect, replicate or circular"));
        List<Operand> operands = List.of(Operand.input(), new Operand("weight", false, true, true),
                new Operand("bias", false, false, true));
        String summary = transposed
                ? "transposed convolution: the gradient of a convolution with respect to its input"
                : "convolution (cross-correlation) of the input with the weight, plus the bias";
        ops.put(defaults.opName(), new Op(defaults.opName(), transposed ? "conv_transpose" : "conv", rank, summary,
                params, operands, (in, p) -> Conv.run(in.tensor("input"), in.tensor("weight"), in.tensor("bias"),
                        options(defaults, p))));
    }

    /** The options a call's parameters describe. */
    static ConvOptions options(ConvOptions defaults, Params p) {
        ConvOptions o = defaults.stride(p.ints("stride"))
                .dilation(p.ints("dilation"))
                .groups(p.integer("groups"))
                .paddingMode(PaddingMode.parse(p.string("padding_mode")));
        if (defaults.transposed()) {
            o = o.outputPadding(p.ints("output_padding"));
        }
        Object padding = p.get("padding");
        return padding instanceof String text ? o.padding(text) : o.padding((int[]) padding);
    }
}
