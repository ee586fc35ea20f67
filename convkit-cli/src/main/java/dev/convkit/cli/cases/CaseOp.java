package dev.convkit.cli.cases;

/** Runs one op of a cases file: the forward pass, and the backward pass when the case has a grad_output. */
@FunctionalInterface
public interface CaseOp {
    CaseResult run(CaseInputs in);
}
