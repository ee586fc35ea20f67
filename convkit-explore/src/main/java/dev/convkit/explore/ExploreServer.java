package dev.convkit.explore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.core.InvalidArgumentException;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The {@code convkit explore} server: the page bundled in the jar and the JSON API
 * ({@link ExploreApi}) on an embedded Javalin (Jetty 12). It binds to 127.0.0.1 unless the caller
 * explicitly allows another address ({@code --host}), takes a free port when the asked one is busy,
 * limits request bodies and tensor sizes, serves only the bundled files, sends no CORS headers,
 * refuses requests whose Host or Origin is not the server itself (when on loopback), and never
 * evaluates anything it is sent.
 *
 * <pre>{@code
 * ExploreServer server = ExploreServer.start(ExploreServer.Options.defaults().port(0), System.out::println);
 * server.url();   // http://127.0.0.1:41234/
 * server.stop();
 * }</pre>
 */
public final class ExploreServer implements AutoCloseable {
    /** The port asked for when none is given. */
    public static final int DEFAULT_PORT = 8732;
    /** The largest request body, in bytes. */
    public static final int MAX_BODY = 256 * 1024;

    /** The bundled files: names only, no directories, so that no path can leave the bundle. */
    private static final Pattern BUNDLED = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    /**
     * How to start the server.
     *
     * @param host         the address to bind to
     * @param port         the port to ask for (0: any free port)
     * @param remoteAllowed whether a non-loopback host was asked for explicitly ({@code --host})
     * @param namedKernels the kernels the page offers by name
     */
    public record Options(String host, int port, boolean remoteAllowed, Map<String, double[][]> namedKernels) {
        /** 127.0.0.1, the default port, no named kernels. */
        public static Options defaults() {
            return new Options("127.0.0.1", DEFAULT_PORT, false, Map.of());
        }

        public Options port(int value) {
            return new Options(host, value, remoteAllowed, namedKernels);
        }

        /** An explicit host ({@code --host}): any address may be bound. */
        public Options host(String value) {
            return new Options(value, port, true, namedKernels);
        }

        public Options namedKernels(Map<String, double[][]> value) {
            return new Options(host, port, remoteAllowed, value);
        }
    }

    private final Javalin app;
    private final String url;
    private final boolean loopback;

    private ExploreServer(Javalin app, String url, boolean loopback) {
        this.app = app;
        this.url = url;
        this.loopback = loopback;
    }

    /**
     * Starts the server.
     *
     * @param notices where to say that the asked port was busy, or that the bind is not loopback
     * @throws ApiError (status 0) when the host is not a loopback address and was not given explicitly,
     *                  or cannot be resolved
     */
    public static ExploreServer start(Options options, Consumer<String> notices) {
        InetAddress address;
        try {
            address = InetAddress.getByName(options.host());
        } catch (UnknownHostException e) {
            throw new ApiError(0, "host", "explore: cannot resolve host '" + options.host() + "'");
        }
        boolean loopback = address.isLoopbackAddress();
        if (!loopback && !options.remoteAllowed()) {
            throw new ApiError(0, "host", "explore: refusing to bind to " + options.host()
                    + ", which is not a loopback address; pass --host to do it on purpose");
        }
        if (!loopback) {
            notices.accept("WARNING: explore is listening on " + options.host()
                    + ": anyone who can reach this address can use the page and its API.");
        }
        int port = options.port();
        if (port != 0 && !free(address, port)) {
            notices.accept("Port " + port + " is in use; taking a free one.");
            port = 0;
        }
        ExploreApi api = new ExploreApi(options.namedKernels());
        Javalin app;
        try {
            app = create(api, address.getHostAddress(), port, loopback);
        } catch (RuntimeException e) {
            if (port == 0) {
                throw e;
            }
            notices.accept("Port " + port + " could not be bound; taking a free one.");
            app = create(api, address.getHostAddress(), 0, loopback);
        }
        String hostPart = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return new ExploreServer(app, "http://" + hostPart + ":" + app.port() + "/", loopback);
    }

