package dev.convkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./convkit} launcher adds its heap defaults (-Xms2g -Xmn1g, -Xmn256m for train) only when no heap option is
 * set in any spelling, and {@code -XX:Tier3DelayOn=100000} for {@code train}. Run against a copy
 * of the script with a stand-in JDK that prints the options it was given, so nothing is built or
 * started.
 */
class LauncherTest {
    @TempDir
    Path root;

    private String javaOptions(Map<String, String> env) throws IOException, InterruptedException {
        return javaOptions(env, "--version");
    }

    private String javaOptions(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path script = root.resolve("convkit");
        Files.copy(Path.of("..", "convkit"), script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(root.resolve("convkit-cli/target"));
        Files.writeString(root.resolve("convkit-cli/target/convkit.jar"), "");
        Path java = Files.createDirectories(root.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\n"
                + "case \"$*\" in *-XshowSettings*) echo '    java.specification.version = 17' >&2; exit 0 ;; esac\n"
                + "case \"$*\" in *--list-modules*) exit 0 ;; esac\n"
                + "echo \"$*\"\n");
        Files.writeString(root.resolve("jdk/bin/javac"), "#!/bin/sh\n");
        for (Path p : new Path[] {script, java, root.resolve("jdk/bin/javac")}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("CONVKIT_JAVA_OPTS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void heapDefaultsOnlyWithoutAHeapOption() throws Exception {
        assertThat(javaOptions(Map.of())).contains("-Xms2g -Xmn1g").endsWith("--version");
        assertThat(javaOptions(Map.of("CONVKIT_JAVA_OPTS", "-Dx=1 -ea"))).contains("-Xms2g -Xmn1g").contains("-Dx=1 -ea");
        for (String heap : new String[] {"-Xmx1g", "-Xms512m", "-Xmn256m", "-XX:MaxHeapSize=1g", "-XX:InitialHeapSize=64m",
            "-XX:MaxRAMPercentage=50", "-XX:InitialRAMPercentage=10", "-XX:MaxRAM=2g", "-ea -XX:MaxHeapSize=1g -Dy=2"}) {
            String options = javaOptions(Map.of("CONVKIT_JAVA_OPTS", heap));
            assertThat(options).as(heap).doesNotContain("-Xms2g").doesNotContain("-Xmn1g").contains(heap);
        }
        assertThat(javaOptions(Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxHeapSize=1g"))).doesNotContain("-Xms2g");
        // an option that merely contains the letters is not a heap option, and nothing is expanded as a file name
        assertThat(javaOptions(Map.of("CONVKIT_JAVA_OPTS", "-Dname=-Xmx -Dglob=*"))).contains("-Xms2g").contains("-Dglob=*");
    }

    @Test
    void trainingGetsASmallerYoungGeneration() throws Exception {
        // its first steps' boxed vectors recycle 256 MB of eden instead of faulting in 1 GB
        assertThat(javaOptions(Map.of(), "train", "--epochs", "1")).contains("-Xms2g -Xmn256m").doesNotContain("-Xmn1g");
        for (String other : new String[] {"bench", "evaluate", "predict", "conv"}) {
            assertThat(javaOptions(Map.of(), other)).as(other).contains("-Xms2g -Xmn1g").doesNotContain("-Xmn256m");
        }
        String own = javaOptions(Map.of("CONVKIT_JAVA_OPTS", "-Xmn512m"), "train", "--epochs", "1");
        assertThat(own).contains("-Xmn512m").doesNotContain("-Xms2g").doesNotContain("-Xmn256m");
    }

    @Test
    void trainingCompilesTheVectorKernelsSooner() throws Exception {
        String scaling = "-XX:CompileCommand=CompileThresholdScaling,dev.convkit.core.kernels.panama.*::*,0.1";
        assertThat(javaOptions(Map.of(), "train", "--epochs", "1")).contains(scaling);
        assertThat(javaOptions(Map.of(), "train", "--threads", "1")).contains(scaling);
        for (String other : new String[] {"evaluate", "bench", "conv", "example", "--version"}) {
            assertThat(javaOptions(Map.of(), other)).as(other).doesNotContain("CompileThresholdScaling");
        }
    }

    @Test
    void trainingNeverCompilesWithoutAProfileNorWaitsForItsCompiles() throws Exception {
        String delay = " -XX:Tier3DelayOn=100000 ";
        for (String[] train : new String[][] {{"train", "--epochs", "1"}, {"train", "--threads", "1"},
                {"train", "--threads=2"}, {"train", "--threads", "1000"}, {"train", "--threads", "two"}}) {
            String options = javaOptions(Map.of(), train);
            assertThat(options).as(String.join(" ", train)).contains(delay).doesNotContain("-Xbatch")
                    .endsWith(String.join(" ", train));
        }
        assertThat(javaOptions(Map.of(), "--version")).doesNotContain("Tier3DelayOn");
        assertThat(javaOptions(Map.of(), "train", "--help")).doesNotContain("Tier3DelayOn");
        for (String other : new String[] {"evaluate", "bench", "conv", "example"}) {
            assertThat(javaOptions(Map.of(), other)).as(other).doesNotContain("Tier3DelayOn").doesNotContain("-Xbatch");
        }
        // the user's options come after the launcher's, so that -XX:Tier3DelayOn=5 restores HotSpot's default
        String options = javaOptions(Map.of("CONVKIT_JAVA_OPTS", "-XX:Tier3DelayOn=5"), "train");
        assertThat(options.indexOf("-XX:Tier3DelayOn=5")).isGreaterThan(options.indexOf(delay.strip()));
    }
}
