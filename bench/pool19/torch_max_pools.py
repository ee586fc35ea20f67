# bench/pool19/torch_max_pools.py: PyTorch's max pool backward (autograd.grad) and no-grad forward, best wall of 300,
# at 1 and 2 threads, on the pool19 ids. env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/pool19/torch_max_pools.py
import torch, time, sys, json
import torch.nn.functional as F
shapes = {
 'max2s2-ceil-57': ((8,64,57,57), lambda x: F.max_pool2d(x,2,2,ceil_mode=True)),
 'max3s1p1-28': ((16,128,28,28), lambda x: F.max_pool2d(x,3,1,1)),
 'max2s2': ((8,128,56,56), lambda x: F.max_pool2d(x,2,2)),
 'max3s2-stem': ((8,64,112,112), lambda x: F.max_pool2d(x,3,2,1)),
}
for t in (1,2):
    torch.set_num_threads(t)
    for k,v in shapes.items():
        shp,f = v
        x = torch.randn(*shp, requires_grad=True)
        y = f(x); g = torch.randn_like(y)
        best=1e9; bestf=1e9
        for i in range(300):
            t0=time.perf_counter(); (gx,) = torch.autograd.grad(y, x, g, retain_graph=True); t1=time.perf_counter()
            best=min(best,t1-t0)
        with torch.no_grad():
            for i in range(300):
                t0=time.perf_counter(); f(x); t1=time.perf_counter(); bestf=min(bestf,t1-t0)
        print(f"T={t} {k:16s} bwd {best*1e3:.4f} ms fwd {bestf*1e3:.4f} ms")
