package dev.convkit.nn.autograd;

/**
 * Whether ops record the graph, per thread. Evaluation runs inside {@code try (var off = GradMode.off())}.
 *
 * <pre>{@code
 * Sequential model = Architecture.build("conv2d(1,2,3,1,1);relu;flatten;linear(32,10)", 0);
 * Variable x = Variable.constant(Tensor.zeros(1, 1, 4, 4));
 * try (GradMode.Scope scope = GradMode.off()) {
 *     Variable logits = model.forward(x); // no graph, no gradient memory
 *     assert !logits.requiresGrad();
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> true);

    private GradMode() {
    }

    public static boolean enabled() {
        return ENABLED.get();
    }

    /** Turns recording off until the scope closes. */
    public static Scope off() {
        boolean previous = ENABLED.get();
        ENABLED.set(false);
        return () -> ENABLED.set(previous);
    }

    /** A scope that restores the previous mode when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
