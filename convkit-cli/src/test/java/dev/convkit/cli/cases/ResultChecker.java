package dev.convkit.cli.cases;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares one result with a case's {@code expect}, by the rules of the conformance README:
 * {@code |got - exp| <= atol + 1e-4*|exp|} with {@code atol = 1e-5 * max(1, max|exp|)}, NaN must be
 * NaN, infinities exact, shapes and indices exact, an expected error answered by an error.
 */
final class ResultChecker {
    static final double RTOL = 1e-4;
    static final double ATOL_SCALE = 1e-5;

    private ResultChecker() {
    }

    /** The list of mismatches (empty when the result passes). */
    static List<String> compare(JsonNode expect, JsonNode result) {
        List<String> problems = new ArrayList<>();
        if (result == null) {
            problems.add("no result");
            return problems;
        }
        if (expect.has("error")) {
            if (!result.has("error")) {
                problems.add("expected an error (" + expect.get("error").asText() + "), got a result");
            }
            return problems;
        }
        if (result.has("error")) {
            problems.add("unexpected error: " + result.get("error").asText());
            return problems;
        }
        compareTensor("output", expect.get("output"), result.get("output"), false, problems);
        if (expect.has("indices")) {
            compareTensor("indices", expect.get("indices"), result.get("indices"), true, problems);
        }
        JsonNode expectGrad = expect.get("grad");
        JsonNode gotGrad = result.get("grad");
        if (expectGrad != null) {
            if (gotGrad == null) {
                problems.add("grad missing");
            } else {
                expectGrad.fieldNames().forEachRemaining(name ->
                        compareTensor("grad." + name, expectGrad.get(name), gotGrad.get(name), false, problems));
                gotGrad.fieldNames().forEachRemaining(name -> {
                    if (!expectGrad.has(name)) {
                        problems.add("unexpected grad." + name);
                    }
                });
            }
        } else if (gotGrad != null) {
            problems.add("grad present but not expected");
        }
        return problems;
    }

    private static void compareTensor(String name, JsonNode exp, JsonNode got, boolean exact, List<String> problems) {
        if (got == null) {
            problems.add(name + " missing");
            return;
        }
        if (!exp.get("shape").equals(got.get("shape"))) {
            problems.add(name + " shape " + got.get("shape") + ", expected " + exp.get("shape"));
            return;
        }
        JsonNode e = exp.get("data");
        JsonNode g = got.get("data");
        double maxAbs = 0;
        for (JsonNode v : e) {
            double d = value(v);
            if (Double.isFinite(d)) {
                maxAbs = Math.max(maxAbs, Math.abs(d));
            }
        }
        double atol = ATOL_SCALE * Math.max(1, maxAbs);
        int bad = 0;
        for (int i = 0; i < e.size(); i++) {
            double ev = value(e.get(i));
            double gv = value(g.get(i));
            boolean ok;
            if (exact) {
                ok = ev == gv;
            } else if (Double.isNaN(ev)) {
                ok = Double.isNaN(gv);
            } else if (Double.isInfinite(ev)) {
                ok = ev == gv;
            } else {
                ok = Math.abs(gv - ev) <= atol + RTOL * Math.abs(ev);
            }
            if (!ok && bad++ < 3) {
                problems.add(String.format("%s[%d] = %s, expected %s", name, i, gv, ev));
            }
        }
        if (bad > 3) {
            problems.add(name + ": " + bad + " mismatches in all");
        }
    }

    private static double value(JsonNode v) {
        if (v.isTextual()) {
            switch (v.textValue()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: return Double.parseDouble(v.textValue());
            }
        }
        return v.doubleValue();
    }
}
