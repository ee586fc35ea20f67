package dev.convkit.cli.cases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.cli.Main;
import dev.convkit.cli.io.TensorJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of the PyTorch-generated conformance data, run through {@code convkit compute} exactly
 * as a user runs it, and checked against torch's answers with the published tolerance:
 * {@code conformance/} is the shared public set, {@code conformance-extra/} what tools/gen_cases.py
 * generated on top of it, {@code conformance-large/} its {@code --large} cases, big enough for every fast kernel.
 */
class ConformanceTest {
    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> conformance() throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        for (String dir : List.of("/conformance", "/conformance-extra", "/conformance-large")) {
            try (Stream<Path> listing = Files.list(Path.of(ConformanceTest.class.getResource(dir).toURI()))) {
                listing.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        assertThat(files).as("conformance files").isNotEmpty();
        return files.stream().flatMap(this::casesOf);
    }

    private Stream<DynamicTest> casesOf(Path file) {
        Path out = temp.resolve(file.getFileName() + ".results.json");
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"compute", file.toString(), "--out", out.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as("compute %s exit code (stderr: %s)", file, err).isZero();
        try {
            JsonNode cases = TensorJson.MAPPER.readTree(file.toFile()).get("cases");
            JsonNode results = TensorJson.MAPPER.readTree(out.toFile()).get("results");
            Map<String, JsonNode> byId = new HashMap<>();
            results.forEach(r -> byId.put(r.get("id").asText(), r));
            assertThat(byId).as("one result per case in %s", file).hasSize(cases.size());
            return java.util.stream.StreamSupport.stream(cases.spliterator(), false)
                    .map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> {
                        List<String> problems = ResultChecker.compare(c.get("expect"), byId.get(c.get("id").asText()));
                        assertThat(problems).as(c.get("id").asText()).isEmpty();
                    }));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
