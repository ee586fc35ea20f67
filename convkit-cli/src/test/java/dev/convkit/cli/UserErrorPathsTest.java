package dev.convkit.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every kind of user error, in-process and through the real launcher script {@code ./convkit}: exactly
 * one line on stderr, nothing on stdout, exit code 2. The launcher runs from a copy of the repository
 * layout whose convkit.jar is a manifest-only jar over the test class path, so that no build starts.
 */
class UserErrorPathsTest {
    /** One user error per line; DATA/ is the test data folder. */
    static final List<String> ERRORS = List.of(
            "covn --input DATA/A.txt",
            "--bogus",
            "conv --input DATA/A.txt --kernel DATA/K.txt --strid 2",
            "conv --input DATA/A.txt --kernel DATA/K.txt --bogus",
            "conv --kernel DATA/K.txt",
            "conv --input DATA/missing.txt --kernel DATA/K.txt",
            "conv --input DATA/A.txt --kernel nothing-here",
            "conv --input DATA/ragged.txt --kernel DATA/K.txt",
            "conv --input DATA/C.txt --kernel DATA/A.txt",
            "conv --input DATA/A.txt --kernel DATA/K.txt --stride 0",
            "conv --input DATA/A.txt --kernel DATA/K.txt --stride x",
            "conv --input DATA/A.txt --kernel DATA/K.txt --padding abc",
            "conv --input DATA/A.txt --kernel DATA/K.txt --padding-mode mirror --padding 1",
            "conv --input DATA/A.txt --kernel DATA/K.txt --explain --cell 9,9",
            "conv --input DATA/A.txt --kernel DATA/K.txt --png DATA/never.png --cell 9,9",
            "conv --input DATA/A.txt --kernel DATA/K.txt --grad-output DATA/A.txt",
            "conv --input DATA/A.txt --kernel DATA/K.txt --format xml",
            "conv --input DATA/A.txt --kernel DATA/K.txt --output-padding 1",
            "conv --input DATA/A.txt --kernel DATA/K.txt --transpose --padding same --explain",
            "conv --input DATA/A.txt --kernel DATA/K.txt --transpose --output-padding 1",
            "conv --input DATA/A.txt --kernel DATA/K.txt --gif DATA/never.gif --frame-delay 5",
            "pool maxx --input DATA/C.txt --kernel 2",
            "pool max --input DATA/C.txt --kernel 2 --p 2",
            "pool max --input DATA/C.txt --kernel 2 --dilaton 2",
            "pool lp --input DATA/C.txt --kernel 2",
            "pool max --input DATA/C.txt --kernel 5",
            "pool max --input DATA/not-a-number.txt --kernel 2",
            "pool fractional-max --input DATA/C.txt --kernel 2",
            "pool unpool --input DATA/P.txt --kernel 2",
            "pool unpool --input DATA/P.txt --indices-from DATA/C.txt --kernel 2 --stride 1",
            "pool max --input DATA/C.txt --kernel 2 --gif DATA/never.gif --max-frames 0",
            "shape banana --input 5 --kernel 3",
            "shape conv --input 5 --kernel 3x",
            "shape conv --input 2 --kernel 3",
            "compute DATA/missing.json",
            "bench --threads x",
            "train --epochs x",
            "evaluate --model DATA/missing.safetensors",
            "predict --model DATA/missing.safetensors DATA/A.txt");

    static Path data() throws URISyntaxException {
        return Path.of(UserErrorPathsTest.class.getResource("/cli/data").toURI());
    }

    static String[] args(String line) throws URISyntaxException {
        return line.replace("DATA/", data() + "/").split("\\s+");
    }

    static void assertOneLineUserError(String line, int exit, String out, String err) {
        assertThat(exit).as("exit code of %s (stderr: %s)", line, err).isEqualTo(2);
        assertThat(out).as("stdout of %s", line).isEmpty();
        assertThat(err).as("stderr of %s", line).startsWith("convkit: ").endsWith("\n");
        assertThat(err.strip().lines().count()).as("lines on stderr of %s: %s", line, err).isEqualTo(1);
    }

