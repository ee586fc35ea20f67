package dev.convkit.nn.autograd;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A tensor in a computation graph: reverse-mode autograd. An op creates its result with the
 * parents it read and a closure that, given the result's gradient, adds each parent's gradient.
 * {@link #backward()} runs the closures in reverse topological order. Inside {@link GradMode#off()}
 * no graph is recorded. As in PyTorch, only leaves keep their gradient after the backward: an
 * op's result hands its gradient to its closure, which may reuse its storage for a parent's.
 *
 * <pre>{@code
 * Variable w = Variable.parameter(Tensor.of(new float[] {2}, 1));
 * Variable y = Ops.mul(w, w);     // y = w^2
 * y.backward();
 * assert w.grad().get(0) == 4f;   // dy/dw = 2w
 * }</pre>
 */
public final class Variable {
    /** Adds the parents' gradients given this variable's gradient. */
    @FunctionalInterface
    public interface Backward {
        void apply(Tensor gradOutput);
    }

    /** Runs each op's backward during {@link #backward(Tensor, Observer)} (a profiler times them). */
    @FunctionalInterface
    public interface Observer {
        /** Runs {@code backward}, the backward of the op that produced {@code node}. */
        void run(Variable node, Runnable backward);
    }

    private static final Observer DIRECT = (node, backward) -> backward.run();

    private Tensor value;
    private Tensor grad;
    private final boolean requiresGrad;
    private final List<Variable> parents;
    private final Backward backward;
    /** A leaf's gradient storage, kept across {@link #zeroGrad()} for the steps of an {@link Arena}. */
    private float[] spare;

    private Variable(Tensor value, boolean requiresGrad, List<Variable> parents, Backward backward) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.parents = parents;
        this.backward = backward;
    }

    /** A leaf that collects a gradient (a learnable parameter). */
    public static Variable parameter(Tensor value) {
        return new Variable(value, true, List.of(), null);
    }

    /** A leaf without gradient (data, labels). */
    public static Variable constant(Tensor value) {
        return new Variable(value, false, List.of(), null);
    }

    /**
     * The result of an op: it requires a gradient when any parent does and grad mode is on; then
     * {@code backward} is kept to propagate it.
     */
    public static Variable result(Tensor value, Backward backward, Variable... parents) {
        boolean needs = false;
        if (GradMode.enabled()) {
            for (Variable p : parents) {
                needs |= p != null && p.requiresGrad;
            }
        }
        if (!needs) {
            return constant(value);
        }
        List<Variable> list = new ArrayList<>();
        for (Variable p : parents) {
            if (p != null) {
                list.add(p);
            }
        }
        return new Variable(value, true, Collections.unmodifiableList(list), backward);
    }

    public Tensor value() {
        return value;
    }

    /** Replaces a leaf's value (optimizers update parameters in place; this is for loading). */
    public void set(Tensor newValue) {
        if (!Arrays.equals(newValue.shape(), value.shape())) {
            throw InvalidArgumentException.of("cannot set a value of shape %s into a variable of shape %s",
                    Arrays.toString(newValue.shape()), Arrays.toString(value.shape()));
        }
        value = newValue;
    }

    /** The accumulated gradient, or null when none has arrived. */
    public Tensor grad() {
        return grad;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Clears the gradient. */
    public void zeroGrad() {
        if (grad != null && backward == null) {
            spare = grad.data();
        }
        grad = null;
    }

    /** Adds {@code g} to this variable's gradient (used by the ops' backward closures); {@code g} stays the caller's. */
    public void accumulate(Tensor g) {
        if (!requiresGrad || g == null) {
            return;
        }
        if (grad == null) {
            float[] storage = backward != null ? Arena.floats(g.data().length)
                    // a leaf reuses its storage only inside an arena's steps: outside, a caller may still hold the last gradient
                    : spare != null && spare.length == g.data().length && Arena.active() ? spare : new float[g.data().length];
            System.arraycopy(g.data(), 0, storage, 0, storage.length);
            grad = Tensor.wrap(storage, g.shape());
            return;
        }
        add(grad.data(), g.data());
    }

    /**
     * {@link #accumulate}, handing {@code g} over: an op's result takes it as its gradient without a
     * copy (the closure that computed it must not use it again). Leaves copy it.
     */
    void adopt(Tensor g) {
        if (!requiresGrad || g == null) {
            return;
        }
        if (grad == null && backward != null) {
            grad = g;
            return;
        }
        accumulate(g);
    }

    private static void add(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }

    /** Backpropagates from this scalar (one-element) variable with gradient 1. */
    public void backward() {
        if (value.numel() != 1) {
            throw InvalidArgumentException.of(
                    "backward() needs a scalar; this variable has shape %s (pass a gradient instead)",
                    Arrays.toString(value.shape()));
        }
        backward(Tensor.full(1f, value.shape()));
    }

    /** Backpropagates from this variable with the given gradient. */
    public void backward(Tensor gradOutput) {
        backward(gradOutput, DIRECT);
    }

    /** {@link #backward(Tensor)}, each op's backward run through {@code observer}. */
    public void backward(Tensor gradOutput, Observer observer) {
        if (!requiresGrad) {
            throw new InvalidArgumentException("backward() on a variable that does not require a gradient");
        }
        List<Variable> order = topologicalOrder();
        accumulate(gradOutput);
        for (int i = order.size() - 1; i >= 0; i--) {
            Variable v = order.get(i);
            if (v.backward != null && v.grad != null) {
                Tensor g = v.grad;
                v.grad = null; // handed to the closure, which may reuse its storage
                observer.run(v, () -> v.backward.apply(g));
            }
        }
    }

    private List<Variable> topologicalOrder() {
        List<Variable> order = new ArrayList<>();
        Set<Variable> seen = new HashSet<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {this, 0});
        seen.add(this);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Variable v = (Variable) top[0];
            int next = (Integer) top[1];
            if (next < v.parents.size()) {
                top[1] = next + 1;
                Variable p = v.parents.get(next);
                if (p.requiresGrad && seen.add(p)) {
                    stack.push(new Object[] {p, 0});
                }
            } else {
                stack.pop();
                order.add(v);
            }
        }
        return order;
    }
}
