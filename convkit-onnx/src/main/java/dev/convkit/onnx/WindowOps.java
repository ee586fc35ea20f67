package dev.convkit.onnx;

import dev.convkit.core.op.Forward;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.SameSplit;
import dev.convkit.core.window.Windows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.convkit.onnx.OnnxOps.catalogue;
import static dev.convkit.onnx.OnnxOps.floatInput;
import static dev.convkit.onnx.OnnxOps.tensor;

/**
 * ONNX's convolutions and pools on the core catalogue. ONNX pads each side separately and knows
 * auto_pad; the catalogue takes PyTorch's symmetric padding. Symmetric pads go to the catalogue as
 * they are; other pads are applied to the input first (zeros for convolutions and sums, -inf for max
 * pooling) and the catalogue runs without padding. SAME_UPPER/SAME_LOWER pads are computed from the
 * input's shape at run time.
 */
final class WindowOps {
    private WindowOps() {
    }

    /** The spatial rank of a node's input (1 to 3), checked. */
    private static int spatialRank(OnnxNode n, Value x) {
        int r = x.rank() - 2;
        if (r < 1 || r > 3) {
            throw n.error("input must have 3 to 5 dimensions (N, C, spatial...), got %s", x);
        }
        return r;
    }

    private static int[] spatial(Value x) {
        int[] s = x.shape();
        return Arrays.copyOfRange(s, 2, s.length);
    }

    /**
     * Explicit pads {begin, end} per spatial axis: the pads attribute, or ONNX's auto_pad rule. For
     * SAME_*, the output is ceil(in / stride) and the total padding max(0, (out - 1)·stride + span - in),
     * split evenly with the odd one at the end (SAME_UPPER) or the beginning (SAME_LOWER).
     */
    static int[][] pads(OnnxNode n, int[] in, int[] span, int[] stride) {
        int r = in.length;
        String auto = n.string("auto_pad", "NOTSET");
        int[] begin = new int[r];
        int[] end = new int[r];
        switch (auto) {
            case "NOTSET": {
                int[] p = n.ints("pads", 2 * r, 0);
                for (int i = 0; i < r; i++) {
                    begin[i] = p[i];
                    end[i] = p[i + r];
                    if (begin[i] < 0 || end[i] < 0) {
                        throw n.unsupported("pads", Arrays.toString(p));
                    }
                }
                break;
            }
            case "VALID":
                break;
            case "SAME_UPPER":
            case "SAME_LOWER":
                for (int i = 0; i < r; i++) {
                    int[] sides = Windows.samePadding(in[i], span[i], stride[i], 1, split(auto));
                    begin[i] = sides[0];
                    end[i] = sides[1];
                }
                break;
            default:
                throw n.unsupported("auto_pad", auto);
        }
        if (!auto.equals("NOTSET") && n.has("pads")) {
            throw n.error("attribute pads is given with auto_pad %s", auto);
        }
        return new int[][] {begin, end};
    }

    private static SameSplit split(String autoPad) {
        return autoPad.equals("SAME_UPPER") ? SameSplit.UPPER : SameSplit.LOWER;
    }

    private static boolean symmetric(int[][] pads) {
        return Arrays.equals(pads[0], pads[1]);
    }

    /** Whether the pads are symmetric and at most half the kernel: what PyTorch's pools accept. */
    private static boolean poolable(int[][] pads, int[] kernel) {
        if (!symmetric(pads)) {
            return false;
        }
        for (int i = 0; i < kernel.length; i++) {
            if (pads[0][i] > kernel[i] / 2) {
                return false;
            }
        }
        return true;
    }

    /** The input padded on its spatial axes by {@code pads} with {@code fill}. */
    private static Value padSpatial(Value x, int[][] pads, double fill) {
        int rank = x.rank();
        int[] before = new int[rank];
        int[] after = new int[rank];
        for (int i = 2; i < rank; i++) {
            before[i] = pads[0][i - 2];
            after[i] = pads[1][i - 2];
        }
        return Layout.pad(x, before, after, "constant", fill);
    }

    private static int[] spans(int[] kernel, int[] dilation) {
        int[] s = new int[kernel.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (kernel[i] - 1) * dilation[i] + 1;
        }
        return s;
    }

