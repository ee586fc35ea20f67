package dev.convkit.core.op;

import dev.convkit.core.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * One op of the catalogue: its torch.nn.functional name, its parameters (types, defaults,
 * validation), its tensor operands, and its forward, whose {@link Forward} context carries the
 * backward. Front ends (compute, the learner CLI, nn layers, the bench, the explorer, ONNX import)
 * look ops up in {@link Catalogue} and never call the op classes by a switch of their own.
 *
 * <pre>{@code
 * Tensor c = Tensor.of(new double[][] {{109, 92, 72}, {108, 85, 74}, {110, 74, 79}}).reshape(1, 1, 3, 3);
 * Op op = Catalogue.require("avg_pool2d");
 * Forward f = op.forward(Operands.of("input", c), op.params(Map.of("kernel_size", 2, "stride", 1)));
 * assert Arrays.equals(f.output().data(), new float[] {98.5f, 80.75f, 94.25f, 78f});
 * Tensor grad = f.backward(Tensor.full(1f, 1, 1, 2, 2)).get("input");
 * assert grad.get(0, 0, 1, 1) == 1f; // the centre is in all four windows, a quarter each
 * }</pre>
 */
public final class Op {
    /** An op's forward pass over checked operands and parameters. */
    @FunctionalInterface
    public interface Body {
        Forward run(Operands in, Params params);
    }

    private final String name;
    private final String family;
    private final int rank;
    private final String summary;
    private final List<Param> params;
    private final List<Operand> operands;
    /** An op's forward pass when no backward will follow (inference): it may skip what only the backward needs. */
    @FunctionalInterface
    public interface Inference {
        Tensor run(Operands in, Params params);
    }

    private final Body body;
    private final Inference inference;

    Op(String name, String family, int rank, String summary, List<Param> params, List<Operand> operands, Body body) {
        this(name, family, rank, summary, params, operands, body, null);
    }

    Op(String name, String family, int rank, String summary, List<Param> params, List<Operand> operands, Body body,
       Inference inference) {
        this.name = name;
        this.family = family;
        this.rank = rank;
        this.summary = summary;
        this.params = List.copyOf(params);
        this.operands = List.copyOf(operands);
        this.body = body;
        this.inference = inference != null ? inference : (in, p) -> body.run(in, p).output();
    }

    /** The torch.nn.functional name, e.g. {@code conv2d} or {@code fractional_max_pool3d}. */
    public String name() {
        return name;
    }

    /** The name without its rank, e.g. {@code conv} or {@code fractional_max_pool}. */
    public String family() {
        return family;
    }

    /** The number of spatial dimensions. */
    public int rank() {
        return rank;
    }

    /** One line: what the op computes. */
    public String summary() {
        return summary;
    }

    /** The parameters, in torch.nn.functional's order. */
    public List<Param> params() {
        return params;
    }

    /** The tensor operands, in order. */
    public List<Operand> operands() {
        return operands;
    }

    /** The parameter {@code name}, or null when the op has none by that name. */
    public Param param(String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Whether the op takes the parameter {@code name}. */
    public boolean accepts(String name) {
        return param(name) != null;
    }

    /**
     * Checks and types raw parameter values (numbers, booleans, strings, lists, int or double arrays;
     * null counts as absent).
     *
     * @throws dev.convkit.core.InvalidArgumentException for an unknown key, a wrong type or a missing required value
     */
    public Params params(Map<String, ?> raw) {
        return new Params(this, raw);
    }

    /**
     * The forward pass.
     *
     * @throws dev.convkit.core.InvalidArgumentException naming the op and the rule a bad argument broke
     */
    public Forward forward(Operands in, Params params) {
        if (params.op() != this) {
            throw new IllegalArgumentException("parameters of " + params.op().name() + " passed to " + name);
        }
        in.check(this);
        return body.run(in, params);
    }

    /**
     * The forward pass without a context, for inference: the same output as {@link #forward}, without
     * the work only a backward needs (max pooling's indices, for one).
     */
    public Tensor infer(Operands in, Params params) {
        if (params.op() != this) {
            throw new IllegalArgumentException("parameters of " + params.op().name() + " passed to " + name);
        }
        in.check(this);
        return inference.run(in, params);
    }

    @Override
    public String toString() {
        return name;
    }
}
