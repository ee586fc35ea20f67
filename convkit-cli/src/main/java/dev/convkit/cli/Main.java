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
 * The {@code convkit} command line. Every user error is one line on stderr and exit code 2; an
 * internal failure is one line and exit code 1 (set CONVKIT_DEBUG=1 for the stack trace).
 */
@Command(name = "convkit",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Convolution and pooling with PyTorch's exact semantics, in pure Java.", ""},
        subcommands = {ExampleCommand.class, ShapeCommand.class, ConvCommand.class, PoolCommand.class, ComputeCommand.class,
            BenchCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
            dev.convkit.cli.commands.ExploreCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of user errors: bad options, unreadable or malformed files, bad parameters. */
    public static final int USER_ERROR = 2;

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
            if (System.getenv("CONVKIT_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().println("convkit: internal error: " + ex);
            return 1;
        });
        int code = cli.execute(args);
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
