package dev.convkit.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client of the explorer's API for the tests. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private Http() {
    }

    static Answer get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static Answer post(String url, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Answer post(String url, Object body) throws IOException, InterruptedException {
        return post(url, JSON.writeValueAsString(body));
    }

    static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r);
    }

    static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int r = 0; r < m.length; r++) {
            m[r] = new double[node.get(r).size()];
            for (int c = 0; c < m[r].length; c++) {
                m[r][c] = node.get(r).get(c).asDouble();
            }
        }
        return m;
    }
}
