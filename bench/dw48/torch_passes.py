# dw48: PyTorch's per-pass thread CPU (bench/dws22/torch_passes.py: forward, input gradient alone, weight gradient alone,
# both) in torch_env's environment (no OPENBLAS_* overrides, glibc malloc keeping freed memory).
# Usage: /usr/bin/python3 bench/dw48/torch_passes.py SUITE.json THREADS [REPS [ids]]
import os, runpy, sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, ".."))
from torch_env import reexec_for_torch  # noqa: E402
reexec_for_torch()
runpy.run_path(os.path.join(here, "..", "dws22", "torch_passes.py"), run_name="__main__")
