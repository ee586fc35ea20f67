# s2f26: PyTorch 1.13 per-forward thread CPU time at one thread (best of 40) and GFLOP/s of the 3x3 stride-2 forwards
# in docs/PERFORMANCE.md "## s2f26"; run with env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3
import time, torch, sys
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
shapes = [("r3x3-s2",8,64,56,128,3,1),("h42-r3x3-s2-29-72",8,72,29,144,3,1),("r3x3-s2-30-p0",4,128,30,192,3,0),
          ("r3x3-s2-25-p0-256",4,256,25,256,3,0),("h26-41",8,48,41,96,3,1),("h26-35",6,88,35,176,3,1)]
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
