"""gflops.py SHAPES_FILE AB_OUTPUT: bench/r1x49/fastest.py's table (fastest per side over the rounds) with each side's
GFLOP/s of thread CPU (2·N·Cin·Cout·positions per pass, 1×1 shapes; at more threads the critical path's CPU)."""
import re
import subprocess
import sys

flops = {}
for line in open(sys.argv[1]):
    f = line.strip().split(":")
    if len(f) < 7:
        continue
    n, cin, hw, cout = int(f[1]), int(f[2]), int(f[3]), int(f[4])
    flops[f[0]] = 2.0 * n * cin * cout * hw * hw
table = subprocess.run([sys.executable, sys.argv[0].replace("p1f50/gflops.py", "r1x49/fastest.py"), sys.argv[2]],
                       capture_output=True, text=True, check=True).stdout
print("| shape | before ms | after ms | | GFLOP/s before -> after |")
print("|---|---|---|---|---|")
for row in table.splitlines():
    m = re.match(r"\| (\S+) \| ([\d.]+) \| ([\d.na]+) \| (\S+) \|", row)
    if not m:
        continue
    shape, b, a = m.group(1), float(m.group(2)), float(m.group(3))
    fl = flops.get(shape, float("nan"))
    print(f"{row} {fl / b / 1e6:.0f} -> {fl / a / 1e6:.0f} |")
