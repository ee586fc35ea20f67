package dev.convkit.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end runs of the command line, compared with expected text: cli/commands.txt lists the runs,
 * cli/expected/NAME.txt holds the exit code, stdout and stderr of each. With
 * {@code -Dconvkit.updateGolden=true} the expected files are rewritten in src/test/resources (review the diff).
 */
class GoldenCliTest {
    @TestFactory
    List<DynamicTest> commands() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenCliTest.class.getResource("/cli").toURI());
        Path data = root.resolve("data");
        boolean update = Boolean.getBoolean("convkit.updateGolden");
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("commands.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            String[] args = line.substring(colon + 1).trim().replace("DATA/", data + "/").split("\\s+");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                CliRun run = CliRun.of(args);
                String actual = "exit: " + run.exitCode() + "\n--- stdout\n" + run.out() + "--- stderr\n" + run.err();
                actual = actual.replace(data + "/", "DATA/");
                if (update) {
                    Path source = Path.of("src/test/resources/cli/expected", name + ".txt");
                    Files.createDirectories(source.getParent());
                    Files.writeString(source, actual, StandardCharsets.UTF_8);
                    return;
                }
                Path expected = root.resolve("expected").resolve(name + ".txt");
                assertThat(expected).as("expected output for %s (run with -Dconvkit.updateGolden=true)", name).exists();
                assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
            }));
        }
        return tests;
    }
}
