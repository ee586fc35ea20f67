#!/usr/bin/env python3
"""Compare `convkit compute` results with a cases file's expectations.

Usage: tools/check_results.py CASES.json RESULTS.json [-v]

Rules (shared/conformance/README.md): |got - exp| <= atol + 1e-4*|exp| with
atol = 1e-5 * max(1, max|exp| of the tensor); NaN must be NaN, infinities exact,
shapes and indices exact, an expected error answered by an error, a missing result fails.
Prints one line per failing case and a closing 'N passed, N failed' line; exits 1 on failures.
"""
import json
import math
import sys


def close(exp, got, atol, exact):
    if exact:
        return exp == got
    if isinstance(got, str):
        got = float(got)
    if isinstance(exp, str):
        exp = float(exp)
    if math.isnan(exp):
        return math.isnan(got)
    if math.isinf(exp):
        return exp == got
    return abs(got - exp) <= atol + 1e-4 * abs(exp)


def tensor_problems(name, exp, got, exact=False):
    if got is None:
        return [f"{name} missing"]
    if exp["shape"] != got.get("shape"):
        return [f"{name} shape {got.get('shape')} != {exp['shape']}"]
    finite = [abs(float(v)) for v in exp["data"] if math.isfinite(float(v))]
    atol = 1e-5 * max([1.0] + finite)
    bad = [i for i, (e, g) in enumerate(zip(exp["data"], got["data"])) if not close(e, g, atol, exact)]
    if len(got["data"]) != len(exp["data"]):
        return [f"{name} has {len(got['data'])} values, expected {len(exp['data'])}"]
    return [f"{name}[{i}] = {got['data'][i]}, expected {exp['data'][i]}" for i in bad[:3]] + (
        [f"{name}: {len(bad)} mismatches"] if len(bad) > 3 else [])


def problems(expect, result):
    if result is None:
        return ["no result"]
    if "error" in expect:
        return [] if "error" in result else ["expected an error: " + expect["error"]]
    if "error" in result:
        return ["unexpected error: " + result["error"]]
    out = tensor_problems("output", expect["output"], result.get("output"))
    if "indices" in expect:
        out += tensor_problems("indices", expect["indices"], result.get("indices"), exact=True)
    eg, gg = expect.get("grad"), result.get("grad")
    if eg:
        if not gg:
            return out + ["grad missing"]
        for k in eg:
            out += tensor_problems("grad." + k, eg[k], gg.get(k))
        out += [f"unexpected grad.{k}" for k in gg if k not in eg]
    elif gg:
        out.append("grad present but not expected")
    return out


def main():
    cases = json.load(open(sys.argv[1]))["cases"]
    results = {r["id"]: r for r in json.load(open(sys.argv[2]))["results"]}
    passed = failed = 0
    for case in cases:
        p = problems(case["expect"], results.get(case["id"]))
        if p:
            failed += 1
            print(case["id"] + ": " + "; ".join(p))
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