    /** The weight's kernel, checked against the kernel_shape attribute. */
    private static int[] weightKernel(OnnxNode n, Value x, Value w, int r) {
        if (w.rank() != r + 2) {
            throw n.error("weight %s must have %d dimensions for input %s", w, r + 2, x);
        }
        int[] kernel = spatial(w);
        if (n.has("kernel_shape") && !Arrays.equals(n.ints("kernel_shape", r, 0), kernel)) {
            throw n.error("attribute kernel_shape %s disagrees with the weight %s", Arrays.toString(n.longs("kernel_shape")), w);
        }
        return kernel;
    }

    static Value[] conv(OnnxNode n, Value[] in) {
        Value x = floatInput(n, in, 0);
        Value w = floatInput(n, in, 1);
        int r = spatialRank(n, x);
        int[] kernel = weightKernel(n, x, w, r);
        int[] stride = n.ints("strides", r, 1);
        int[] dilation = n.ints("dilations", r, 1);
        int[][] pads = pads(n, spatial(x), spans(kernel, dilation), stride);
        boolean symmetric = symmetric(pads);
        Value input = symmetric ? x : padSpatial(x, pads, 0);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("stride", stride);
        p.put("padding", symmetric ? pads[0] : new int[r]);
        p.put("dilation", dilation);
        p.put("groups", Math.toIntExact(n.integer("group", 1)));
        Tensor y = catalogue("conv" + r + "d", p, "input", input.tensor(), "weight", w.tensor(), "bias",
                tensor(in.length > 2 ? in[2] : null)).output();
        return new Value[] {Value.of(y)};
    }

    /**
     * Transposed convolution. Its pads remove output positions; ONNX derives them from output_shape or
     * auto_pad as total = stride·(in − 1) + output_padding + span − out, with the larger half at the end
     * for SAME_UPPER and at the beginning otherwise (the ONNX specification's rule). Asymmetric pads are
     * cropped from the unpadded output.
     */
    static Value[] convTranspose(OnnxNode n, Value[] in) {
        Value x = floatInput(n, in, 0);
        Value w = floatInput(n, in, 1);
        int r = spatialRank(n, x);
        int[] kernel = weightKernel(n, x, w, r);
        int[] stride = n.ints("strides", r, 1);
        int[] dilation = n.ints("dilations", r, 1);
        int[] outputPadding = n.ints("output_padding", r, 0);
        int[] span = spans(kernel, dilation);
        int[] size = spatial(x);
        int[] full = new int[r];
        for (int i = 0; i < r; i++) {
            full[i] = Math.toIntExact(stride[i] * (long) (size[i] - 1) + outputPadding[i] + span[i]);
        }
        String auto = n.string("auto_pad", "NOTSET");
        int[][] pads;
        int[] target = null;
        if (n.has("output_shape")) {
            long[] given = n.longs("output_shape");
            if (given.length != r && given.length != r + 2) {
                throw n.error("attribute output_shape needs %d spatial sizes, got %d", r, given.length);
            }
            target = new int[r];
            for (int i = 0; i < r; i++) {
                target[i] = Math.toIntExact(given[given.length - r + i]);
            }
        } else if ((auto.equals("SAME_UPPER") || auto.equals("SAME_LOWER")) && Arrays.stream(outputPadding).allMatch(q -> q == 0)) {
            // the catalogue's transposed 'same' is ONNX's rule, including a dilated kernel shorter than the stride
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("stride", stride);
            p.put("padding", auto.equals("SAME_UPPER") ? "same" : "same_lower");
            p.put("dilation", dilation);
            p.put("groups", Math.toIntExact(n.integer("group", 1)));
            return new Value[] {Value.of(catalogue("conv_transpose" + r + "d", p, "input", x.tensor(), "weight", w.tensor(), "bias",
                    tensor(in.length > 2 ? in[2] : null)).output())};
        } else if (auto.equals("SAME_UPPER") || auto.equals("SAME_LOWER")) {
            target = new int[r];
            for (int i = 0; i < r; i++) {
                target[i] = Math.toIntExact((long) size[i] * stride[i]);
            }
        } else if (!auto.equals("NOTSET") && !auto.equals("VALID")) {
            throw n.unsupported("auto_pad", auto);
        }
        if (target != null) {
            pads = new int[][] {new int[r], new int[r]};
            for (int i = 0; i < r; i++) {
                int total = full[i] - target[i];
                if (total < 0) {
                    throw n.error("output size %d exceeds the largest output %d of axis %d", target[i], full[i], i);
                }
                int small = total / 2;
                pads[0][i] = auto.equals("SAME_UPPER") ? small : total - small;
                pads[1][i] = total - pads[0][i];
            }
        } else {
            pads = auto.equals("VALID") ? new int[][] {new int[r], new int[r]} : pads(n, size, span, stride);
        }
        boolean symmetric = symmetric(pads);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("stride", stride);
        p.put("padding", symmetric ? pads[0] : new int[r]);
        p.put("output_padding", outputPadding);
        p.put("dilation", dilation);
        p.put("groups", Math.toIntExact(n.integer("group", 1)));
        Value y = Value.of(catalogue("conv_transpose" + r + "d", p, "input", x.tensor(), "weight", w.tensor(), "bias",
                tensor(in.length > 2 ? in[2] : null)).output());
        if (symmetric) {
            return new Value[] {y};
        }
        int[] shape = y.shape();
        int[] begin = new int[shape.length];
        int[] step = new int[shape.length];
        Arrays.fill(step, 1);
        for (int i = 0; i < r; i++) {
            begin[i + 2] = pads[0][i];
            shape[i + 2] -= pads[0][i] + pads[1][i];
            if (shape[i + 2] <= 0) {
                throw n.error("pads %s leave no output on axis %d", Arrays.deepToString(pads), i);
            }
        }
        return new Value[] {Layout.slice(y, begin, step, shape)};
    }

