package dev.convkit.spark;

import dev.convkit.core.InvalidArgumentException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * What {@link Train} and {@link Predict} share: picocli with one-line user errors and exit code 2
 * (also for a bad input found by an executor, which reaches the driver inside a SparkException),
 * one line and exit code 1 for anything else (CONVKIT_DEBUG=1 prints the stack trace), and the
 * Spark session.
 */
final class Mains {
    static final int USER_ERROR = 2;

    private Mains() {
    }

    static int execute(Object command, String name, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            ex.getCommandLine().getErr().println(name + ": " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + name + " --help' for the options.");
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            InvalidArgumentException user = userError(ex);
            if (user != null) {
                cmd.getErr().println(name + ": " + user.getMessage());
                return USER_ERROR;
            }
            if (System.getenv("CONVKIT_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            String message = String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
            cmd.getErr().println(name + ": internal error: " + ex.getClass().getSimpleName() + ": " + message);
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The user error at the root of {@code t}, also when an executor threw it and Spark wrapped it. */
    static InvalidArgumentException userError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidArgumentException e) {
                return e;
            }
        }
        // a task's exception reaches the driver as text: "... dev.convkit.core.InvalidArgumentException: message"
        String marker = InvalidArgumentException.class.getName() + ": ";
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            int at = m == null ? -1 : m.indexOf(marker);
            if (at >= 0) {
                return new InvalidArgumentException(m.substring(at + marker.length()).lines().findFirst().orElse(""));
            }
        }
        return null;
    }

    /** A running session, or a new one on {@code master} (when given, or when spark-submit did not set one: local[*]). */
    static Session session(String appName, String master) {
        boolean existed = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (master != null) {
            b.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        if (!existed) {
            spark.sparkContext().setLogLevel("WARN");
        }
        return new Session(spark, !existed);
    }

    /** A session and whether this main started it (and so stops it). */
    record Session(SparkSession spark, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                spark.stop();
            }
        }
    }
}
