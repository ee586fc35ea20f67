# dw48: PyTorch's per-pass thread CPU for depthwise shapes (bench/dws22/torch_passes.py in torch_env's environment):
# forward, input gradient alone, weight gradient alone, both. Usage: /usr/bin/python3 bench/dw48/torch_passes.py SUITE.json THREADS [REPS [ids]]
import json, os, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from torch_env import reexec_for_torch  # noqa: E402
reexec_for_torch()
threads = int(sys.argv[2])
os.environ["OMP_NUM_THREADS"] = str(threads)
import torch
import torch.nn.functional as F
suite = json.load(open(sys.argv[1])); reps = int(sys.argv[3]) if len(sys.argv) > 3 else 60
torch.set_num_threads(threads)
def best(fn):
    for _ in range(3): fn()
    bc = float("inf")
    for _ in range(reps):
        c0 = time.thread_time_ns(); fn(); bc = min(bc, time.thread_time_ns() - c0)
    return bc / 1e6
only = sys.argv[4:]
for s in suite["conv2d"]:
    if only and s["id"] not in only: continue
    g = s["groups"]; torch.manual_seed(0)
    x = torch.randn(s["N"], s["Cin"], s["H"], s["W"]); wt = torch.randn(s["Cout"], s["Cin"] // g, s["K"], s["K"])
    conv = lambda a, b: F.conv2d(a, b, None, s["stride"], s["padding"], 1, g)
    xg = x.clone().requires_grad_(True); wg = wt.clone().requires_grad_(True)
    yg = conv(xg, wg); gy = torch.randn_like(yg)
    f = best(lambda: conv(x, wt))
    dx = best(lambda: torch.autograd.grad(yg, (xg,), gy, retain_graph=True))
    dw = best(lambda: torch.autograd.grad(yg, (wg,), gy, retain_graph=True))
    both = best(lambda: torch.autograd.grad(yg, (xg, wg), gy, retain_graph=True))
    print(f"torch {threads}t {s['id']:18s} fwd {f:7.3f}  dx {dx:7.3f}  dw {dw:7.3f}  bwd {both:7.3f}", flush=True)
