"""stem26: PyTorch's forward thread CPU time (best of N). Usage: python3 torch_fwd.py THREADS SHAPES_FILE [N]"""
import os, sys
os.environ["OMP_NUM_THREADS"]=sys.argv[1]
import time, torch
import torch.nn.functional as F
torch.set_num_threads(int(sys.argv[1]))
n = int(sys.argv[3]) if len(sys.argv) > 3 else 60
for l in open(sys.argv[2]).read().split():
    s = l.split(':'); N,C,H,Co,K,p = map(int,s[1:7]); st = int(s[7]) if len(s)>7 else 1
    x=torch.randn(N,C,H,H); w=torch.randn(Co,C,K,K)
    with torch.no_grad():
        f = lambda: F.conv2d(x,w,stride=st,padding=p)
        for _ in range(10): f()
        b = 1e9; bw = 1e9
        for _ in range(n):
            t0 = time.thread_time(); w0 = time.perf_counter(); f()
            b = min(b, time.thread_time() - t0); bw = min(bw, time.perf_counter() - w0)
    print(f"{s[0]:20s} fwd cpu {b*1e3:7.3f} wall {bw*1e3:7.3f}")
