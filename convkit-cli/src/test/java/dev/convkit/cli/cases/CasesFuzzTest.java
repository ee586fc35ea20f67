package dev.convkit.cli.cases;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.convkit.cli.Main;
import dev.convkit.cli.io.TensorJson;
import dev.convkit.core.tensor.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated conformance files through {@code convkit compute}, in-process as a user runs it: truncations,
 * byte flips, type swaps, size and parameter extremes, deep nesting, huge numbers and trailing or
 * duplicate content. For every mutant the run must end in one of two ways: exit 0 with an answer (a
 * result or an error) for every case, or exit 2 with one line on stderr and no complete JSON document
 * on stdout. Never "internal error", never a stack trace. The generator is seeded, so a failure names
 * a mutant that can be replayed.
 */
class CasesFuzzTest {
    private static final long SEED = 20261201L;
    private static final ObjectMapper STRICT = TensorJson.MAPPER.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> CASES = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void loadCases() throws Exception {
        for (String dir : List.of("/conformance", "/conformance-extra")) {
            try (Stream<Path> listing = Files.list(Path.of(CasesFuzzTest.class.getResource(dir).toURI()))) {
                for (Path file : listing.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String c = line.strip();
                        if (c.endsWith(",")) {
                            c = c.substring(0, c.length() - 1);
                        }
                        if (c.startsWith("{\"id\"") && c.endsWith("}") && c.length() < 1500) {
                            CASES.add(c);
                        }
                    }
                }
            }
        }
        assertThat(CASES).as("small conformance cases to mutate").hasSizeGreaterThan(200);
    }

    /**
     * 2,000 mutants (250 of each kind) of every kind but large parameter values; all must pass on any
     * branch. Most of the time is picocli building the command line for each run (about 9 ms).
     */
    @Test
    void mutatedCasesFilesAreAnsweredOrRefusedInOneLine() throws IOException {
        List<BiFunction<Random, String, String>> kinds = List.of(
                CasesFuzzTest::truncate, CasesFuzzTest::flipBytes, CasesFuzzTest::swapType, CasesFuzzTest::shapeExtreme,
                CasesFuzzTest::smallParameterExtreme, CasesFuzzTest::deepNesting, CasesFuzzTest::hugeNumber,
                CasesFuzzTest::structural);
        List<String> failures = run(kinds, 250, SEED);
        assertThat(failures).as("mutants that broke the rules (of 2,000)").isEmpty();
    }

    /**
     * 400 mutants with large padding, dilation, stride, kernel and output sizes. These reach convkit-core's
     * intermediate buffers (issue 11, items 2 and 8). Under a 2^22-element limit, so that an output just
     * below the limit (a legitimate answer, but gigabytes of JSON at the default 2^28) stays quick.
     */
    @Test
    void largeParameterValuesAreAnsweredOrRefusedInOneLine() throws IOException {
        List<String> failures = run(List.of(CasesFuzzTest::largeParameterExtreme), 400, SEED + 1, 1L << 22);
        assertThat(failures).as("mutants that broke the rules (of 400)").isEmpty();
    }

    /**
     * The parameter cases of issue 11, item 2, one per file: each must be answered (a result, or a
     * per-case error that is not an internal error) within a few seconds.
     */
    @Test
    void theIssueElevenParameterCasesAreAnsweredQuickly() throws IOException {
        String[] cases = {
            "{\"id\": \"dilation-8000\", \"op\": \"conv2d\", \"params\": {\"dilation\": 8000, \"padding\": 4000},"
                    + " \"inputs\": {\"input\": {\"shape\": [1, 16, 1, 1], \"data\": [" + ones(16) + "]},"
                    + " \"weight\": {\"shape\": [64, 16, 2, 2], \"data\": [" + ones(4096) + "]}, \"bias\": null}}",
            "{\"id\": \"transpose-stride-20000\", \"op\": \"conv_transpose2d\", \"params\": {\"stride\": 20000},"
                    + " \"inputs\": {\"input\": {\"shape\": [1, 1, 2, 2], \"data\": [" + ones(4) + "]},"
                    + " \"weight\": {\"shape\": [1, 1, 2, 2], \"data\": [" + ones(4) + "]}, \"bias\": null}}",
            "{\"id\": \"pool-65536\", \"op\": \"max_pool2d\", \"params\": {\"kernel_size\": 65536, \"padding\": 32768},"
                    + " \"inputs\": {\"input\": {\"shape\": [1, 1, 1, 1], \"data\": [1]}}}",
            "{\"id\": \"adaptive-1500000000\", \"op\": \"adaptive_avg_pool2d\", \"params\": {\"output_size\": [1500000000, 8]},"
                    + " \"inputs\": {\"input\": {\"shape\": [1, 1, 1, 7], \"data\": [" + ones(7) + "]}}}",
            "{\"id\": \"padding-1500000000\", \"op\": \"conv1d\", \"params\": {\"padding\": 1500000000},"
                    + " \"inputs\": {\"input\": {\"shape\": [1, 1, 5], \"data\": [" + ones(5) + "]},"
                    + " \"weight\": {\"shape\": [1, 1, 3], \"data\": [" + ones(3) + "]}, \"bias\": null}}"};
        List<String> failures = new ArrayList<>();
        Path file = temp.resolve("case.json");
        PrintStream original = System.out;
        try {
            for (String c : cases) {
                Files.writeString(file, "{\"cases\": [" + c + "]}");
                ByteArrayOutputStream stdout = new ByteArrayOutputStream();
                System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
                StringWriter err = new StringWriter();
                long t0 = System.nanoTime();
                int code = Main.execute(new String[] {"compute", file.toString()}, new PrintWriter(new StringWriter()),
                        new PrintWriter(err));
                double seconds = (System.nanoTime() - t0) / 1e9;
                String problem = check(code, stdout.toString(StandardCharsets.UTF_8), err.toString());
                if (problem == null && code != 0) {
                    problem = "exit " + code;
                }
                if (problem == null && seconds > 5) {
                    problem = String.format("took %.1f s", seconds);
                }
                if (problem != null) {
                    failures.add(c.substring(0, c.indexOf(',')) + ": " + problem);
                }
            }
        } finally {
            System.setOut(original);
        }
        assertThat(failures).isEmpty();
    }

    private static String ones(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "1"));
    }

    private List<String> run(List<BiFunction<Random, String, String>> kinds, int perKind, long seed) throws IOException {
        return run(kinds, perKind, seed, Shape.DEFAULT_MAX_ELEMENTS);
    }

    private List<String> run(List<BiFunction<Random, String, String>> kinds, int perKind, long seed, long maxElements)
            throws IOException {
        Random r = new Random(seed);
        List<String> failures = new ArrayList<>();
        Path file = temp.resolve("mutant.json");
        PrintStream original = System.out;
        try {
            for (int i = 0; i < perKind; i++) {
                for (int k = 0; k < kinds.size(); k++) {
                    String mutant = kinds.get(k).apply(r, document(r));
                    Files.write(file, mutant.getBytes(StandardCharsets.ISO_8859_1));
                    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
                    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
                    StringWriter err = new StringWriter();
                    long t0 = System.nanoTime();
                    int code = Main.execute(new String[] {"compute", file.toString(), "--max-elements",
                            Long.toString(maxElements)}, new PrintWriter(new StringWriter()),
                            new PrintWriter(err));
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    String problem = check(code, stdout.toString(StandardCharsets.UTF_8), err.toString());
                    if (problem == null && seconds > 10) {
                        problem = String.format("took %.1f s", seconds);
                    }
                    if (problem != null && failures.size() < 20) {
                        failures.add("kind " + k + ", mutant " + i + ": " + problem + "\n  input: " + abbreviate(mutant, 600));
                    }
                }
            }
        } finally {
            System.setOut(original);
        }
        return failures;
    }

    /** Null when the run kept the rules, else what it broke. */
    private static String check(int code, String stdout, String stderr) {
        if (stderr.contains("internal error") || stderr.contains("\tat ") || stderr.contains("Exception in")
                || stderr.contains("Caused by")) {
            return "stderr: " + abbreviate(stderr, 400);
        }
        if (code == 2) {
            String line = stderr.strip();
            if (!line.startsWith("convkit: ") || line.contains("\n")) {
                return "exit 2 without exactly one line on stderr: " + abbreviate(stderr, 400);
            }
            if (!stdout.isBlank()) {
                try {
                    STRICT.readTree(stdout);
                    return "exit 2, but stdout is a complete JSON document: " + abbreviate(stdout, 300);
                } catch (IOException expected) {
                    // the partial output does not parse: a consumer cannot mistake it for an answer
                }
            }
            return null;
        }
        if (code != 0) {
            return "exit " + code + ": " + abbreviate(stderr, 400);
        }
        for (String line : stderr.strip().split("\n")) {
            if (!line.isEmpty() && !line.matches("compute: \\d+ of \\d+ cases answered with an error")) {
                return "exit 0 with an unexpected stderr line: " + abbreviate(line, 300);
            }
        }
        JsonNode results;
        try {
            results = STRICT.readTree(stdout).get("results");
        } catch (IOException e) {
            return "exit 0 but stdout is not one JSON document: " + e.getMessage();
        }
        if (results == null || !results.isArray()) {
            return "exit 0 without a results list";
        }
        for (JsonNode result : results) {
            if (!result.has("id") || result.has("output") == result.has("error")) {
                return "a result is neither an answer nor an error: " + abbreviate(result.toString(), 300);
            }
            if (result.has("error") && result.get("error").asText().startsWith("internal error")) {
                return "internal error: " + abbreviate(result.get("error").asText(), 300);
            }
        }
        return null;
    }

    private static String document(Random r) {
        int n = 1 + r.nextInt(2);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chosen.add(CASES.get(r.nextInt(CASES.size())));
        }
        return "{\"format\": \"convkit-cases/1\", \"cases\": [\n" + String.join(",\n", chosen) + "]}\n";
    }

    // ---- the mutations -------------------------------------------------------------------------

    private static String truncate(Random r, String doc) {
        return doc.substring(0, r.nextInt(doc.length()));
    }

    private static final String INTERESTING = "{}[]\",:-+.0123456789eE aN\n\\\u0000\u00ff\u00c3";

    private static String flipBytes(Random r, String doc) {
        char[] chars = doc.toCharArray();
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int at = r.nextInt(chars.length);
            chars[at] = r.nextBoolean() ? INTERESTING.charAt(r.nextInt(INTERESTING.length())) : (char) r.nextInt(256);
        }
        return new String(chars);
    }

    private static String swapType(Random r, String doc) {
        JsonNode root = tree(doc);
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        Slot slot = slots.get(r.nextInt(slots.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode[] replacements = {f.textNode("3"), f.numberNode(3), f.numberNode(2.5), f.nullNode(), f.booleanNode(true),
            f.arrayNode().add(1).add(2), f.objectNode().put("shape", 1), f.arrayNode(), f.objectNode(), f.textNode("")};
        slot.set(replacements[r.nextInt(replacements.length)]);
        return root.toString();
    }

    private static String shapeExtreme(Random r, String doc) {
        JsonNode root = tree(doc);
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        List<Slot> dims = slots.stream().filter(s -> s.path.contains(".shape[")).toList();
        if (dims.isEmpty()) {
            return doc;
        }
        long[] extremes = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 65536, 1 << 20, 3_000_000_000L, Long.MAX_VALUE};
        Slot slot = dims.get(r.nextInt(dims.size()));
        slot.set(JsonNodeFactory.instance.numberNode(extremes[r.nextInt(extremes.length)]));
        return root.toString();
    }

    private static String smallParameterExtreme(Random r, String doc) {
        return parameter(r, doc, new long[] {0, -1, -2, Integer.MIN_VALUE, 1, 2});
    }

    private static String largeParameterExtreme(Random r, String doc) {
        return parameter(r, doc, new long[] {8000, 20000, 32768, 65536, 1 << 20, 1_500_000_000, Integer.MAX_VALUE,
            1L << 31, 2_000_000_000});
    }

    private static String parameter(Random r, String doc, long[] values) {
        JsonNode root = tree(doc);
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        List<Slot> params = slots.stream().filter(s -> s.path.contains(".params.") && s.current().isIntegralNumber()).toList();
        if (params.isEmpty()) {
            return doc;
        }
        int changes = 1 + r.nextInt(2);
        for (int i = 0; i < changes; i++) {
            params.get(r.nextInt(params.size())).set(JsonNodeFactory.instance.numberNode(values[r.nextInt(values.length)]));
        }
        return root.toString();
    }

    private static String deepNesting(Random r, String doc) {
        int[] depths = {10, 62, 63, 64, 65, 200, 5000, 100_000};
        int depth = depths[r.nextInt(depths.length)];
        String marker = "\"__NEST__\"";
        JsonNode root = tree(doc);
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        slots.get(r.nextInt(slots.size())).set(JsonNodeFactory.instance.textNode("__NEST__"));
        boolean objects = r.nextBoolean();
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        return root.toString().replace(marker, open.repeat(depth) + "1" + close.repeat(depth));
    }

    private static String hugeNumber(Random r, String doc) {
        String[] numbers = {"9".repeat(999), "1" + "0".repeat(1000), "-" + "7".repeat(5000), "1e400", "-1e400", "1e-400",
            "123456789012345678901234567890", "0." + "3".repeat(998), "1E+2147483648", "-0", "NaN", "-Infinity"};
        JsonNode root = tree(doc);
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        List<Slot> targets = slots.stream().filter(s -> s.current().isNumber()).toList();
        if (targets.isEmpty()) {
            return doc;
        }
        targets.get(r.nextInt(targets.size())).set(JsonNodeFactory.instance.textNode("__HUGE__"));
        return root.toString().replace("\"__HUGE__\"", numbers[r.nextInt(numbers.length)]);
    }

    private static String structural(Random r, String doc) {
        switch (r.nextInt(10)) {
            case 0: return doc + " x";
            case 1: return doc + "{}";
            case 2: return doc + "]";
            case 3: return doc.replace("\"cases\": [", "\"cases\": [], \"cases\": [");
            case 4: return "";
            case 5: return "\uFEFF" + doc;
            case 6: return doc.replace("convkit-cases/1", "convkit-cases/2");
            case 7: return doc.replace("\"cases\"", "\"case\"");
            case 8: return "{\"cases\": [" + "\"" + "s".repeat(1_100_000) + "\"]}";
            default: return doc.replace("\"id\": ", "\"id\": {\"x\": [1, 2]}, \"id2\": ");
        }
    }

    // ---- a JSON tree with settable slots ---------------------------------------------------------

    private static JsonNode tree(String doc) {
        try {
            return TensorJson.MAPPER.readTree(doc);
        } catch (IOException e) {
            throw new IllegalStateException("the unmutated document must parse", e);
        }
    }

    /** A place in the tree that can be given a new value. */
    private record Slot(String path, JsonNode parent, String field, int index) {
        JsonNode current() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> out) {
        collect(node, "", out);
    }

    private static void collect(JsonNode node, String path, List<Slot> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "." + e.getKey();
                out.add(new Slot(p, node, e.getKey(), -1));
                collect(e.getValue(), p, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = path + "[" + i + "]";
                out.add(new Slot(p, node, null, i));
                collect(node.get(i), p, out);
            }
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "... (" + s.length() + " chars)";
    }
}
