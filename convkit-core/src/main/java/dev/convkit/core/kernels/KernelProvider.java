package dev.convkit.core.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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

    /**
     * The bytes of one core's L2 cache (Linux sysfs, cpu0's level-2 cache, read once), or 0 where unknown: the one
     * host measurement kernels may size their blocks by (host55), falling back to their fixed sizes at 0.
     */
    public static long l2CacheBytes() {
        return HostCache.L2_BYTES;
    }

    /** A sysfs cache size ("2048K", "1M", "512"), in bytes; 0 for anything else. */
    static long parseCacheSize(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        long scale = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : 1;
        String digits = scale == 1 ? t : t.substring(0, t.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 12) {
            return 0;
        }
        return Long.parseLong(digits) * scale;
    }

    /** Read on first use, so a provider that never asks reads nothing. */
    private static final class HostCache {
        static final long L2_BYTES = read();

        private static long read() {
            Path cache = Path.of("/sys/devices/system/cpu/cpu0/cache/index2");
            try {
                if (!Files.readString(cache.resolve("level")).trim().equals("2")) {
                    return 0;
                }
                return parseCacheSize(Files.readString(cache.resolve("size")));
            } catch (IOException | RuntimeException e) { // not Linux, no sysfs, or not allowed: the fixed sizes
                return 0;
            }
        }
    }
}