    @TestFactory
    List<DynamicTest> inProcess() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : ERRORS) {
            tests.add(DynamicTest.dynamicTest(line, () -> {
                CliRun run = CliRun.of(args(line));
                assertOneLineUserError(line, run.exitCode(), run.out(), run.err());
            }));
        }
        return tests;
    }

    @TempDir
    static Path layout;

    /** A copy of the launcher beside a convkit.jar that runs the classes under test. */
    static Path launcher() throws IOException {
        Path script = layout.resolve("convkit");
        if (Files.exists(script)) {
            return script;
        }
        Path source = Path.of("..", "convkit").toAbsolutePath().normalize();
        assertThat(source).as("the launcher script at the repository root").exists();
        Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
        script.toFile().setExecutable(true);
        Path jar = layout.resolve("convkit-cli/target/convkit.jar");
        Files.createDirectories(jar.getParent());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringBuilder urls = new StringBuilder();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.append(Path.of(entry).toUri().toURL()).append(' ');
            }
        }
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(Attributes.Name.MAIN_CLASS, "dev.convkit.cli.Main");
        attributes.put(Attributes.Name.CLASS_PATH, urls.toString().trim());
        attributes.putValue("Enable-Native-Access", "ALL-UNNAMED");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a manifest-only jar
        }
        return script;
    }

    record Run(int exit, String out, String err) {
    }

    static Run launch(String javaHome, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(layout.toFile());
        builder.environment().put("JAVA_HOME", javaHome);
        builder.environment().remove("CONVKIT_JAVA_OPTS");
        builder.environment().remove("CONVKIT_VECTOR");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Path out = Files.createTempFile(layout, "out", ".txt");
        Path err = Files.createTempFile(layout, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @TestFactory
    List<DynamicTest> throughTheLauncher() {
        String javaHome = System.getProperty("java.home");
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : ERRORS) {
            tests.add(DynamicTest.dynamicTest(line, () -> {
                Run run = launch(javaHome, args(line));
                assertOneLineUserError(line, run.exit(), run.out(), run.err());
            }));
        }
        return tests;
    }

    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @Test
    void onJdk25TheHeavyCommandsErrorInOneLineToo() throws Exception {
        assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "JDK 25 is installed");
        for (String line : List.of("train --epochs x", "compute DATA/missing.json", "conv --input DATA/A.txt --kernel DATA/K.txt --strid 2")) {
            Run run = launch(JDK25.toString(), args(line));
            assertOneLineUserError(line, run.exit(), run.out(), run.err());
        }
    }

    @Test
    void theLauncherKeepsTheVectorModuleForTheCommandsThatGainAndItsNoteOffStderr() throws Exception {
        Run compute = launch(System.getProperty("java.home"), "--version");
        assertThat(compute.exit()).isZero();
        assertThat(compute.err()).isEmpty();
        // a learner's small convolution runs without the module: the scalar kernels, and no JVM note
        Run conv = launch(System.getProperty("java.home"), args("conv --input DATA/A.txt --kernel DATA/K.txt"));
        assertThat(conv.exit()).isZero();
        assertThat(conv.err()).isEmpty();
        assertThat(conv.out()).contains("109");
    }

    @Test
    void trainingOnJdk25PrintsNoJLineOrNativeAccessWarnings() throws Exception {
        Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "JDK 25 is installed");
        assumeTrue(Files.isDirectory(fashion), "the Fashion-MNIST folder is present");
        Path runs = layout.resolve("runs");
        Run run = launch(JDK25.toString(), "train", "--limit", "64", "--batch", "32", "--epochs", "1", "--threads", "1",
                "--out", runs.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("WARNING").doesNotContain("restricted method");
    }
}
