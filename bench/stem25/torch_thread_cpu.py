"""stem25: PyTorch's thread CPU time per pass (best of 40): forward, conv2d_input, conv2d_weight, autograd backward.
Usage: /usr/bin/python3 bench/stem25/torch_thread_cpu.py THREADS [SHAPES_FILE]  (shapes id:N:Cin:HW:Cout:K:pad[:stride[:groups]], as
bench/ConvCpuTime.java's; grp28 added the groups)
"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from torch_env import reexec_for_torch  # noqa: E402
reexec_for_torch()  # PyTorch's best environment: no OPENBLAS_* overrides, glibc malloc keeping freed memory
os.environ["OMP_NUM_THREADS"]=sys.argv[1] if len(sys.argv)>1 else "1"
import time, torch
import torch.nn.functional as F
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv)>1 else 1)
shapes = [l.split(':') for l in open(sys.argv[2] if len(sys.argv) > 2 else "bench/stem25/shapes.txt").read().split()]
def best(f, n=40):
    for _ in range(5): f()
    b = 1e9
    for _ in range(n):
        t0 = time.thread_time(); f(); b = min(b, time.thread_time() - t0)
    return b*1e3
for s in shapes:
    name=s[0]; N,C,H,Co,K,p = map(int,s[1:7]); st = int(s[7]) if len(s)>7 else 1; gr = int(s[8]) if len(s)>8 else 1
    x=torch.randn(N,C,H,H); w=torch.randn(Co,C//gr,K,K)
    with torch.no_grad():
        y=F.conv2d(x,w,stride=st,padding=p,groups=gr)
        f=best(lambda: F.conv2d(x,w,stride=st,padding=p,groups=gr))
        gi=best(lambda: torch.nn.grad.conv2d_input(x.shape,w,y,stride=st,padding=p,groups=gr))
        gw=best(lambda: torch.nn.grad.conv2d_weight(x,w.shape,y,stride=st,padding=p,groups=gr))
    xg=x.clone().requires_grad_(); wg=w.clone().requires_grad_()
    yg=F.conv2d(xg,wg,stride=st,padding=p,groups=gr)
    def fb():
        torch.autograd.grad(yg,(xg,wg),y,retain_graph=True)
    fbt=best(fb)
    print(f"{name:20s} fwd {f:7.3f} gin {gi:7.3f} gw {gw:7.3f} autograd bwd {fbt:7.3f}")