    private static boolean free(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Javalin create(ExploreApi api, String host, int port, boolean loopback) {
        ObjectMapper json = mapper();
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = MAX_BODY;
            config.routes.before(ctx -> guard(ctx, loopback));
            config.routes.get("/", ctx -> bundled(ctx, "index.html"));
            config.routes.get("/{file}", ctx -> bundled(ctx, ctx.pathParam("file")));
            config.routes.get("/api/catalogue", ctx -> answer(ctx, json, api.catalogue()));
            config.routes.post("/api/run", ctx -> answer(ctx, json, api.run(body(ctx, json))));
            config.routes.post("/api/network", ctx -> {
                JsonNode req = body(ctx, json);
                JsonNode input = req.get("input");
                int[] shape = new int[input == null || !input.isArray() ? 0 : input.size()];
                for (int i = 0; i < shape.length; i++) {
                    if (!input.get(i).isIntegralNumber() || !input.get(i).canConvertToInt()) {
                        throw new ApiError(400, "input", "input must be a shape [C, H, W] of integers");
                    }
                    shape[i] = input.get(i).asInt();
                }
                answer(ctx, json, NetworkPlanner.plan(ExploreApi.text(req, "spec"), shape));
            });
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, json, e.status(), e.field(), e.getMessage()));
            config.routes.exception(InvalidArgumentException.class, (e, ctx) -> {
                String op = opOf(ctx);
                error(ctx, json, 400, op == null ? null : ExploreApi.fieldOf(op, e.getMessage()), e.getMessage());
            });
            config.routes.exception(JsonProcessingException.class, (e, ctx) ->
                    error(ctx, json, 400, null, "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                            + " (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")"));
            config.routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) ->
                    error(ctx, json, e.getStatus(), null, e.getStatus() == 413
                            ? "the request body is larger than " + MAX_BODY + " bytes" : e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) ->
                    error(ctx, json, 500, null, "internal error: " + e.getClass().getSimpleName()));
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, json, 404, null, "not found: " + ctx.path());
                }
            });
        }).start();
    }

    /** Refuses foreign Host and Origin headers (DNS rebinding, cross-site posts) and oversized bodies. */
    private static void guard(Context ctx, boolean loopback) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        if (loopback) {
            String host = ctx.header("Host");
            String name = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
            if (!name.equals("127.0.0.1") && !name.equals("localhost") && !name.equals("[::1]")) {
                throw new ApiError(403, null, "requests must name this machine (127.0.0.1 or localhost) as Host");
            }
            String origin = ctx.header("Origin");
            if (origin != null && !origin.equals("http://" + host)) {
                throw new ApiError(403, null, "cross-origin requests are not accepted");
            }
        }
        long length = ctx.contentLength();
        if (length > MAX_BODY) {
            throw new ApiError(413, null, "the request body has " + length + " bytes; the limit is " + MAX_BODY);
        }
    }

    private static void bundled(Context ctx, String name) throws IOException {
        if (!BUNDLED.matcher(name).matches()) {
            throw new ApiError(404, null, "not found: " + ctx.path());
        }
        try (InputStream in = ExploreServer.class.getResourceAsStream("/explore/" + name)) {
            if (in == null) {
                throw new ApiError(404, null, "not found: " + ctx.path());
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            ctx.contentType(TYPES.get(ext));
            ctx.header("Cache-Control", "no-cache");
            ctx.result(in.readAllBytes());
        }
    }

    private static JsonNode body(Context ctx, ObjectMapper json) throws IOException {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, null, "the request body must be JSON (Content-Type: application/json)");
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY) {
            throw new ApiError(413, null, "the request body has " + bytes.length + " bytes; the limit is " + MAX_BODY);
        }
        JsonNode node = json.readTree(bytes);
        if (node == null || !node.isObject()) {
            throw new ApiError(400, null, "the request body must be a JSON object");
        }
        ctx.attribute("op", node.hasNonNull("op") ? node.get("op").asText() : null);
        return node;
    }

    private static String opOf(Context ctx) {
        Object op = ctx.attribute("op");
        return op instanceof String s ? s : null;
    }

    private static void answer(Context ctx, ObjectMapper json, Object value) throws JsonProcessingException {
        ctx.contentType("application/json");
        ctx.header("Cache-Control", "no-store");
        ctx.result(json.writeValueAsBytes(value));
    }

    private static void error(Context ctx, ObjectMapper json, int status, String field, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        if (field != null) {
            m.put("field", field);
        }
        ctx.status(status);
        ctx.contentType("application/json");
        try {
            ctx.result(json.writeValueAsBytes(m));
        } catch (JsonProcessingException e) {
            ctx.result("{\"error\":\"internal error\"}");
        }
    }

    /** The mapper of requests and answers: duplicate keys rejected, nesting and string lengths bounded. */
    static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(MAX_BODY).build())
                .build();
        ObjectMapper m = new ObjectMapper(factory);
        m.registerModule(CompactFloats.module());
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return m;
    }

    /** The page's address. */
    public String url() {
        return url;
    }

    /** The bound port. */
    public int port() {
        return app.port();
    }

    /** Whether the server listens on a loopback address only. */
    public boolean loopback() {
        return loopback;
    }

    /** Stops the server. */
    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Opens {@code url} in the desktop's browser when there is a desktop.
     *
     * @return whether a browser was asked to open it
     */
    public static boolean openBrowser(String url) {
        try {
            if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(URI.create(url));
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
