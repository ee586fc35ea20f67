# bench/pool54/torch_pools.py SUITE [REPS] [ids...]: PyTorch's pool forward (no grad) and backward (autograd.grad of a
# random gradient) per shape of SUITE: at 1 thread (unless CLOCK=wall) the fastest and median THREAD CPU of REPS calls (time.thread_time_ns:
# at one thread the op runs on the calling thread), at 2 threads the fastest and median wall time.
# env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/pool54/torch_pools.py bench/pool54/globals.json 400
import json, os, sys, time, statistics
import torch
import torch.nn.functional as F
suite = json.load(open(sys.argv[1]))
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 300
only = set(sys.argv[3:])
torch.manual_seed(0)

def call_of(s):
    op = getattr(F, s["op"])
    kw = {k: v for k, v in s.items() if k not in ("id", "op", "N", "C", "D", "H", "W")}
    if "kernel_size" not in kw and "output_size" in kw:
        o = kw.pop("output_size")
        return lambda x: op(x, o)
    return lambda x: op(x, **kw)

def timed(fn, clock):
    for _ in range(20):
        fn()
    ts = []
    for _ in range(reps):
        t0 = clock(); fn(); ts.append((clock() - t0) / 1e6)
    return min(ts), statistics.median(ts)

for t in (1, 2):
    torch.set_num_threads(t)
    wall = t > 1 or os.environ.get("CLOCK") == "wall"
    clock = time.perf_counter_ns if wall else time.thread_time_ns
    what = "wall" if wall else "thread CPU"
    for lst in ("pool2d", "pool3d"):
        for s in suite.get(lst, []):
            if only and s["id"] not in only:
                continue
            shape = [s["N"], s["C"]] + ([s["D"]] if "D" in s else []) + [s["H"], s["W"]]
            f = call_of(s)
            x = torch.randn(*shape)
            with torch.no_grad():
                fmin, fmed = timed(lambda: f(x), clock)
            xg = x.clone().requires_grad_(True)
            y = f(xg)
            y = y[0] if isinstance(y, tuple) else y
            g = torch.randn_like(y)
            bmin, bmed = timed(lambda: torch.autograd.grad(y, xg, g, retain_graph=True), clock)
            print(f"T={t} {s['id']:18s} fwd {fmin:.4f} (median {fmed:.4f}) bwd {bmin:.4f} (median {bmed:.4f}) ms {what}", flush=True)
