package dev.convkit.cli.cases;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.cli.UserError;
import dev.convkit.cli.io.TensorJson;
import dev.convkit.core.InvalidArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Answers a convkit-cases/1 file: runs every case (forward, and backward when it has a grad_output)
 * and writes {@code {"results": [...]}}. A case that fails gets {@code {"id", "error"}} and the
 * others still run; only an unreadable or malformed file stops the run.
 *
 * <p>Cases are streamed: the file is parsed one case at a time and each result written as soon as it
 * is known, so memory stays bounded by the largest case.
 */
public final class CaseRunner {
    /** Counts of one run. */
    public record Summary(int cases, int errors) {
    }

    private final Consumer<String> log;

    /** @param log receives warnings (stderr in the CLI) */
    public CaseRunner(Consumer<String> log) {
        this.log = log;
    }

    /**
     * Reads cases from {@code in} and writes results to {@code out}.
     *
     * @param source the file name, for messages
     * @throws UserError when the file is not a readable cases file
     */
    public Summary run(InputStream in, String source, OutputStream out) {
        int cases = 0;
        int errors = 0;
        try (JsonParser parser = TensorJson.MAPPER.createParser(in);
             JsonGenerator gen = TensorJson.MAPPER.createGenerator(out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UserError(source + ": not a cases file: expected a JSON object with a \"cases\" list");
            }
            gen.writeStartObject();
            gen.writeArrayFieldStart("results");
            gen.writeRaw('\n');
            boolean sawCases = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("format")) {
                    String format = parser.getValueAsString();
                    if (format != null && !format.startsWith("convkit-cases/1")) {
                        throw new UserError(source + ": unsupported format '" + format + "' (expected convkit-cases/1)");
                    }
                } else if (field.equals("cases")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new UserError(source + ": \"cases\" must be a list");
                    }
                    sawCases = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode node = TensorJson.MAPPER.readTree(parser);
                        if (!answer(node, cases, gen)) {
                            errors++;
                        }
                        cases++;
                        gen.writeRaw('\n');
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (!sawCases) {
                throw new UserError(source + ": not a cases file: no \"cases\" list");
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeRaw('\n');
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserError(source + ": malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserError(source + ": cannot read: " + dev.convkit.cli.io.AtomicFiles.describe(e), e);
        }
        if (errors > 0) {
            log.accept(String.format("compute: %d of %d cases answered with an error", errors, cases));
        }
        return new Summary(cases, errors);
    }

    /** Writes one case's result; returns false when the case was answered with an error. */
    private boolean answer(JsonNode node, int position, JsonGenerator gen) throws IOException {
        String id = node.hasNonNull("id") ? node.get("id").asText() : "case[" + position + "]";
        CaseResult result;
        String error;
        try {
            result = compute(node);
            error = null;
        } catch (InvalidArgumentException e) {
            result = null;
            error = e.getMessage();
        } catch (OutOfMemoryError e) {
            result = null;
            error = "out of memory computing this case; lower the sizes or raise the heap (-Xmx)";
        } catch (RuntimeException e) {
            result = null;
            error = "internal error: " + e;
            log.accept("compute: " + id + ": " + error);
        }
        gen.writeStartObject();
        gen.writeStringField("id", id);
        if (error != null) {
            gen.writeStringField("error", error);
        } else {
            gen.writeFieldName("output");
            TensorJson.write(gen, result.output());
            if (result.indices() != null) {
                gen.writeFieldName("indices");
                TensorJson.write(gen, result.indices());
            }
            if (!result.grads().isEmpty()) {
                gen.writeObjectFieldStart("grad");
                for (Map.Entry<String, dev.convkit.core.tensor.Tensor> grad : result.grads().entrySet()) {
                    gen.writeFieldName(grad.getKey());
                    TensorJson.write(gen, grad.getValue());
                }
                gen.writeEndObject();
            }
        }
        gen.writeEndObject();
        return error == null;
    }

    private static CaseResult compute(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidArgumentException("a case must be a JSON object");
        }
        JsonNode opNode = node.get("op");
        if (opNode == null || !opNode.isTextual()) {
            throw new InvalidArgumentException("case has no \"op\" string");
        }
        String op = opNode.textValue();
        CaseOp handler = CaseOps.find(op);
        if (handler == null) {
            throw InvalidArgumentException.of("unknown op '%s' (known: %s)", op, String.join(", ", CaseOps.names()));
        }
        return handler.run(new CaseInputs(op, node.get("params"), node.get("inputs"), node.get("grad_output")));
    }
}
