package dev.convkit.core.kernels;


/**
 * A set of kernels: the Vector API micro-kernel and vector primitives, their scalar twins, or none
 * (the reference loops). {@link dev.convkit.core.backend.Backend} chooses one at start-up; tests build
 * each to force its path.
 *
 * <pre>{@code
 * assert KernelProvider.scalar().name().equals("scalar");
 * assert !KernelProvider.reference().fast();
 * KernelProvider vector = KernelProvider.panama(); // null without the jdk.incubator.vector module
 * }</pre>
 */
public final class KernelProvider {
    private final String name;
    private final MicroKernel microKernel;
    private final VectorOps vectorOps;

    private KernelProvider(String name, MicroKernel microKernel, VectorOps vectorOps) {
        this.name = name;
        this.microKernel = microKernel;
        this.vectorOps = vectorOps;
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
