package dev.convkit.explore;

import dev.convkit.core.conv.ConvForward;
import dev.convkit.core.conv.ConvGeometry;
import dev.convkit.core.conv.ConvPlan;
import dev.convkit.core.op.Gradients;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.PaddingMode;
import dev.convkit.core.window.Windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the page draws for a convolution, from its forward context's resolved plan: per axis, the
 * padded position and the input position each tap of each window reads; every tap's
 * product; the output-size formula; and one input cell's gradient terms. For a transposed
 * convolution: where each input cell stamps each weighted kernel tap onto the output.
 *
 * <pre>{@code
 * ConvDetail.describe(answer, op, params, (ConvForward) forward, input, weight, gradOutput, gradients, new int[] {2, 2});
 * answer.get("explain"); // {cell: [2, 2], value: 34, terms: [{out: [0, 0], tap: [2, 2], g: 1, k: 3, product: 3}, ...]}
 * }</pre>
 */
public final class ConvDetail {
    private ConvDetail() {
    }

    /** Adds the convolution's detail to {@code out}. */
    public static void describe(Map<String, Object> out, Op op, Params params, ConvForward forward, Tensor input,
                                Tensor weight, Tensor gradOutput, Gradients gradients, int[] explain) {
        ConvPlan plan = forward.plan();
        ConvGeometry g = plan.geometry();
        int[] kernel = {weight.dim(2), weight.dim(3)};
        int[] stride = {g.stride()[1], g.stride()[2]};
        int[] dilation = {g.dilation()[1], g.dilation()[2]};
        int[] padLeft = plan.padLeft();
        float[][] a = input.matrix(0, 0);
        float[][] k = weight.matrix(0, 0);
        float[][] go = gradOutput.matrix(0, 0);
        int[] inSize = {a.length, a[0].length};
        int[] outSize = plan.outputSpatial();
        out.put("kernel", kernel);
        out.put("stride", stride);
        out.put("dilation", dilation);
        out.put("pad_left", padLeft);
        if (plan.transposed()) {
            refuseBeyondTorchTransposed(plan, params);
            transposed(out, params, kernel, stride, dilation, padLeft, a, k, go, inSize, outSize, gradients, explain);
            return;
        }
        int[] padRight = plan.padRight();
        out.put("pad_right", padRight);
        PaddingMode mode = plan.paddingMode();
        out.put("padding_mode", mode.torchName());
        // per axis: the padded position each tap reads and the input position it stands for (-1: a zero)
        int[][][] pos = new int[2][][];
        int[][][] src = new int[2][][];
        List<Object> formula = new ArrayList<>();
        for (int axis = 0; axis < 2; axis++) {
            pos[axis] = new int[outSize[axis]][kernel[axis]];
            src[axis] = new int[outSize[axis]][kernel[axis]];
            for (int o = 0; o < outSize[axis]; o++) {
                for (int j = 0; j < kernel[axis]; j++) {
                    int p = Windows.tapPosition(o, j, stride[axis], padLeft[axis], dilation[axis]);
                    pos[axis][o][j] = p;
                    src[axis][o][j] = mode.source(p, inSize[axis]);
                }
            }
            formula.add(Formula.conv(axis, inSize[axis], kernel[axis], stride[axis], padLeft[axis], padRight[axis],
                    dilation[axis]));
        }
        out.put("formula", formula);
        out.put("windows", Map.of("rows", Map.of("pos", pos[0], "src", src[0]),
                "cols", Map.of("pos", pos[1], "src", src[1])));
        int taps = kernel[0] * kernel[1];
        float[] products = new float[outSize[0] * outSize[1] * taps];
        int i = 0;
        for (int oh = 0; oh < outSize[0]; oh++) {
            for (int ow = 0; ow < outSize[1]; ow++) {
                for (int jh = 0; jh < kernel[0]; jh++) {
                    int r = src[0][oh][jh];
                    for (int jw = 0; jw < kernel[1]; jw++, i++) {
                        int c = src[1][ow][jw];
                        float x = r < 0 || c < 0 ? 0f : a[r][c];
                        products[i] = x * k[jh][jw];
                    }
                }
            }
        }
        out.put("products", products);
        if (explain != null) {
            List<Object> terms = new ArrayList<>();
            for (int oh = 0; oh < outSize[0]; oh++) {
                for (int ow = 0; ow < outSize[1]; ow++) {
                    for (int jh = 0; jh < kernel[0]; jh++) {
                        if (src[0][oh][jh] != explain[0]) {
                            continue;
                        }
                        for (int jw = 0; jw < kernel[1]; jw++) {
                            if (src[1][ow][jw] == explain[1]) {
                                terms.add(term(new int[] {oh, ow}, new int[] {jh, jw}, go[oh][ow], k[jh][jw]));
                            }
                        }
                    }
                }
            }
            out.put("explain", explanation(explain, gradients.get("input").matrix(0, 0), terms));
        }
    }

