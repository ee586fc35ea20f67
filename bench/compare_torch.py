#!/usr/bin/python3
"""Time PyTorch and convkit on the same benchmark suite, in the same run, at the same thread count.

Usage: /usr/bin/python3 bench/compare_torch.py [--threads N] [--suite FILE] [--ops conv,pool]
                                               [--torch-only] [--json OUT] [--markdown OUT]

It runs `./convkit bench --json` (convkit's side) and times torch.nn.functional on every shape of the
suite (forward, and backward = gradients w.r.t. input and weight), then prints one table with the
milliseconds of both and the speed ratio (torch ms / convkit ms, > 1 means convkit is faster), and
the geometric mean of the ratios per kind and direction. Medians over repetitions after warm-up.
Needs Debian's python3-torch and libopenblas0-pthread (it refuses a PyTorch on the reference BLAS). PyTorch
runs in bench/torch_env.py's environment (no OPENBLAS_* overrides, glibc malloc keeping freed memory); convkit
in the one the script was started with.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time

from torch_env import add_arguments, malloc_setting, reexec_for_torch, require_fast_blas

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def median_ms(fn, min_time=0.4, min_reps=5, max_reps=200, warmup=3):
    for _ in range(warmup):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < min_reps or (time.perf_counter() - start < min_time and len(times) < max_reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def torch_conv(shape, torch, F):
    n, cin, h, w, cout, k = shape["N"], shape["Cin"], shape["H"], shape["W"], shape["Cout"], shape["K"]
    g = shape["groups"]
    x = torch.randn(n, cin, h, w)
    wt = torch.randn(cout, cin // g, k, k)
    fwd = lambda: F.conv2d(x, wt, None, shape["stride"], shape["padding"], 1, g)
    y = fwd()
    xg = x.clone().requires_grad_(True)
    wg = wt.clone().requires_grad_(True)
    yg = F.conv2d(xg, wg, None, shape["stride"], shape["padding"], 1, g)
    gy = torch.randn_like(yg)
    bwd = lambda: torch.autograd.grad(yg, (xg, wg), gy, retain_graph=True)
    return median_ms(fwd), median_ms(bwd)


def torch_pool(shape, torch, F):
    spatial = [shape["D"], shape["H"], shape["W"]] if "D" in shape else [shape["H"], shape["W"]]
    x = torch.randn(shape["N"], shape["C"], *spatial)
    op = shape["op"]
    kwargs = {k: v for k, v in shape.items() if k not in ("id", "op", "N", "C", "D", "H", "W")}
    if op.startswith("fractional_max_pool"):
        samples = torch.rand(shape["N"], shape["C"], len(spatial))
        kwargs["_random_samples"] = samples
    f = getattr(F, op)
    fwd = lambda: f(x, **kwargs)
    xg = x.clone().requires_grad_(True)
    y = f(xg, **kwargs)
    if isinstance(y, tuple):
        y = y[0]
    gy = torch.randn_like(y)
    bwd = lambda: torch.autograd.grad(y, (xg,), gy, retain_graph=True)
    return median_ms(fwd), median_ms(bwd)


def main():
    convkit_env = reexec_for_torch()
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--suite", default=os.path.join(ROOT, "bench", "suite.json"))
    parser.add_argument("--ops", default="conv,pool")
    parser.add_argument("--torch-only", action="store_true")
    parser.add_argument("--fresh-arrays", action="store_true",
                        help="convkit allocates every call's results anew instead of recycling the previous call's")
    parser.add_argument("--json", help="also write the merged results here")
    parser.add_argument("--markdown", help="also write the table as Markdown here")
    add_arguments(parser)
    args = parser.parse_args()

    suite = json.load(open(args.suite))
    ops = args.ops.split(",")

    # convkit runs first, before torch is even imported: a loaded torch keeps OpenMP threads that
    # competed for the cores (measured: convkit's lenet-c1 forward 5.2 ms instead of 0.7 ms)
    convkit = {}
    machine = {}
    if not args.torch_only:
        cmd = [os.path.join(ROOT, "convkit"), "bench", "--json", "--threads", str(args.threads),
               "--suite", args.suite, "--ops", args.ops] + (["--fresh-arrays"] if args.fresh_arrays else [])
        print("running: " + " ".join(cmd), file=sys.stderr)
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True, env=convkit_env).stdout
        report = json.loads(out)
        machine = report["machine"]
        convkit = {r["id"]: r for r in report["results"]}

    # torch.set_num_threads(1) alone left PyTorch 1.13's second OpenMP thread working inside each call (gemm14)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(args.threads)
    blas = require_fast_blas(torch, args.allow_slow_blas)
    torch.manual_seed(0)
    rows = []
    for kind, key in (("conv", "conv2d"), ("pool", "pool2d"), ("pool", "pool3d")):
        if kind not in ops:
            continue
        for shape in suite.get(key, []):
            tf, tb = (torch_conv if kind == "conv" else torch_pool)(shape, torch, F)
            c = convkit.get(shape["id"], {})
            rows.append({"id": shape["id"], "kind": kind, "torch_fwd_ms": tf, "torch_bwd_ms": tb,
                         "convkit_fwd_ms": c.get("fwd_ms"), "convkit_bwd_ms": c.get("bwd_ms"),
                         "convkit_fwd_gflops": c.get("fwd_gflops"), "convkit_fwd_gbs": c.get("fwd_gbs")})

    def ratio(t, c):
        return t / c if c else None

    lines = [f"threads: {args.threads}; torch {torch.__version__}; convkit vector: {machine.get('vector', '-')}, "
             f"peak {machine.get('peak_gflops', '-')} GFLOP/s, result arrays {machine.get('result_arrays', '-')}; "
             f"torch BLAS {blas:.1f} GFLOP/s of CPU (512^3 matmul), malloc {malloc_setting()}",
             "",
             "| shape | kind | torch fwd ms | convkit fwd ms | fwd ratio | torch bwd ms | convkit bwd ms | bwd ratio |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    geo = {}
    for r in rows:
        rf, rb = ratio(r["torch_fwd_ms"], r["convkit_fwd_ms"]), ratio(r["torch_bwd_ms"], r["convkit_bwd_ms"])
        r["fwd_ratio"], r["bwd_ratio"] = rf, rb
        for d, v in (("fwd", rf), ("bwd", rb)):
            if v:
                geo.setdefault((r["kind"], d), []).append(v)
        fmt = lambda v, p=3: "-" if v is None else f"{v:.{p}f}"
        lines.append(f"| {r['id']} | {r['kind']} | {fmt(r['torch_fwd_ms'])} | {fmt(r['convkit_fwd_ms'])} | {fmt(rf, 2)}x "
                     f"| {fmt(r['torch_bwd_ms'])} | {fmt(r['convkit_bwd_ms'])} | {fmt(rb, 2)}x |")
    lines.append("")
    for (kind, d), values in sorted(geo.items()):
        gm = math.exp(sum(math.log(v) for v in values) / len(values))
        lines.append(f"geometric mean, {kind} {d}: {gm:.2f}x PyTorch (ratio > 1: convkit faster)")
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table + "\n")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"threads": args.threads, "machine": machine, "torch_blas_gflops": blas, "torch_malloc": malloc_setting(), "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
