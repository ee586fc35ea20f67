package dev.convkit.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The explorer's answer time for a 64×64 input and a 5×5 kernel, forward and backward: the server's
 * own work (parse the request, run the op and its backward, build and write the answer) measured in
 * process, and the whole HTTP round trip over loopback. A benchmark to run by hand, not a timed test.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl convkit-cli -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp convkit-cli/target/convkit.jar dev.convkit.explore.ApiBenchmark
 * }</pre>
 */
public final class ApiBenchmark {
    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Random random = new Random(42);
        double[][] input = new double[64][64];
        for (double[] row : input) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextInt(10);
            }
        }
        double[][] weight = new double[5][5];
        for (double[] row : weight) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextInt(5) - 2;
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "conv2d");
        request.put("params", Map.of("stride", 1, "padding", 0));
        request.put("input", input);
        request.put("weight", weight);
        request.put("grad_output", "ones");
        request.put("explain", new int[] {31, 31});
        ObjectMapper json = ExploreServer.mapper();
        byte[] body = json.writeValueAsBytes(request);
        ExploreApi api = new ExploreApi(Map.of());

        // the server's work per request: read the body, run forward and backward, write the answer
        int answerBytes = 0;
        for (int i = 0; i < warmup; i++) {
            answerBytes = json.writeValueAsBytes(api.run(json.readTree(body))).length;
        }
        long[] server = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            JsonNode node = json.readTree(body);
            byte[] answer = json.writeValueAsBytes(api.run(node));
            server[i] = System.nanoTime() - t0;
            answerBytes = answer.length;
        }

        // the whole round trip through the running server
        long[] http = new long[runs];
        try (ExploreServer s = ExploreServer.start(ExploreServer.Options.defaults().port(0), line -> { })) {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest post = HttpRequest.newBuilder(URI.create(s.url() + "api/run"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            for (int i = 0; i < warmup; i++) {
                check(client.send(post, HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                check(client.send(post, HttpResponse.BodyHandlers.ofByteArray()));
                http[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf(Locale.ROOT, "explore API, conv2d 64x64 input, 5x5 kernel, forward + backward + explain, "
                + "answer %,d bytes, %d runs after %d warm-up%n", answerBytes, runs, warmup);
        System.out.println(line("server work (parse, run, answer)", server));
        System.out.println(line("HTTP round trip over loopback", http));
    }

    private static void check(HttpResponse<byte[]> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the server answered " + r.statusCode() + ": " + new String(r.body()));
        }
    }

    private static String line(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "  %-34s median %6.2f ms   p95 %6.2f ms   min %6.2f ms", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[0] / 1e6);
    }
}
