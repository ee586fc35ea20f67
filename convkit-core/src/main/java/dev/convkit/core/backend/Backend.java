package dev.convkit.core.backend;

import dev.convkit.core.conv.ConvDispatch;
import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.pool.PoolEngine;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * The one object that owns the kernel choice, made once at start-up: the provider (Vector API,
 * scalar or reference loops), the convolution dispatch with its size policy, and the pool engine.
 * Every op asks {@link #active()}; nothing else decides which kernel runs.
 *
 * <p>System properties, read once:
 * <ul>
 *   <li>{@code convkit.kernels}: {@code auto} (default: Vector API when the jdk.incubator.vector
 *       module is present, scalar otherwise), {@code panama}, {@code scalar} or {@code reference}. A
 *       value that is unknown, or {@code panama} without the module, is an error: {@link #active()}
 *       throws {@link IllegalStateException} with one line that says what to change.</li>
 *   <li>{@code convkit.smallCutoff}: multiply-adds below which a convolution runs the reference
 *       loops (default {@value ConvDispatch#DEFAULT_SMALL_MACS}; 0 sends every size to the fast
 *       kernels, which is how the conformance suite proves them against PyTorch).</li>
 *   <li>{@code convkit.winograd}: {@code on} (default) lets 3×3 stride-1 correlations run Winograd's
 *       F(4×4, 3×3) or F(2×2, 3×3), which round differently from the direct sum (within the conformance tolerance);
 *       {@code off} keeps the exact GEMM path. The choice is by shape only, never by thread count, so
 *       results are the same bits at any count.</li>
 * </ul>
 *
 * <p>Determinism rule: every reduction the kernels store sums in one fixed order that depends on
 * neither the thread count nor the JIT (vector lanes are accumulated, then added lane by lane in
 * index order; never {@code reduceLanes}).
 *
 * <pre>{@code
 * String kernels = Backend.active().describe(); // e.g. "panama-512 (reference loops below 4096 multiply-adds)"
 * Backend scalar = Backend.of(KernelProvider.scalar(), 0); // forced onto the scalar fast kernels, no cutoff
 * assert scalar.provider().name().equals("scalar");
 * }</pre>
 */
public final class Backend {
    private static final Object CHOICE = choose(System.getProperty("convkit.kernels"),
            System.getProperty("convkit.smallCutoff"), System.getProperty("convkit.winograd"));

    private final KernelProvider provider;
    private final ConvDispatch conv;
    private final PoolEngine pool;

    private Backend(KernelProvider provider, long smallMacs, boolean winograd) {
        this.provider = provider;
        this.conv = new ConvDispatch(provider, smallMacs, winograd);
        this.pool = provider.fast() ? PoolEngine.fast(provider) : PoolEngine.REFERENCE;
    }

    /** A backend on the given provider (tests force each path this way). */
    public static Backend of(KernelProvider provider, long smallMacs) {
        return new Backend(provider, smallMacs, true);
    }

    /**
     * The backend chosen at start-up.
     *
     * @throws IllegalStateException when {@code convkit.kernels} or {@code convkit.smallCutoff} is invalid
     */
    public static Backend active() {
        if (CHOICE instanceof Backend backend) {
            return backend;
        }
        throw new IllegalStateException((String) CHOICE);
    }

    /** The backend, or the reason it could not be chosen (one line); for front ends that report it at start-up. */
    public static String problem() {
        return CHOICE instanceof String message ? message : null;
    }

    /** {@link #choose(String, String, String)} with Winograd at its default. */
    static Object choose(String kernels, String smallCutoff) {
        return choose(kernels, smallCutoff, null);
    }

    /** The backend the three properties choose, or the one-line reason they cannot be honoured. */
    static Object choose(String kernels, String smallCutoff, String winogradSetting) {
        String winogradText = (winogradSetting == null ? "on" : winogradSetting).trim().toLowerCase(Locale.ROOT);
        if (!winogradText.equals("on") && !winogradText.equals("off")) {
            return "convkit.winograd must be on or off, got '" + winogradText + "'";
        }
        boolean winograd = winogradText.equals("on");
        String forced = (kernels == null ? "auto" : kernels).trim().toLowerCase(Locale.ROOT);
        long cutoff;
        String cutoffText = (smallCutoff == null ? Long.toString(ConvDispatch.DEFAULT_SMALL_MACS) : smallCutoff).trim();
        try {
            cutoff = Long.parseLong(cutoffText);
        } catch (NumberFormatException e) {
            cutoff = -1;
        }
        if (cutoff < 0) {
            return "convkit.smallCutoff must be a whole number >= 0, got '" + cutoffText + "'";
        }
        KernelProvider provider;
        switch (forced) {
            case "reference":
                provider = KernelProvider.reference();
                break;
            case "scalar":
                provider = KernelProvider.scalar();
                break;
            case "panama":
                provider = KernelProvider.panama();
                if (provider == null) {
                    return "convkit.kernels=panama needs the Vector API: run java with --add-modules jdk.incubator.vector";
                }
                break;
            case "auto":
            case "":
                provider = KernelProvider.panama();
                if (provider == null) {
                    System.getLogger("dev.convkit").log(Level.INFO, "convkit: the jdk.incubator.vector module is not "
                            + "present, so the scalar kernels run; add --add-modules jdk.incubator.vector for the Vector API kernels");
                    provider = KernelProvider.scalar();
                }
                break;
            default:
                return "convkit.kernels must be auto, panama, scalar or reference, got '" + forced + "'";
        }
        return new Backend(provider, cutoff, winograd);
    }

    /** The kernel provider: its name, micro-kernel and vector primitives. */
    public KernelProvider provider() {
        return provider;
    }

    /** The convolution dispatch: which kernel runs each pass of each geometry. */
    public ConvDispatch conv() {
        return conv;
    }

    /** The pool engine: the fast kernels, or the reference walks for the reference provider. */
    public PoolEngine pool() {
        return pool;
    }

    /** For {@code --version}: the provider and the size policy. */
    public String describe() {
        return provider.name() + (provider.fast() ? " (reference loops below " + conv.smallMacs() + " multiply-adds"
                + (conv.winograd() ? "" : ", Winograd off") + ")" : "");
    }
}
