package dev.convkit.core.kernels.panama;

import dev.convkit.core.kernels.KernelProvider;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * grp57: every generated tile method of the grouped lanes ({@link PanamaGroupLanes}, {@link PanamaGroupLaneWeights})
 * compiles at C1's tier 3. Stop 56's cliff: a method of 19-24 vector accumulators failed that compile ("out of virtual
 * registers in linear scan"), and in about half the JVMs it then ran C1's boxed vectors, 100x slower (and JDK 17's
 * C1 bails out of narrower ones: {@link PanamaGroupLanes#COMPACT_TILES}). A forked JVM
 * ({@code -XX:TieredStopAtLevel=3 -XX:+PrintCompilation -Xbatch}, low tier-3 thresholds) calls the kernels'
 * dispatchers for every tile width a few dozen times ({@link Probe}); its compile log must show every tile method those
 * reach on this JDK compiled at tier 3 and no tile method skipped.
 */
class GroupLanesTier3CompileTest {
    /** Calls a method this often: past the forked JVM's tier-3 thresholds below. */
    static final int CALLS = 40;

    @Test
    void everyTileMethodCompilesAtTierThreeWithoutABailout() throws Exception {
        assumeTrue(KernelProvider.panama() != null, "the Vector API module is absent");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "--add-modules", "jdk.incubator.vector", "-Xbatch",
                // the interpreter reports calls every 8, not 128: the tier-3 thresholds within CALLS
                "-XX:TieredStopAtLevel=3", "-XX:Tier0InvokeNotifyFreqLog=3", "-XX:Tier3InvocationThreshold=20",
                "-XX:Tier3MinInvocationThreshold=10", "-XX:Tier3CompileThreshold=30", "-XX:+PrintCompilation",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName());
        // the log goes to a file, so that the time limit holds even if the probe hangs with its output open
        Path logFile = Files.createTempFile("group-lanes-tier3", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        String log;
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the probe JVM ended within 120 s").isTrue();
            log = Files.readString(logFile, StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(logFile);
        }
        assertThat(process.exitValue()).as("the probe JVM's exit, log:%n%s", tail(log)).isZero();
        List<String> skipped = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.contains("COMPILE SKIPPED") && line.contains("PanamaGroupLane")) {
                skipped.add(line.strip());
            }
        }
        assertThat(skipped).as("tile methods C1 bailed out of").isEmpty();
        List<String> notCompiled = new ArrayList<>();
        for (Method m : reachedTileMethods()) {
            Pattern tier3 = Pattern.compile("\\s3\\s+" + Pattern.quote(m.getDeclaringClass().getName() + "::"
                    + m.getName()) + " \\(");
            if (!tier3.matcher(log).find()) {
                notCompiled.add(m.getDeclaringClass().getSimpleName() + "::" + m.getName());
            }
        }
        assertThat(notCompiled).as("tile methods with no tier-3 compile in the log").isEmpty();
    }

    /** The generated tile methods: private static, named by their positions (or rows) and kernel width. */
    static List<Method> tileMethods() {
        List<Method> methods = new ArrayList<>();
        Pattern name = Pattern.compile("(positions|rows|pairs)\\d+(w\\d)?");
        for (Class<?> c : new Class<?>[] {PanamaGroupLanes.class, PanamaGroupLaneWeights.class}) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPrivate(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                        && name.matcher(m.getName()).matches()) {
                    methods.add(m);
                }
            }
        }
        methods.sort((a, b) -> (a.getDeclaringClass().getName() + a.getName())
                .compareTo(b.getDeclaringClass().getName() + b.getName()));
        assertThat(methods).as("tile methods found").hasSizeGreaterThan(80);
        return methods;
    }

    /**
     * The tile methods the dispatchers call on this JDK: below JDK 25 none wider than the COMPACT_ limits (their
     * rows run as two halves).
     */
    static List<Method> reachedTileMethods() {
        List<Method> reached = new ArrayList<>();
        Pattern tile = Pattern.compile("(rows|pairs)(\\d+)w(\\d)");
        for (Method m : tileMethods()) {
            var name = tile.matcher(m.getName());
            if (PanamaGroupLanes.COMPACT_TILES && m.getDeclaringClass() == PanamaGroupLanes.class && name.matches()) {
                boolean pair = name.group(1).equals("pairs");
                int positions = Integer.parseInt(name.group(2));
                int kw = Integer.parseInt(name.group(3));
                int widest = pair ? (kw == 3 ? PanamaGroupLanes.COMPACT_PAIR_POSITIONS_3
                        : PanamaGroupLanes.COMPACT_PAIR_POSITIONS_5)
                        : kw == 3 ? PanamaGroupLanes.COMPACT_ROW_POSITIONS_3 : PanamaGroupLanes.COMPACT_ROW_POSITIONS_5;
                if (positions > widest) {
                    continue;
                }
            }
            reached.add(m);
        }
        return reached;
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 4000));
    }

    /** The forked JVM: calls the dispatchers for every tile width {@value #CALLS} times on small arrays. */
    static final class Probe {
        private Probe() {
        }

        public static void main(String[] args) throws Exception {
            float[] x = filled(1 << 14);
            float[] w = filled(1 << 14);
            float[] out = new float[1 << 12];
            int[] taps = new int[64];
            for (int i = 0; i < taps.length; i++) {
                taps[i] = i % 5 + i / 5 * 40; // kernel rows 40 apart, taps one column apart
            }
            float[] dy = filled(1 << 12);
            float[] acc = new float[1 << 12];
            int[] xo = {0, 100, 200, 300, 400, 500};
            for (int call = 0; call < CALLS; call++) {
                boolean accumulate = call % 2 == 1;
                for (int positions = 1; positions <= 14; positions++) {
                    PanamaGroupLanes.correlate(x, 3, positions, taps, 0, 11, w, 0, out, 0, accumulate);
                }
                for (int kw : new int[] {3, 5}) {
                    // two kernel rows and a tap: the head, whole-row and tail loops
                    int rows = kw == 3 ? PanamaGroupLanes.ROW_POSITIONS_3 : PanamaGroupLanes.ROW_POSITIONS_5;
                    for (int positions = 1; positions <= rows; positions++) {
                        PanamaGroupLanes.correlateRows(x, 3, positions, taps, 0, 2 * kw + 1, kw, w, 0, out, 0,
                                accumulate);
                    }
                    for (int positions = 1; positions <= (kw == 3 ? 12 : 10); positions++) {
                        PanamaGroupLanes.correlatePairRows(x, 3, positions, taps, 0, 2 * kw + 1, kw, w, 0, out, 0,
                                accumulate);
                    }
                    // two response rows of 12
                    for (int count = 1; count <= (kw == 3 ? PanamaGroupLaneWeights.ROWS_3
                            : PanamaGroupLaneWeights.ROWS_5); count++) {
                        PanamaGroupLaneWeights.rows(dy, 0, 2, 12, x, xo, count, 40, kw, acc, 0);
                    }
                }
            }
            System.out.println("probe: " + Arrays.hashCode(out) + " " + Arrays.hashCode(acc));
        }

        private static float[] filled(int n) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (i % 7) * 0.25f;
            }
            return a;
        }
    }
}
