package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.cli.io.ClassicKernels;
import dev.convkit.explore.ApiError;
import dev.convkit.explore.ExploreServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code convkit explore}: starts the explorer's local web server, prints its address, opens the
 * browser when there is a desktop, and serves until interrupted.
 *
 * <pre>{@code
 * convkit explore                 # http://127.0.0.1:8732/
 * convkit explore --port 0 --no-open
 * convkit explore --host 0.0.0.0  # on purpose, with a warning
 * }</pre>
 */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start a local page that shows convolution and pooling happen, forward and backward, with every",
            "number computed by convkit's engine. It opens on the course exercise (A, K and C) and replays how",
            "C is built cell by cell. Stop it with Ctrl+C.",
            "",
            "  convkit explore                  # http://127.0.0.1:" + ExploreServer.DEFAULT_PORT + "/, opens the browser",
            "  convkit explore --port 9000 --no-open",
            ""})
public final class ExploreCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N",
            description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 for any free port). A busy port is replaced by a free one.")
    int port = ExploreServer.DEFAULT_PORT;

    @Option(names = "--no-open", description = "Do not open a browser.")
    boolean noOpen;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Listen on this address instead of 127.0.0.1. Anyone who can reach it can use the page: a warning is printed.")
    String host;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError("--port must be between 0 and 65535, got " + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExploreServer.Options options = ExploreServer.Options.defaults().port(port).namedKernels(namedKernels());
        if (host != null) {
            options = options.host(host);
        }
        ExploreServer server;
        try {
            server = ExploreServer.start(options, line -> {
                err.println("convkit: " + line);
                err.flush();
            });
        } catch (ApiError e) {
            throw new UserError(e.getMessage().replaceFirst("^explore: ", ""), e);
        }
        out.println("convkit explore: " + server.url());
        boolean opened = !noOpen && ExploreServer.openBrowser(server.url());
        out.println(opened ? "Opened in your browser. Press Ctrl+C to stop."
                : "Open that address in a browser. Press Ctrl+C to stop.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "convkit-explore-stop"));
        stopped.await();
        return 0;
    }

    /** The classic kernels, as the explorer offers them by name. */
    static Map<String, double[][]> namedKernels() {
        Map<String, double[][]> kernels = new LinkedHashMap<>();
        for (String name : ClassicKernels.names().split(",\\s*")) {
            float[][] k = ClassicKernels.find(name).matrix(0);
            double[][] d = new double[k.length][k[0].length];
            for (int r = 0; r < k.length; r++) {
                for (int c = 0; c < k[0].length; c++) {
                    d[r][c] = k[r][c];
                }
            }
            kernels.put(name, d);
        }
        return kernels;
    }
}
