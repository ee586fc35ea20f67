package dev.convkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.cli.io.TensorJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Running out of heap is one line and exit 2, or a per-case error in compute, never a JVM stack
 * trace. Each run is a separate JVM with a small heap (the tests' own heap is too large to exhaust).
 */
class OutOfMemoryTest {
    @TempDir
    Path temp;

    private record Run(int code, String out, String err) {
    }

    private Run convkit(String heap, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = temp.resolve("stdout.txt");
        Path err = temp.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aMatrixTooLargeForTheHeapIsOneLine() throws Exception {
        Path matrix = temp.resolve("big.txt");
        try (BufferedWriter w = Files.newBufferedWriter(matrix, StandardCharsets.US_ASCII)) {
            String row = "1 ".repeat(3000) + "\n";
            for (int i = 0; i < 3000; i++) {
                w.write(row);
            }
        }
        Run run = convkit("-Xmx24m", "conv", "--input", matrix.toString(), "--kernel", "identity");
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("convkit: out of memory").doesNotContain("\n")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aCaseTooLargeForTheHeapIsAnsweredWithItsOwnError() throws Exception {
        Path cases = temp.resolve("cases.json");
        try (BufferedWriter w = Files.newBufferedWriter(cases, StandardCharsets.US_ASCII)) {
            w.write("{\"cases\": [{\"id\": \"big\", \"op\": \"conv2d\", \"inputs\": {\"input\": {\"shape\": [1, 1, 4000, 4000], \"data\": [");
            String chunk = "0,".repeat(1000);
            for (int i = 0; i < 15_999; i++) {
                w.write(chunk);
            }
            w.write("0,".repeat(999) + "0]}, \"weight\": {\"shape\": [1, 1, 1, 1], \"data\": [2]}}},\n");
            w.write("{\"id\": \"small\", \"op\": \"conv2d\", \"inputs\": {\"input\": {\"shape\": [1, 1, 1, 2], \"data\": [1, 2]},"
                    + " \"weight\": {\"shape\": [1, 1, 1, 1], \"data\": [3]}}}]}");
        }
        Run run = convkit("-Xmx40m", "compute", cases.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode results = TensorJson.MAPPER.readTree(run.out()).get("results");
        assertThat(results.get(0).get("error").asText()).contains("inputs.input: out of memory");
        assertThat(results.get(1).get("output").get("data").toString()).isEqualTo("[3.0,6.0]");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
