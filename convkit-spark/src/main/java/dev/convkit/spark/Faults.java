package dev.convkit.spark;

import org.apache.spark.TaskContext;

/**
 * Fault injection for tests: with the Spark setting {@code spark.convkit.failFirstAttempt=true}, every
 * convkit task throws on its first attempt, so Spark retries each one (the master must allow
 * retries, e.g. {@code local[2,2]}). A retried task recomputes the same result from the same
 * broadcast weights and shard, which is what the fault test checks.
 */
final class Faults {
    static final String SETTING = "spark.convkit.failFirstAttempt";

    private Faults() {
    }

    static void maybeFail() {
        TaskContext task = TaskContext.get();
        if (task != null && task.attemptNumber() == 0 && "true".equals(task.getLocalProperty(SETTING))) {
            throw new IllegalStateException("injected failure: first attempt of stage " + task.stageId() + " partition "
                    + task.partitionId());
        }
    }
}