    /**
     * The stamp view and its formula show zero padding cut evenly from both ends; a transposed 'same'
     * or padding mode (beyond PyTorch) runs as a correlation view instead, so the page refuses it as
     * {@code convkit conv --transpose --explain} does, and points to {@code compute}.
     */
    private static void refuseBeyondTorchTransposed(ConvPlan plan, Params params) {
        if (plan.paddingMode() != PaddingMode.ZEROS) {
            throw new ApiError(400, "padding_mode", plan.op() + ": the stamp view shows zero padding only; padding_mode '"
                    + plan.paddingMode().torchName() + "' of a transposed convolution goes beyond PyTorch: run it with convkit compute");
        }
        if (params.get("padding") instanceof String s && !s.equals("valid")) {
            throw new ApiError(400, "padding", plan.op() + ": the stamp view shows padding cut evenly from both ends; padding '"
                    + s + "' of a transposed convolution goes beyond PyTorch: run it with convkit compute");
        }
    }

    private static void transposed(Map<String, Object> out, Params params, int[] kernel, int[] stride, int[] dilation,
                                   int[] padLeft, float[][] a, float[][] k, float[][] go, int[] inSize, int[] outSize,
                                   Gradients gradients, int[] explain) {
        int[] outputPadding = ExploreApi.ints(params.ints("output_padding"));
        out.put("output_padding", outputPadding);
        // per axis: the output position each input position stamps kernel tap j onto (-1: cropped by the padding)
        int[][][] target = new int[2][][];
        List<Object> formula = new ArrayList<>();
        for (int axis = 0; axis < 2; axis++) {
            target[axis] = new int[inSize[axis]][kernel[axis]];
            for (int i = 0; i < inSize[axis]; i++) {
                for (int j = 0; j < kernel[axis]; j++) {
                    int p = Windows.tapPosition(i, j, stride[axis], padLeft[axis], dilation[axis]);
                    target[axis][i][j] = p >= 0 && p < outSize[axis] ? p : -1;
                }
            }
            formula.add(Formula.transposed(axis, inSize[axis], kernel[axis], stride[axis], padLeft[axis],
                    dilation[axis], outputPadding[axis]));
        }
        out.put("formula", formula);
        out.put("stamps", Map.of("rows", target[0], "cols", target[1]));
        int taps = kernel[0] * kernel[1];
        float[] products = new float[inSize[0] * inSize[1] * taps];
        int n = 0;
        for (int ih = 0; ih < inSize[0]; ih++) {
            for (int iw = 0; iw < inSize[1]; iw++) {
                for (int jh = 0; jh < kernel[0]; jh++) {
                    for (int jw = 0; jw < kernel[1]; jw++, n++) {
                        products[n] = a[ih][iw] * k[jh][jw];
                    }
                }
            }
        }
        out.put("products", products);
        if (explain != null) {
            List<Object> terms = new ArrayList<>();
            for (int jh = 0; jh < kernel[0]; jh++) {
                int oh = target[0][explain[0]][jh];
                for (int jw = 0; jw < kernel[1]; jw++) {
                    int ow = target[1][explain[1]][jw];
                    if (oh >= 0 && ow >= 0) {
                        terms.add(term(new int[] {oh, ow}, new int[] {jh, jw}, go[oh][ow], k[jh][jw]));
                    }
                }
            }
            out.put("explain", explanation(explain, gradients.get("input").matrix(0, 0), terms));
        }
    }

    static Map<String, Object> term(int[] outCell, int[] tap, float g, float k) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("out", outCell);
        t.put("tap", tap);
        t.put("g", g);
        t.put("k", k);
        t.put("product", g * k);
        return t;
    }

    static Map<String, Object> explanation(int[] cell, float[][] gradInput, List<Object> terms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", cell);
        m.put("value", gradInput[cell[0]][cell[1]]);
        m.put("terms", terms);
        return m;
    }
}
