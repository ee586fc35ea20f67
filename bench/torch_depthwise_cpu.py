# dw6: PyTorch side of bench/DepthwiseCpuTime.java. Usage: /usr/bin/python3 bench/torch_depthwise_cpu.py SUITE.json THREADS [REPS]
# 3 warm-up calls, then the fastest of REPS: the calling thread's CPU time (time.thread_time_ns) and the wall clock.
import json, os, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "."))
from torch_env import reexec_for_torch  # noqa: E402
reexec_for_torch()  # PyTorch's best environment: no OPENBLAS_* overrides, glibc malloc keeping freed memory
threads = int(sys.argv[2])
# torch.set_num_threads(1) alone left PyTorch 1.13's second OpenMP thread working inside each call (gemm14)
os.environ["OMP_NUM_THREADS"] = str(threads)
import torch
import torch.nn.functional as F
suite = json.load(open(sys.argv[1])); reps = int(sys.argv[3]) if len(sys.argv) > 3 else 60
torch.set_num_threads(threads)
def best(fn):
    for _ in range(3): fn()
    bc = bw = float("inf")
    for _ in range(reps):
        c0 = time.thread_time_ns(); w0 = time.perf_counter_ns(); fn()
        bw = min(bw, time.perf_counter_ns() - w0); bc = min(bc, time.thread_time_ns() - c0)
    return bc / 1e6, bw / 1e6
for s in suite["conv2d"]:
    g = s["groups"]; torch.manual_seed(0)
    x = torch.randn(s["N"], s["Cin"], s["H"], s["W"]); wt = torch.randn(s["Cout"], s["Cin"] // g, s["K"], s["K"])
    fwd = lambda: F.conv2d(x, wt, None, s["stride"], s["padding"], 1, g)
    xg = x.clone().requires_grad_(True); wg = wt.clone().requires_grad_(True)
    yg = F.conv2d(xg, wg, None, s["stride"], s["padding"], 1, g); gy = torch.randn_like(yg)
    bwd = lambda: torch.autograd.grad(yg, (xg, wg), gy, retain_graph=True)
    fc, fw = best(fwd); bc, bw = best(bwd)
    print(f"torch {threads}t {s['id']:14s} fwd cpu {fc:8.3f} wall {fw:8.3f}  bwd cpu {bc:8.3f} wall {bw:8.3f}", flush=True)
