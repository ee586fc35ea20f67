#!/usr/bin/python3
"""One PyTorch conv and two pools, thread CPU per call, to show the glibc malloc effect (train26).

env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE [MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824] /usr/bin/python3 bench/train26/torch_op_malloc.py
"""
import os, time, resource
os.environ["OMP_NUM_THREADS"]="1"
import torch, torch.nn.functional as F
torch.set_num_threads(1)
x=torch.randn(8,64,56,56); w=torch.randn(64,64,3,3); xp=torch.randn(8,64,112,112)
def run(name,f,n=30):
    for _ in range(3): f()
    ts=[]; r0=resource.getrusage(resource.RUSAGE_SELF)
    for _ in range(n):
        t=time.thread_time(); f(); ts.append(time.thread_time()-t)
    r1=resource.getrusage(resource.RUSAGE_SELF)
    print(f"{name:14s} min {1e3*min(ts):7.3f} ms  median {1e3*sorted(ts)[n//2]:7.3f}  faults/call {(r1.ru_minflt-r0.ru_minflt)/n:.0f}")
run("conv fwd", lambda: F.conv2d(x,w,padding=1))
run("maxpool 2x2", lambda: F.max_pool2d(xp,2))
run("avgpool 3s1", lambda: F.avg_pool2d(x,3,1,1))
