package dev.convkit.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A forced kernel choice that cannot be honoured stops the CLI with one line and exit code 2,
 * checked in a fresh JVM (the backend is chosen once, at start-up).
 */
class BackendChoiceTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(boolean vectorModule, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (vectorModule) {
            command.add("--add-modules");
            command.add("jdk.incubator.vector");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void anUnknownKernelChoiceIsOneLineAndExitTwo() throws Exception {
        Run r = run(true, "-Dconvkit.kernels=bogus", Main.class.getName(), "example");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")))
                .containsExactly("convkit: convkit.kernels must be auto, panama, scalar or reference, got 'bogus'");
    }

    @Test
    void panamaWithoutTheVectorModuleIsOneLineAndExitTwo() throws Exception {
        Run r = run(false, "-Dconvkit.kernels=panama", Main.class.getName(), "example");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.lines()).containsExactly(
                "convkit: convkit.kernels=panama needs the Vector API: run java with --add-modules jdk.incubator.vector");
    }

    @Test
    void aComputingCommandsHelpWithoutTheVectorModuleWritesNoKernelNote() throws Exception {
        Run help = run(false, Main.class.getName(), "bench", "--help");
        assertThat(help.code).isZero();
        assertThat(help.out).contains("Usage: convkit bench");
        assertThat(help.err).isEmpty();
        // the command itself still says which kernels will run it
        Run bench = run(false, Main.class.getName(), "bench", "--threads", "0");
        assertThat(bench.code).isEqualTo(2);
        assertThat(bench.err).contains("jdk.incubator.vector module is not present");
    }

    @Test
    void versionNamesTheChosenKernels() throws Exception {
        Run r = run(false, "-Dconvkit.kernels=scalar", "-Dconvkit.smallCutoff=0", Main.class.getName(), "--version");
        assertThat(r.code).isZero();
        assertThat(r.out).contains("kernels: scalar (reference loops below 0 multiply-adds)");
    }
}
