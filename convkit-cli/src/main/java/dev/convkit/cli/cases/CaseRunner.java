package dev.convkit.cli.cases;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.convkit.cli.UserError;
import dev.convkit.cli.io.AtomicFiles;
import dev.convkit.cli.io.StreamedTensor;
import dev.convkit.cli.io.TensorJson;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Answers a convkit-cases/1 file: runs every case (forward, and backward when it has a grad_output)
 * and writes {@code {"results": [...]}}. A case that fails gets {@code {"id", "error"}} and the
 * others still run; only an unreadable or malformed file stops the run.
 *
 * <p>Cases are streamed: the file is parsed one case at a time, token by token (no JSON tree of a
 * case's tensors is ever built: each tensor's declared shape is checked against the size limit before
 * its array is allocated, and {@code expect} is skipped), and each result is written as soon as it is
 * known, so memory stays bounded by the largest case. The JSON input limits are those of
 * {@link TensorJson#constraints(long)} for the current size limit.
 *
 * <p>When the file turns out to be malformed after results were written (a truncated file, trailing
 * content, a broken input limit), the output ends with a top-level {@code "error"} member and the
 * document is left open, without its closing brace, so that it does not parse as a complete answer:
 * <pre>{@code
 * {"results": [
 * {"id": "a", "output": {...}}
 * ],"error":"cases.json: malformed JSON at line 3, column 1: Unexpected end-of-input ..."
 * }</pre>
 *
 * <pre>{@code
 * new CaseRunner(System.err::println).run(Files.newInputStream(file), file.toString(), System.out);
 * }</pre>
 */
public final class CaseRunner {
    /** Counts of one run. */
    public record Summary(int cases, int errors) {
    }

    /** The most scalar values a case's {@code params} may hold. */
    public static final int MAX_PARAM_VALUES = 4096;

    /** One case as read from the stream: what compute needs, with its problems kept for later. */
    private record ParsedCase(boolean isObject, String id, String op, JsonNode params, String paramsProblem,
                              Map<String, StreamedTensor> inputs, StreamedTensor gradOutput) {
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
        JsonFactory factory = TensorJson.factory(Shape.maxElements());
        JsonParser parser = null;
        JsonGenerator gen = null;
        try {
            parser = factory.createParser(in);
            gen = factory.createGenerator(out);
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
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
                    if (value != JsonToken.VALUE_STRING) {
                        parser.skipChildren();
                        throw new UserError(source + ": \"format\" must be a string such as \"convkit-cases/1\"");
                    }
                    String format = parser.getText();
                    if (!format.startsWith("convkit-cases/1")) {
                        throw new UserError(source + ": unsupported format '" + format + "' (expected convkit-cases/1)");
                    }
                } else if (field.equals("cases")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new UserError(source + ": \"cases\" must be a list");
                    }
                    sawCases = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        ParsedCase parsed = readCase(parser);
                        if (!answer(parsed, cases, gen)) {
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
            if (parser.nextToken() != null) {
                throw new UserError(source + ": trailing content after the cases object at line "
                        + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr()
                        + ": a cases file holds one JSON object");
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeRaw('\n');
            gen.flush();
        } catch (JsonProcessingException e) {
            UserError error = new UserError(source + ": " + TensorJson.describe(e, parser));
            endWithError(gen, error.getMessage());
            throw error;
        } catch (IOException e) {
            UserError error = new UserError(source + ": cannot read: " + AtomicFiles.describe(e), e);
            endWithError(gen, error.getMessage());
            throw error;
        } catch (UserError e) {
            endWithError(gen, e.getMessage());
            throw e;
        } catch (RuntimeException | Error e) {
            endWithError(gen, "stopped: " + e);
            throw e;
        } finally {
            close(parser, gen);
        }
        if (errors > 0) {
            log.accept(String.format("compute: %d of %d cases answered with an error", errors, cases));
        }
        return new Summary(cases, errors);
    }

    /**
     * Ends a started output with a top-level "error" member and no closing brace, so that a consumer
     * that parses the output cannot take the results so far for a complete answer.
     */
    private static void endWithError(JsonGenerator gen, String message) {
        if (gen == null || gen.getOutputContext().inRoot()) {
            return; // nothing was written
        }
        try {
            if (gen.getOutputContext().inArray()) {
                gen.writeEndArray();
            }
            if (gen.getOutputContext().inObject()) {
                gen.writeStringField("error", message);
            }
            gen.writeRaw('\n');
            gen.flush();
        } catch (IOException | RuntimeException ignored) {
            // the output is already broken; the exit code and stderr still tell
        }
    }

    private static void close(JsonParser parser, JsonGenerator gen) {
        try {
            if (gen != null) {
                gen.close();
            }
        } catch (IOException ignored) {
            // reported by the write that failed
        }
        try {
            if (parser != null) {
                parser.close();
            }
        } catch (IOException ignored) {
            // nothing more to read
        }
    }

    /** Reads the case the parser is at, leaving the parser on its last token. */
    private static ParsedCase readCase(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new ParsedCase(false, null, null, null, null, null, null);
        }
        String id = null;
        String op = null;
        JsonNode params = null;
        String paramsProblem = null;
        Map<String, StreamedTensor> inputs = null;
        StreamedTensor gradOutput = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "id":
                    id = t.isScalarValue() && t != JsonToken.VALUE_NULL ? p.getText() : null;
                    p.skipChildren();
                    break;
                case "op":
                    op = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
                    break;
                case "params": {
                    int[] budget = {MAX_PARAM_VALUES};
                    params = boundedTree(p, budget);
                    paramsProblem = budget[0] < 0 ? "params hold more than " + MAX_PARAM_VALUES + " values" : null;
                    break;
                }
                case "inputs":
                    if (t == JsonToken.START_OBJECT) {
                        inputs = new LinkedHashMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            JsonToken v = p.nextToken();
                            inputs.put(name, v == JsonToken.VALUE_NULL ? null
                                    : StreamedTensor.read(p, "inputs." + name, name.equals("indices")));
                        }
                    } else {
                        inputs = null;
                        p.skipChildren();
                    }
                    break;
                case "grad_output":
                    gradOutput = t == JsonToken.VALUE_NULL ? null : StreamedTensor.read(p, "grad_output", false);
                    break;
                default:
                    p.skipChildren(); // "expect" and anything else compute does not read
                    break;
            }
        }
        return new ParsedCase(true, id, op, params, paramsProblem, inputs, gradOutput);
    }

    /** A JSON tree of at most {@code budget[0]} scalars; past that, the rest is skipped and the budget goes negative. */
    private static JsonNode boundedTree(JsonParser p, int[] budget) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (p.currentToken()) {
            case START_OBJECT: {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    JsonNode v = boundedTree(p, budget);
                    if (budget[0] >= 0) {
                        o.set(name, v);
                    }
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = f.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode v = boundedTree(p, budget);
                    if (budget[0] >= 0) {
                        a.add(v);
                    }
                }
                return a;
            }
            default:
                break;
        }
        if (--budget[0] < 0) {
            return f.nullNode();
        }
        switch (p.currentToken()) {
            case VALUE_STRING:
                return f.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT: return f.numberNode(p.getIntValue());
                    case LONG: return f.numberNode(p.getLongValue());
                    default: return f.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return f.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return f.booleanNode(true);
            case VALUE_FALSE:
                return f.booleanNode(false);
            default:
                return f.nullNode();
        }
    }

    /** Writes one case's result; returns false when the case was answered with an error. */
    private boolean answer(ParsedCase parsed, int position, JsonGenerator gen) throws IOException {
        String id = parsed.id() != null ? parsed.id() : "case[" + position + "]";
        CaseResult result;
        String error;
        try {
            result = compute(parsed);
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
                for (Map.Entry<String, Tensor> grad : result.grads().entrySet()) {
                    gen.writeFieldName(grad.getKey());
                    TensorJson.write(gen, grad.getValue());
                }
                gen.writeEndObject();
            }
        }
        gen.writeEndObject();
        return error == null;
    }

    private static CaseResult compute(ParsedCase c) {
        if (!c.isObject()) {
            throw new InvalidArgumentException("a case must be a JSON object");
        }
        if (c.op() == null) {
            throw new InvalidArgumentException("case has no \"op\" string");
        }
        String op = c.op();
        CaseOp handler = CaseOps.find(op);
        if (handler == null) {
            throw InvalidArgumentException.of("unknown op '%s' (known: %s)", op, String.join(", ", CaseOps.names()));
        }
        if (c.paramsProblem() != null) {
            throw InvalidArgumentException.of("%s: %s", op, c.paramsProblem());
        }
        return handler.run(new CaseInputs(op, c.params(), c.inputs(), c.gradOutput()));
    }
}
