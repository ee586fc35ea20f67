package dev.convkit.explore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.Windows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The JSON API through an HTTP client against a running server: every answer against the engine itself. */
class ApiTest {
    static final double[][] A = ExploreApi.EXERCISE_A;
    static final double[][] K = ExploreApi.EXERCISE_K;
    static final double[][] C = {{109, 92, 72}, {108, 85, 74}, {110, 74, 79}};

    static ExploreServer server;
    static String url;

    @BeforeAll
    static void start() {
        server = ExploreServer.start(ExploreServer.Options.defaults().port(0), line -> { });
        url = server.url();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static Map<String, Object> request(String op, Map<String, Object> params, double[][] input, double[][] weight) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("op", op);
        r.put("params", params);
        r.put("input", input);
        if (weight != null) {
            r.put("weight", weight);
        }
        return r;
    }

    static Http.Answer run(Map<String, Object> request) throws Exception {
        return Http.post(url + "api/run", request);
    }

    /** The op's output straight from the catalogue, as `convkit compute` runs it. */
    static double[][] engine(String name, Map<String, Object> params, double[][] input, double[][] weight) {
        Op op = Catalogue.require(name);
        Tensor x = Tensor.of(input).reshape(1, 1, input.length, input[0].length);
        Tensor w = weight == null ? null : Tensor.of(weight).reshape(1, 1, weight.length, weight[0].length);
        Forward f = op.forward(Operands.of("input", x, "weight", w), op.params(params));
        float[][] m = f.output().matrix(0, 0);
        double[][] d = new double[m.length][m[0].length];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[0].length; c++) {
                d[r][c] = m[r][c];
            }
        }
        return d;
    }

    /** JSON carries the engine's floats; compare them as floats. */
    static void assertSameFloats(double[][] actual, double[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int r = 0; r < expected.length; r++) {
            float[] a = new float[actual[r].length];
            float[] e = new float[expected[r].length];
            for (int c = 0; c < a.length; c++) {
                a[c] = (float) actual[r][c];
            }
            for (int c = 0; c < e.length; c++) {
                e[c] = (float) expected[r][c];
            }
            assertThat(a).as("row %d", r).containsExactly(e);
        }
    }

    @Test
    void catalogueNamesTheOpsTheExerciseAndThePresets() throws Exception {
        JsonNode cat = Http.get(url + "api/catalogue").json();
        List<String> names = new ArrayList<>();
        cat.get("ops").forEach(o -> names.add(o.get("name").asText()));
        assertThat(names).containsExactlyElementsOf(ExploreApi.OPS);
        assertThat(Http.matrix(cat.get("exercise").get("input"))).isDeepEqualTo(A);
        assertThat(cat.get("models").get("cnn2").asText()).startsWith("conv2d(1,32,3,1,1)");
    }

    @Test
    void theExerciseForwardBackwardAndTheTermsOfCell22() throws Exception {
        Map<String, Object> req = request("conv2d", Map.of(), A, K);
        req.put("grad_output", "ones");
        req.put("explain", List.of(2, 2));
        Http.Answer answer = run(req);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode a = answer.json();
        assertThat(Http.matrix(a.get("output"))).isDeepEqualTo(C);
        assertThat(Http.matrix(a.get("gradients").get("input"))).isDeepEqualTo(new double[][] {
            {4, 7, 10, 6, 3}, {9, 17, 25, 16, 8}, {11, 23, 34, 23, 11}, {7, 16, 24, 17, 8}, {2, 6, 9, 7, 3}});
        JsonNode ex = a.get("explain");
        assertThat(ex.get("value").asDouble()).isEqualTo(34);
        List<Integer> terms = new ArrayList<>();
        ex.get("terms").forEach(t -> terms.add(t.get("product").asInt()));
        assertThat(terms).containsExactly(3, 4, 2, 5, 5, 5, 3, 3, 4);
        // the nine products of C[0,0] and their sum
        JsonNode products = a.get("products");
        double sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += products.get(i).asDouble();
        }
        assertThat(sum).isEqualTo(109);
        assertThat(products.get(0).asDouble()).isEqualTo(16);
        assertThat(a.get("formula").get(0).get("text").asText()).endsWith("= ⌊2 / 1⌋ + 1 = 3");
        assertThat(a.get("code").get("torch").asText()).contains("F.conv2d(A, K)");
    }

    @Test
    void strideAndPaddingGiveTheEngineOutputAndTheUnreadRows() throws Exception {
        Map<String, Object> params = Map.of("stride", 2, "padding", 0);
        double[][] six = new double[6][6];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 6; c++) {
                six[r][c] = r * 6 + c;
            }
        }
        JsonNode a = run(request("conv2d", params, six, K)).json();
        assertSameFloats(Http.matrix(a.get("output")), engine("conv2d", params, six, K));
        // floor((6 - 3) / 2) + 1 = 2 windows reach rows 0..4: row 5 is never read
        JsonNode unread = a.get("formula").get(0).get("unread");
        assertThat(unread.get("from").asInt()).isEqualTo(5);
        assertThat(unread.get("text").asText()).isEqualTo("the floor leaves row 5 unread");

        Map<String, Object> padded = Map.of("stride", 2, "padding", 1, "dilation", 1);
        JsonNode b = run(request("conv2d", padded, A, K)).json();
        assertSameFloats(Http.matrix(b.get("output")), engine("conv2d", padded, A, K));
        assertThat(b.get("windows").get("rows").get("pos").get(0).get(0).asInt()).isEqualTo(-1);
        assertThat(b.get("windows").get("rows").get("src").get(0).get(0).asInt()).isEqualTo(-1);

        Map<String, Object> reflect = Map.of("padding", 1, "padding_mode", "reflect");
        JsonNode c = run(request("conv2d", reflect, A, K)).json();
        assertSameFloats(Http.matrix(c.get("output")), engine("conv2d", reflect, A, K));
        assertThat(c.get("windows").get("rows").get("src").get(0).get(0).asInt()).isEqualTo(1);
        assertThat(c.get("code").get("torch").asText()).contains("mode='reflect'");
    }

    @Test
    void transposedConvolutionStampsEachInputCell() throws Exception {
        double[][] x = {{1, 2}, {3, 4}};
        double[][] k = {{1, 1}, {1, 1}};
        Map<String, Object> params = Map.of("stride", 2, "output_padding", 1);
        JsonNode a = run(request("conv_transpose2d", params, x, k)).json();
        assertSameFloats(Http.matrix(a.get("output")), engine("conv_transpose2d", params, x, k));
        assertThat(a.get("output").size()).isEqualTo(5);
        // input (1,0) stamps onto output rows 2..3, columns 0..1
        assertThat(a.get("stamps").get("rows").get(1).toString()).isEqualTo("[2,3]");
        assertThat(a.get("stamps").get("cols").get(0).toString()).isEqualTo("[0,1]");
        assertThat(a.get("formula").get(0).get("text").asText()).endsWith("= (2 − 1)·2 − 2·0 + 1·(2 − 1) + 1 + 1 = 5");
    }

    @Test
    void maxPoolAnswersIndicesArgmaxUnpoolAndRoutesTheGradient() throws Exception {
        Map<String, Object> params = Map.of("kernel_size", 2, "stride", 1);
        Map<String, Object> req = request("max_pool2d", params, C, null);
        req.put("explain", List.of(0, 0));
        JsonNode a = run(req).json();
        assertThat(Http.matrix(a.get("output"))).isDeepEqualTo(new double[][] {{109, 92}, {110, 85}});
        assertThat(a.get("indices").toString()).isEqualTo("[0,1,6,4]");
        assertThat(a.get("argmax").toString()).isEqualTo("[[0,0],[0,1],[2,0],[1,1]]");
        assertThat(Http.matrix(a.get("unpool").get("output"))).isDeepEqualTo(new double[][] {
            {109, 92, 0}, {0, 85, 0}, {110, 0, 0}});
        assertThat(Http.matrix(a.get("gradients").get("input"))).isDeepEqualTo(new double[][] {
            {1, 1, 0}, {0, 1, 0}, {1, 0, 0}});
        assertThat(a.get("explain").get("terms").get(0).get("argmax").asBoolean()).isTrue();
    }

    @Test
    void avgPoolDivisorsFollowCountIncludePadAndTheOverride() throws Exception {
        Map<String, Object> include = Map.of("kernel_size", 3, "stride", 2, "padding", 1);
        JsonNode a = run(request("avg_pool2d", include, A, null)).json();
        assertThat(a.get("divisors").get(0).asDouble()).isEqualTo(9);
        Map<String, Object> exclude = Map.of("kernel_size", 3, "stride", 2, "padding", 1, "count_include_pad", false);
        JsonNode b = run(request("avg_pool2d", exclude, A, null)).json();
        assertThat(b.get("divisors").get(0).asDouble()).isEqualTo(4);
        assertSameFloats(Http.matrix(b.get("output")), engine("avg_pool2d", exclude, A, null));
        Map<String, Object> override = Map.of("kernel_size", 2, "divisor_override", 3);
        JsonNode c = run(request("avg_pool2d", override, A, null)).json();
        assertThat(c.get("divisors").get(0).asDouble()).isEqualTo(3);
    }

    @Test
    void lpPoolShowsBothIdentities() throws Exception {
        for (Object p : List.of(1, 2.5, "inf")) {
            Map<String, Object> params = Map.of("norm_type", p, "kernel_size", 2, "stride", 1);
            JsonNode a = run(request("lp_pool2d", params, C, null)).json();
            assertSameFloats(Http.matrix(a.get("output")), engine("lp_pool2d", params, C, null));
            assertThat(a.get("lp").get("p1_equal").asBoolean()).isTrue();
            assertThat(a.get("lp").get("inf_equal").asBoolean()).isTrue();
        }
        JsonNode a = run(request("lp_pool2d", Map.of("norm_type", 1, "kernel_size", 2, "stride", 1), C, null)).json();
        assertThat(Http.matrix(a.get("lp").get("avg_times_volume"))).isDeepEqualTo(new double[][] {{394, 323}, {377, 312}});
    }

    @Test
    void adaptivePoolingWritesTheFloorCeilRule() throws Exception {
        JsonNode a = run(request("adaptive_avg_pool2d", Map.of("output_size", 3), A, null)).json();
        JsonNode rows = a.get("adaptive").get(0).get("windows");
        assertThat(rows.get(1).get("text").asText()).isEqualTo("row 1: [⌊1·5/3⌋, ⌈2·5/3⌉) = [1, 4)");
        assertThat(rows.get(1).get("start").asInt()).isEqualTo(Windows.adaptiveStart(1, 5, 3));
        assertSameFloats(Http.matrix(a.get("output")), engine("adaptive_avg_pool2d", Map.of("output_size", 3), A, null));
        JsonNode m = run(request("adaptive_max_pool2d", Map.of("output_size", 2), A, null)).json();
        assertThat(m.get("argmax").size()).isEqualTo(4);
    }

    @Test
    void fractionalMaxPoolShowsSeedSamplesAlphaAndStarts() throws Exception {
        double[][] x = new double[9][9];
        for (int r = 0; r < 9; r++) {
            for (int c = 0; c < 9; c++) {
                x[r][c] = (r * 7 + c * 3) % 11;
            }
        }
        Map<String, Object> params = Map.of("kernel_size", 2, "output_size", 4, "seed", 7);
        JsonNode a = run(request("fractional_max_pool2d", params, x, null)).json();
        assertSameFloats(Http.matrix(a.get("output")), engine("fractional_max_pool2d", params, x, null));
        JsonNode f = a.get("fractional");
        assertThat(f.get("seed").asLong()).isEqualTo(7);
        for (int axis = 0; axis < 2; axis++) {
            JsonNode ax = f.get("axes").get(axis);
            double u = ax.get("u").asDouble();
            assertThat(ax.get("alpha").asDouble()).isCloseTo(7.0 / 3, within(1e-12));
            int[] starts = Windows.fractionalStarts(9, 4, 2, u);
            for (int i = 0; i < 4; i++) {
                assertThat(ax.get("starts").get(i).get("start").asInt()).isEqualTo(starts[i]);
            }
            assertThat(ax.get("starts").get(3).get("text").asText()).endsWith("= 9 − 2 = 7");
        }
    }

    @Test
    void paddingBeyondPyTorchIsWrittenOutForTorchAndRefusedByTheStampView() throws Exception {
        // 'same' at stride 2 on 5 columns: output ceil(5/2) = 3, total pad (3-1)*2 + 3 - 5 = 2, split 1/1;
        // 'same_lower' on 6: total (3-1)*2 + 3 - 6 = 1, the odd pad at the start
        Map<String, Object> upper = Map.of("stride", 2, "padding", "same");
        JsonNode a = run(request("conv2d", upper, A, K)).json();
        assertSameFloats(Http.matrix(a.get("output")), engine("conv2d", upper, A, K));
        assertThat(a.get("code").get("torch").asText())
                .contains("SAME_UPPER").contains("A = F.pad(A, (1, 1, 1, 1), mode='constant')").contains("F.conv2d(A, K, stride=2)");
        double[][] six = new double[6][6];
        Map<String, Object> lower = Map.of("stride", 2, "padding", "same_lower");
        JsonNode b = run(request("conv2d", lower, six, K)).json();
        assertThat(b.get("code").get("torch").asText()).contains("A = F.pad(A, (1, 0, 1, 0), mode='constant')")
                .doesNotContain("same_lower");

        Http.Answer same = run(request("conv_transpose2d", Map.of("stride", 2, "padding", "same"), A, K));
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().get("field").asText()).isEqualTo("padding");
        assertThat(same.json().get("error").asText()).contains("beyond PyTorch").contains("convkit compute");
        Http.Answer mode = run(request("conv_transpose2d", Map.of("padding_mode", "reflect"), A, K));
        assertThat(mode.status()).isEqualTo(400);
        assertThat(mode.json().get("field").asText()).isEqualTo("padding_mode");
    }

    @Test
    void badSettingsAreOneLineNamingTheControl() throws Exception {
        Http.Answer zero = run(request("conv2d", Map.of("stride", 0), A, K));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().get("error").asText()).isEqualTo("conv2d: stride must be positive, got stride=[0, 0]");
        assertThat(zero.json().get("field").asText()).isEqualTo("stride");
        Http.Answer big = run(request("conv2d", Map.of(), A, new double[7][7]));
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.json().get("error").asText()).startsWith("conv2d: kernel larger than the padded input");
        assertThat(big.json().get("field").asText()).isEqualTo("weight");
        Http.Answer pool = run(request("max_pool2d", Map.of("kernel_size", 2, "padding", 2), A, null));
        assertThat(pool.json().get("field").asText()).isEqualTo("padding");
        Http.Answer word = run(request("conv2d", Map.of("padding", "wide"), A, K));
        assertThat(word.json().get("error").asText()).contains("padding").doesNotContain("Exception");
        Http.Answer grad = run(new LinkedHashMap<>(Map.of("op", "conv2d", "input", A, "weight", K,
                "grad_output", new double[2][2])));
        assertThat(grad.status()).isEqualTo(400);
        assertThat(grad.json().get("field").asText()).isEqualTo("grad_output");
    }

    @Test
    void thePlannerGivesShapesParametersAndReceptiveFields() throws Exception {
        JsonNode cnn2 = Http.post(url + "api/network", Map.of("spec", ExploreApiPresets.CNN2, "input", List.of(1, 28, 28))).json();
        assertThat(cnn2.get("parameters").asLong())
                .isEqualTo(dev.convkit.nn.layers.Architecture.build(ExploreApiPresets.CNN2, 0).parameterCount());
        JsonNode last = cnn2.get("layers").get(cnn2.get("layers").size() - 1);
        assertThat(last.get("shape").toString()).isEqualTo("[1,10]");
        JsonNode lenet = Http.post(url + "api/network", Map.of("spec", ExploreApiPresets.LENET5, "input", List.of(1, 28, 28))).json();
        JsonNode pool2 = lenet.get("layers").get(5);
        assertThat(pool2.get("layer").asText()).isEqualTo("maxpool2d(2,2,0)");
        assertThat(pool2.get("shape").toString()).isEqualTo("[1,16,5,5]");
        // 5 + (2-1)*1 + (5-1)*2 + (2-1)*2 = 16, jump 4
        assertThat(pool2.get("receptive_field").asInt()).isEqualTo(16);
        assertThat(pool2.get("jump").asInt()).isEqualTo(4);
        Http.Answer bad = Http.post(url + "api/network", Map.of("spec", "conv2d(1,6,5,1,0);wat", "input", List.of(1, 28, 28)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("architecture: unknown layer 'wat'");
    }

    /** The presets' specs as the catalogue answer names them. */
    static final class ExploreApiPresets {
        static final String CNN2 = NetworkPlanner.presets().get("cnn2");
        static final String LENET5 = NetworkPlanner.presets().get("lenet5");
    }
}
