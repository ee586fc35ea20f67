package dev.convkit.cli;

import dev.convkit.cli.commands.BenchCommand;
import dev.convkit.cli.commands.ComputeCommand;
import dev.convkit.cli.commands.ConvCommand;
import dev.convkit.cli.commands.EvaluateCommand;
import dev.convkit.cli.commands.ExampleCommand;
import dev.convkit.cli.commands.PoolCommand;
import dev.convkit.cli.commands.PredictCommand;
import dev.convkit.cli.commands.TrainCommand;
import dev.convkit.cli.commands.ShapeCommand;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.backend.Backend;
import dev.convkit.core.kernels.Parallel;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code convkit} command line. Every user error is one line on stderr and exit code 2 (so is
 * running out of memory: the input was too large for the heap); an internal failure is one line and
 * exit code 1 (set CONVKIT_DEBUG=1 for the stack trace).
 *
 * <pre>{@code
 * int code = Main.execute(new String[] {"shape", "conv", "--input", "5", "--kernel", "3"},
 *         new PrintWriter(System.out, true), new PrintWriter(System.err, true));
 * }</pre>
 */
@Command(name = "convkit",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Convolution and pooling with PyTorch's exact semantics, in pure Java.", ""},
        subcommands = {ExampleCommand.class, ShapeCommand.class, ConvCommand.class, PoolCommand.class, ComputeCommand.class,
            BenchCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /**
     * The library reports at INFO that the Vector API module is missing; on a learner's terminal that
     * is noise (--version names the kernels), so the CLI shows the library's warnings only. Held
     * here because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger LIBRARY_LOG = quietLibraryLog();

    private static java.util.logging.Logger quietLibraryLog() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.convkit");
        if (System.getenv("CONVKIT_DEBUG") == null) {
            log.setLevel(java.util.logging.Level.WARNING);
        }
        return log;
    }

    /** Exit code of user errors: bad options, unreadable or malformed files, bad parameters. */
    public static final int USER_ERROR = 2;

    /** The one line for an OutOfMemoryError, wherever it happens (exit 2: the input was too large for the heap). */
    static final String OUT_OF_MEMORY = "convkit: out of memory: the input or its parameters need more than the Java heap"
            + " allows; lower the sizes, or raise the heap (e.g. CONVKIT_JAVA_OPTS=-Xmx8g)";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        String backendProblem = Backend.problem();
        if (backendProblem != null) {
            err.println("convkit: " + backendProblem);
            err.flush();
            return USER_ERROR;
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("convkit: " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserError || ex instanceof InvalidArgumentException) {
                cmd.getErr().println("convkit: " + ex.getMessage());
                return USER_ERROR;
            }
            if (ex.getCause() instanceof OutOfMemoryError) {
                cmd.getErr().println(OUT_OF_MEMORY);
                return USER_ERROR;
            }
            if (System.getenv("CONVKIT_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().println("convkit: internal error: " + ex);
            return 1;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // whatever needed the memory is unreachable now, so there is room for one line
            err.println(OUT_OF_MEMORY);
            code = USER_ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"convkit " + (version == null ? "(development build)" : version),
                "kernels: " + Backend.active().describe() + ", threads: " + Parallel.threads(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
