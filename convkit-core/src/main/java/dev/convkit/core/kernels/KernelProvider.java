package dev.convkit.core.kernels;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Chooses the kernels once, at start-up: the Vector API micro-kernel when the jdk.incubator.vector
 * module is present, the scalar one otherwise. The system property {@code convkit.kernels} forces a
 * choice: {@code panama}, {@code scalar} or {@code reference} (the plain loops, no fast path).
 *
 * <pre>{@code
 * KernelProvider.active().name(); // "panama-512", "scalar" or "reference"
 * }</pre>
 */
public final class KernelProvider {
    private static final KernelProvider ACTIVE = choose();

    private final String name;
    private final MicroKernel microKernel;
    private final VectorOps vectorOps;

    private KernelProvider(String name, MicroKernel microKernel, VectorOps vectorOps) {
        this.name = name;
        this.microKernel = microKernel;
        this.vectorOps = vectorOps;
    }

    /** The provider chosen at start-up. */
    public static KernelProvider active() {
        return ACTIVE;
    }

    /** The scalar fast path (for tests and comparisons). */
    public static KernelProvider scalar() {
        return new KernelProvider("scalar", new ScalarMicroKernel(), VectorOps.SCALAR);
    }

    /** The Vector API fast path, or null when the module is not present. */
    public static KernelProvider panama() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            Class<?> type = Class.forName("dev.convkit.core.kernels.panama.PanamaMicroKernel");
            MicroKernel kernel = (MicroKernel) type.getDeclaredConstructor().newInstance();
            VectorOps ops = (VectorOps) Class.forName("dev.convkit.core.kernels.panama.PanamaVectorOps")
                    .getDeclaredConstructor().newInstance();
            int bits = (int) type.getMethod("bits").invoke(null);
            return new KernelProvider("panama-" + bits, kernel, ops);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** No fast path: every op runs its reference loops. */
    public static KernelProvider reference() {
        return new KernelProvider("reference", null, VectorOps.SCALAR);
    }

    private static KernelProvider choose() {
        String forced = System.getProperty("convkit.kernels", "auto").trim().toLowerCase(Locale.ROOT);
        KernelProvider chosen;
        switch (forced) {
            case "reference":
                chosen = reference();
                break;
            case "scalar":
                chosen = scalar();
                break;
            default:
                KernelProvider panama = forced.equals("scalar") ? null : panama();
                chosen = panama != null ? panama : scalar();
                break;
        }
        System.getLogger("dev.convkit").log(Level.DEBUG, "convkit kernels: " + chosen.name);
        return chosen;
    }

    /** {@code panama-512}, {@code panama-256}, {@code scalar} or {@code reference}. */
    public String name() {
        return name;
    }

    /** Whether the fast kernels are on. */
    public boolean fast() {
        return microKernel != null;
    }

    /** Vector primitives (scalar loops for the scalar and reference providers). */
    public VectorOps vectorOps() {
        return vectorOps;
    }

    /** The GEMM micro-kernel (null for the reference provider). */
    public MicroKernel microKernel() {
        return microKernel;
    }
}
