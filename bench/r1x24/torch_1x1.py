import time, torch, sys
shapes = {"r512": (8,512,14,128), "r768": (8,768,7,192), "r640": (8,640,9,128), "r384": (8,384,12,96),
          "h1024": (8,1024,7,256), "h384-14": (16,384,14,96), "h640": (8,640,10,160)}
for t in (1, 2):
    torch.set_num_threads(t)
    for name, (n, c, h, co) in shapes.items():
        x = torch.randn(n, c, h, h); w = torch.randn(co, c, 1, 1); y = torch.randn(n, co, h, h)
        def fwd(): torch.nn.functional.conv2d(x, w)
        def dx(): torch.ops.aten.convolution_backward(y, x, w, None, [1,1], [0,0], [1,1], False, [0,0], 1, [True, False, False])
        out = []
        for f in (fwd, dx):
            for _ in range(10): f()
            bc = bw = 1e9
            for _ in range(50):
                c0 = time.thread_time(); w0 = time.perf_counter(); f()
                bc = min(bc, time.thread_time() - c0); bw = min(bw, time.perf_counter() - w0)
            out.append(f"{bc*1e3:.3f}/{bw*1e3:.3f}")
        print(f"{t}t {name:8s} fwd cpu/wall {out[0]}  input-grad cpu/wall {out[1]}", flush=True)
