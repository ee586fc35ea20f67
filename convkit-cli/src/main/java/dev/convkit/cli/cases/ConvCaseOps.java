package dev.convkit.cli.cases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.core.conv.Conv;
import dev.convkit.core.conv.ConvGradients;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.PaddingMode;

import java.util.Map;

/** conv1d/2d/3d and conv_transpose1d/2d/3d for {@code compute}. */
final class ConvCaseOps {
    private ConvCaseOps() {
    }

    static void register(Map<String, CaseOp> ops) {
        for (int rank = 1; rank <= 3; rank++) {
            int r = rank;
            ops.put("conv" + r + "d", in -> run(in, ConvOptions.of(r, false)));
            ops.put("conv_transpose" + r + "d", in -> run(in, ConvOptions.of(r, true)));
        }
    }

    private static CaseResult run(CaseInputs in, ConvOptions defaults) {
        Params p = in.params();
        ConvOptions options = defaults;
        if (defaults.transposed()) {
            p.allowOnly("stride", "padding", "output_padding", "groups", "dilation", "padding_mode");
            options = options.outputPadding(p.ints("output_padding", new int[] {0}));
        } else {
            p.allowOnly("stride", "padding", "dilation", "groups", "padding_mode");
        }
        options = options.stride(p.ints("stride", new int[] {1}))
                .dilation(p.ints("dilation", new int[] {1}))
                .groups(p.integer("groups", 1))
                .paddingMode(PaddingMode.parse(p.string("padding_mode", "zeros")));
        JsonNode padding = p.raw("padding");
        if (padding != null && padding.isTextual()) {
            options = options.padding(padding.textValue());
        } else {
            options = options.padding(p.ints("padding", new int[] {0}));
        }
        Tensor input = in.tensor("input");
        Tensor weight = in.tensor("weight");
        Tensor bias = in.optionalTensor("bias");
        CaseResult result = new CaseResult(Conv.forward(input, weight, bias, options), null);
        if (in.hasGradOutput()) {
            ConvGradients g = Conv.backward(input, weight, bias != null, in.gradOutput(), options);
            result.grad("input", g.input()).grad("weight", g.weight()).grad("bias", g.bias());
        }
        return result;
    }
}