    private static Map<String, Object> window(int[] kernel, int[] stride, int[] padding) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kernel_size", kernel);
        p.put("stride", stride);
        p.put("padding", padding);
        return p;
    }

    static Value[] maxPool(OnnxNode n, Value[] in) {
        Value x = floatInput(n, in, 0);
        int r = spatialRank(n, x);
        if (n.integer("storage_order", 0) != 0) {
            throw n.unsupported("storage_order", n.integer("storage_order", 0));
        }
        int[] kernel = requireKernel(n, r);
        int[] stride = n.ints("strides", r, 1);
        int[] dilation = n.ints("dilations", r, 1);
        int[][] pads = pads(n, spatial(x), spans(kernel, dilation), stride);
        boolean indices = n.outputs().size() > 1 && !n.outputs().get(1).isEmpty();
        boolean direct = poolable(pads, kernel);
        if (!direct && indices) {
            throw n.error("attribute pads %s with the Indices output is not supported (pads must be symmetric and at"
                    + " most half the kernel)", Arrays.deepToString(pads));
        }
        Value input = direct ? x : padSpatial(x, pads, Double.NEGATIVE_INFINITY);
        Map<String, Object> p = window(kernel, stride, direct ? pads[0] : new int[r]);
        p.put("dilation", dilation);
        p.put("ceil_mode", n.integer("ceil_mode", 0) != 0);
        p.put("return_indices", indices);
        Forward f = catalogue("max_pool" + r + "d", p, "input", input.tensor());
        Value y = Value.of(f.output());
        if (!indices) {
            return new Value[] {y};
        }
        // ONNX counts indices over the whole tensor, PyTorch within each (n, c) plane
        IndexTensor local = f.indices();
        long inPlane = Layout.numel(spatial(x));
        int outPlane = (int) Layout.numel(spatial(y));
        long[] flat = local.data().clone();
        for (int i = 0; i < flat.length; i++) {
            flat[i] += (i / outPlane) * inPlane;
        }
        return new Value[] {y, Value.longs(flat, local.shape())};
    }

    private static int[] requireKernel(OnnxNode n, int r) {
        if (!n.has("kernel_shape")) {
            throw n.error("attribute kernel_shape is required");
        }
        return n.ints("kernel_shape", r, 0);
    }

    static Value[] averagePool(OnnxNode n, Value[] in) {
        Value x = floatInput(n, in, 0);
        int r = spatialRank(n, x);
        int[] kernel = requireKernel(n, r);
        int[] stride = n.ints("strides", r, 1);
        int[][] pads = pads(n, spatial(x), kernel, stride);
        boolean includePad = n.integer("count_include_pad", 0) != 0;
        boolean ceil = n.integer("ceil_mode", 0) != 0;
        String op = "avg_pool" + r + "d";
        if (poolable(pads, kernel)) {
            Map<String, Object> p = window(kernel, stride, pads[0]);
            p.put("ceil_mode", ceil);
            p.put("count_include_pad", includePad);
            return new Value[] {Value.of(catalogue(op, p, "input", x.tensor()).output())};
        }
        // padded explicitly: the mean over the padded input, divided by the share of real elements
        Map<String, Object> p = window(kernel, stride, new int[r]);
        p.put("ceil_mode", ceil);
        p.put("count_include_pad", true);
        Tensor mean = catalogue(op, p, "input", padSpatial(x, pads, 0).tensor()).output();
        if (includePad) {
            return new Value[] {Value.of(mean)};
        }
        float[] ones = new float[x.numel()];
        Arrays.fill(ones, 1f);
        Tensor share = catalogue(op, p, "input", padSpatial(Value.floats(ones, x.shape()), pads, 0).tensor()).output();
        float[] m = mean.data();
        float[] s = share.data();
        float[] out = new float[m.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = m[i] / s[i];
        }
        return new Value[] {Value.floats(out, mean.shape())};
    }

    /** ONNX LpPool: (Σ |x|^p)^(1/p), the catalogue's lp_pool on |x|. */
    static Value[] lpPool(OnnxNode n, Value[] in) {
        Value x = floatInput(n, in, 0);
        int r = spatialRank(n, x);
        int[] kernel = requireKernel(n, r);
        int[] stride = n.ints("strides", r, 1);
        long power = n.integer("p", 2);
        if (power < 1) {
            throw n.unsupported("p", power);
        }
        int[][] pads = pads(n, spatial(x), kernel, stride);
        float[] d = x.floatData();
        float[] abs = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            abs[i] = Math.abs(d[i]);
        }
        Value input = Value.floats(abs, x.shape());
        boolean direct = poolable(pads, kernel);
        if (!direct) {
            input = padSpatial(input, pads, 0);
        }
        Map<String, Object> p = window(kernel, stride, direct ? pads[0] : new int[r]);
        p.put("norm_type", (double) power);
        return new Value[] {Value.of(catalogue("lp_pool" + r + "d", p, "input", input.tensor()).output())};
    }

    /** GlobalAveragePool and GlobalMaxPool: the adaptive pools with output size 1. */
    static Value[] global(OnnxNode n, Value[] in, String family) {
        Value x = floatInput(n, in, 0);
        int r = spatialRank(n, x);
        int[] ones = new int[r];
        Arrays.fill(ones, 1);
        return new Value[] {Value.of(catalogue(family + r + "d", Map.of("output_size", ones), "input", x.tensor()).output())};
    }

    static Value[] maxUnpool(OnnxNode n, Value[] in) {
        Value x = floatInput(n, in, 0);
        int r = spatialRank(n, x);
        if (in.length < 2 || in[1] == null || !in[1].isLong()) {
            throw n.error("input I must hold int64 indices");
        }
        int[] kernel = requireKernel(n, r);
        int[] stride = n.ints("strides", r, 1);
        int[] pads = n.ints("pads", 2 * r, 0);
        int[] size = spatial(x);
        int[] out = new int[r];
        int[] padding = new int[r];
        for (int i = 0; i < r; i++) {
            out[i] = (size[i] - 1) * stride[i] + kernel[i] - pads[i] - pads[i + r];
            padding[i] = (pads[i] + pads[i + r]) / 2;
        }
        if (in.length > 2 && in[2] != null) {
            long[] given = in[2].longData();
            if (given.length != r + 2) {
                throw n.error("input output_shape must list %d sizes, got %d", r + 2, given.length);
            }
            for (int i = 0; i < r; i++) {
                out[i] = Math.toIntExact(given[i + 2]);
            }
        }
        // ONNX counts indices over the whole tensor, PyTorch within each (n, c) plane
        long outPlane = Layout.numel(out);
        int inPlane = (int) Layout.numel(size);
        long[] flat = in[1].longData();
        long[] local = new long[flat.length];
        for (int i = 0; i < flat.length; i++) {
            long plane = i / Math.max(1, inPlane);
            local[i] = flat[i] - plane * outPlane;
            if (local[i] < 0 || local[i] >= outPlane) {
                throw n.error("index %d at position %d lies outside its (n, c) plane of %d elements", flat[i], i, outPlane);
            }
        }
        Map<String, Object> p = window(kernel, stride, padding);
        p.put("output_size", out);
        Tensor y = catalogue("max_unpool" + r + "d", p, "input", x.tensor(), "indices",
                IndexTensor.wrap(local, in[1].shape())).output();
        return new Value[] {Value.of(y)};
    }
}
