#!/usr/bin/env python3
"""The break-even model of docs/SCALE.md: synchronous and averaging data parallelism on Spark against
one machine of the same kind as an executor, for cnn2 and a ResNet-18-sized model.

  python3 convkit-spark/scale_model.py [--overhead-ms 20] [--gbit 10] [--cores 8]

Time of one round on P executors (global batch B split over them, c = seconds per image on one
executor, S = bytes of the model, bw = bytes/s of one network link):
  synchronous: B*c/P + o + up(P, S) + down(S)                         (one step per round)
  averaging:   K*B*c/P + o + up(P, (1+m)*S) + down((1+m)*S)            (K steps per round; m optimizer
                                                                        state arrays per parameter: 2 for Adam)
  up, ordered (collect to the driver in partition order): P*S/bw   (all of it through the driver's link)
  up, tree (treeAggregate, depth 2): 2*ceil(sqrt(P))*S/bw          (one shuffle level, then sqrt(P) to the driver)
  down (TorrentBroadcast: executors fetch blocks from each other): 2*S/bw
One machine: B*c per step. Break-even: the smallest B (synchronous) or K (averaging) at which the
cluster's images/s reach one machine's.
"""
import argparse
import math

p = argparse.ArgumentParser()
p.add_argument("--overhead-ms", type=float, default=20.0, help="fixed cost of a Spark round (job, broadcast, results)")
p.add_argument("--gbit", type=float, default=10.0)
p.add_argument("--cores", type=int, default=8, help="cores per executor (and of the single machine)")
p.add_argument("--cnn2-images-per-core", type=float, default=1512.0,
               help="convkit train images/s on one thread (docs/PERFORMANCE.md, quiet machine)")
a = p.parse_args()

bw = a.gbit * 1e9 / 8
o = a.overhead_ms / 1e3
cnn2_macs = 28 * 28 * 32 * 9 + 14 * 14 * 64 * 32 * 9 + 3136 * 10  # forward multiply-adds per image
flops_per_core = 3 * 2 * cnn2_macs * a.cnn2_images_per_core       # forward + backward ~ 3x forward
models = {
    # name: (bytes of parameters, seconds per image on one executor, global batch)
    "cnn2": (50_378 * 4 + 192 * 4, 1 / (a.cnn2_images_per_core * a.cores), 64),
    "ResNet-18 (224x224)": (11_689_512 * 4, 3 * 2 * 1.82e9 / (flops_per_core * a.cores), 256),
}
print(f"assumptions: {a.gbit:g} Gb/s links, {a.cores} cores per executor, round overhead {a.overhead_ms:g} ms, "
      f"compute at convkit's cnn2 rate of {flops_per_core / 1e9:.0f} GFLOP/s per core")
for name, (S, c, B) in models.items():
    print(f"\n{name}: {S / 1e6:.2f} MB of parameters, {c * 1e3:.3g} ms per image on one executor, batch {B}; "
          f"one machine: {B * c * 1e3:.4g} ms per step, {1 / c:,.0f} images/s")
    for P in (8, 64):
        down = 2 * S / bw
        for how, up in (("ordered", P * S / bw), ("tree", 2 * math.ceil(math.sqrt(P)) * S / bw)):
            sync = B * c / P + o + up + down
            b_even = (o + up + down) / (c * (1 - 1 / P))
            print(f"  P={P:2d} sync, {how:7s}: {sync * 1e3:8.1f} ms per step, {B / sync:9,.0f} images/s, "
                  f"speed-up {B * c / sync:5.2f}x; break-even at a global batch of {math.ceil(b_even):,}")
        for m, opt in ((2, "Adam"), (1, "SGD+momentum")):
            up = P * (1 + m) * S / bw
            k_even = (o + up + 2 * (1 + m) * S / bw) / (B * c * (1 - 1 / P))
            for K in (8, 32):
                t = K * B * c / P + o + up + 2 * (1 + m) * S / bw
                print(f"  P={P:2d} averaging K={K:2d} ({opt}, ordered): {K * B / t:9,.0f} images/s, speed-up "
                      f"{K * B * c / t:5.2f}x; break-even at K = {max(1, math.ceil(k_even))}")
