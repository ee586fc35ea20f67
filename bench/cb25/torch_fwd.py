# cb25: PyTorch 1.13 per-forward thread CPU time at one thread (best of 40), the shapes of docs/PERFORMANCE.md "## cb25"; unset OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE
# (s2f26: or the stride-2 shapes given as arguments, id:N:Cin:HW:Cout:K:pad)
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from torch_env import reexec_for_torch  # noqa: E402
reexec_for_torch()  # PyTorch's best environment: no OPENBLAS_* overrides, glibc malloc keeping freed memory
import time, torch
torch.set_num_threads(1)
shapes = [("r3x3-s2",8,64,56,128,3,1),("r3x3-s2-33-112",8,112,33,112,3,1),("r3x3-s2-30-p0",4,128,30,192,3,0),
          ("c5x5-s2-27-48",8,48,27,96,5,2),("c7x7-s2-29",8,32,29,48,7,3),("h19",8,56,19,112,5,2)]
if len(sys.argv) > 1:
    shapes = [(f[0],) + tuple(int(v) for v in f[1:]) for f in (a.split(":") for a in sys.argv[1:])]
for sid,n,c,h,co,k,p in shapes:
    x=torch.randn(n,c,h,h); w=torch.randn(co,c,k,k)
    with torch.no_grad():
        for _ in range(10): torch.nn.functional.conv2d(x,w,padding=p,stride=2)
        best=1e9
        for _ in range(40):
            t=time.thread_time(); torch.nn.functional.conv2d(x,w,padding=p,stride=2); best=min(best,time.thread_time()-t)
    oh=(h+2*p-k)//2+1
    gf=2*n*co*oh*oh*c*k*k/1e9
    print(f"{sid} torch1t {best*1e3:.3f} ms  {gf:.3f} GFLOP  {gf/best:.1f} GFLOP/s")
