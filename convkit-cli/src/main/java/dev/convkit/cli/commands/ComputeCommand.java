package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.cli.cases.CaseRunner;
import dev.convkit.cli.io.AtomicFiles;
import dev.convkit.core.tensor.Shape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code convkit compute FILE|-}: answers a convkit-cases/1 file with a results JSON. */
@Command(name = "compute",
        mixinStandardHelpOptions = true,
        description = {
            "Run every case of a convkit-cases/1 file (forward, and backward when it has grad_output) and "
                    + "print {\"results\": [...]} as JSON on stdout, or into --out, written atomically.",
            "A case that cannot be computed is answered with {\"id\", \"error\"}; the others still run. "
                    + "The exit code is 0 whenever the file could be read.",
            "A malformed file is exit 2. If that shows only after results were printed, stdout ends with a top-level "
                    + "\"error\" and the JSON is left unclosed, so it never parses as a complete answer.",
            "",
            "Example (the course exercise is case conv2d/seed/000 of conv.json):",
            "  convkit compute conv.json --out results.json",
            "  echo '{\"cases\":[{\"id\":\"a\",\"op\":\"conv2d\",\"params\":{},\"inputs\":{"
                    + "\"input\":{\"shape\":[1,1,2,2],\"data\":[1,2,3,4]},"
                    + "\"weight\":{\"shape\":[1,1,1,1],\"data\":[2]},\"bias\":null}}]}' | convkit compute -",
            ""})
public final class ComputeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|-", description = "The cases file, or - for standard input.")
    String file;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the results here (atomically) instead of stdout.")
    Path out;

    @Option(names = "--max-elements", paramLabel = "N",
            description = "Refuse tensors with more elements than this (default: ${DEFAULT-VALUE}).")
    long maxElements = Shape.DEFAULT_MAX_ELEMENTS;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (maxElements <= 0) {
            throw new UserError("--max-elements must be positive, got " + maxElements);
        }
        Shape.setMaxElements(maxElements);
        CaseRunner runner = new CaseRunner(message -> spec.commandLine().getErr().println(message));
        try (InputStream in = open()) {
            if (out == null) {
                OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
                runner.run(in, file, stdout);
                stdout.flush();
            } else {
                AtomicFiles.write(out, stream -> {
                    OutputStream buffered = new BufferedOutputStream(stream, 1 << 16);
                    runner.run(in, file, buffered);
                    buffered.flush();
                });
            }
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + AtomicFiles.describe(e), e);
        }
        return 0;
    }

    private InputStream open() {
        if (file.equals("-")) {
            return new BufferedInputStream(System.in);
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new UserError(file + ": is a directory, expected a cases file");
        }
        try {
            return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + AtomicFiles.describe(e), e);
        }
    }
}
