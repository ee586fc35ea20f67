#!/usr/bin/python3
"""Small CNNs exported with torch.onnx.export (PyTorch 1.13), with their inputs and PyTorch's outputs,
for convkit-onnx's import tests; and a graph built with onnx.helper for the ONNX ops and attributes
torch never emits (auto_pad, LpPool, MaxUnpool, Dropout, Identity, Gemm's alpha/beta), whose
reference is computed with torch's functional ops.

Run with Debian's python3-torch and python3-onnx:
    /usr/bin/python3 tools/gen_onnx.py convkit-onnx/src/test/resources/onnx

Each case is NAME.onnx and NAME.json: {"inputs": {name: {shape, data}}, "outputs": {name: {shape, dtype, data}},
"ops": [...]} with float32 values written exactly (repr of the float32 value).
"""
import io
import json
import sys
from pathlib import Path

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

OPSET = 13


def randomize_bn(bn, generator):
    with torch.no_grad():
        c = bn.num_features
        bn.running_mean.copy_(torch.randn(c, generator=generator) * 0.5)
        bn.running_var.copy_(torch.rand(c, generator=generator) + 0.5)
        bn.weight.copy_(torch.rand(c, generator=generator) + 0.5)
        bn.bias.copy_(torch.randn(c, generator=generator) * 0.2)


class ConvBn(nn.Module):
    def __init__(self, g):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        randomize_bn(self.bn, g)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * 5 * 5, 4)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(F.relu(self.bn(self.conv(x)))), 1))


class TransposedLeaky(nn.Module):
    def __init__(self, g):
        super().__init__()
        self.up = nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1, dilation=2, groups=2)
        self.down = nn.Conv2d(6, 4, 3, stride=2, padding=2, dilation=2, groups=2)

    def forward(self, x):
        h = F.leaky_relu(self.up(x), 0.2)
        return torch.sigmoid(self.down(h)) + torch.tanh(h[:, :4, :6, :6])


class Pools(nn.Module):
    def __init__(self, g):
        super().__init__()
        self.max = nn.MaxPool2d(3, stride=2, padding=1, dilation=2, ceil_mode=True)
        self.avg_excl = nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)
        self.avg_incl = nn.AvgPool2d(2, stride=2, padding=1, ceil_mode=True)

    def forward(self, x):
        a = self.max(x)
        b = self.avg_excl(x)
        c = self.avg_incl(x)
        return torch.softmax(torch.cat([a.flatten(1), b.flatten(1), c.flatten(1)], 1), dim=1)


class LpPools(nn.Module):
    def __init__(self, g):
        super().__init__()
        self.lp2 = nn.LPPool2d(2, 3, stride=2)
        self.lp3 = nn.LPPool2d(3, (2, 3), stride=(1, 2))
        self.lp1d = nn.LPPool1d(1.5, 3, stride=2)

    def forward(self, x):
        a = self.lp2(x)
        b = self.lp3(F.relu(x))
        c = self.lp1d(F.elu(x).flatten(2).abs())
        return a.flatten(1).sum(1, keepdim=True) + b.flatten(1).sum(1, keepdim=True) + c.flatten(1)[:, :3]


class GlobalPools(nn.Module):
    def __init__(self, g):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 3)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.gmp = nn.AdaptiveMaxPool2d(1)
        self.fc = nn.Linear(6, 5)

    def forward(self, x):
        h = F.elu(self.conv(x))
        return torch.softmax(self.fc(torch.flatten(self.gap(h) + self.gmp(h), 1)), dim=1)


class ReshapeMatMul(nn.Module):
    def __init__(self, g):
        super().__init__()
        self.conv = nn.Conv1d(2, 4, 3, stride=2, padding=1)
        self.w = nn.Parameter(torch.randn(4 * 6, 3, generator=g) * 0.3)
        self.b = nn.Parameter(torch.randn(3, generator=g))
        self.drop = nn.Dropout(0.3)

    def forward(self, x):
        h = F.relu(self.conv(x))
        h = h.view(h.size(0), -1)  # a Shape/Gather/Unsqueeze/Concat chain with a dynamic batch
        return (self.drop(h) @ self.w + self.b) * 0.5


class Conv3dAndSame(nn.Module):
    def __init__(self, g):
        super().__init__()
        self.conv3 = nn.Conv3d(2, 3, 3, padding=1, stride=(1, 2, 2))
        # padding='same' does not export in torch 1.13: the same asymmetric padding, as a separate Pad
        self.same = nn.Conv2d(3, 4, (4, 3), dilation=(1, 2))
        self.pool3 = nn.MaxPool3d(2, stride=2)

    def forward(self, x):
        h = F.relu(self.conv3(x))
        p = self.pool3(h)
        h2 = self.same(F.pad(h.mean(2), (2, 2, 1, 2)))
        return torch.cat([h2.flatten(1), p.flatten(1)], 1)


class ConvkitCnn2(nn.Module):
    """The shape of `convkit train --model cnn2`, smaller: conv, bn, relu, pool twice, dropout, linear."""

    def __init__(self, g):
        super().__init__()
        self.seq = nn.Sequential(nn.Conv2d(1, 4, 3, 1, 1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2, 2, 0),
                                 nn.Conv2d(4, 8, 3, 1, 1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2, 2, 0),
                                 nn.Dropout(0.25), nn.Flatten(), nn.Linear(8 * 3 * 3, 10))
        randomize_bn(self.seq[1], g)
        randomize_bn(self.seq[5], g)

    def forward(self, x):
        return self.seq(x)


TORCH_CASES = [
    # name, module, input shape, export keyword arguments
    ("conv_bn_folded", ConvBn, (2, 3, 10, 10), {}),
    ("conv_bn_preserved", ConvBn, (2, 3, 10, 10), {"training": torch.onnx.TrainingMode.PRESERVE}),
    ("transposed_leaky", TransposedLeaky, (2, 4, 5, 5), {}),
    # even sizes: torch 1.13 exports AvgPool2d(ceil_mode=True, count_include_pad=True) as Pad + AveragePool, whose
    # ceil-mode output is one larger than PyTorch's where PyTorch drops a last window starting in the right padding
    ("pools_ceil", Pools, (2, 3, 10, 8), {}),
    ("lp_pools", LpPools, (2, 2, 8, 9), {}),
    ("global_pools", GlobalPools, (2, 3, 7, 7), {}),
    ("reshape_matmul", ReshapeMatMul, (2, 2, 12), {"dynamic_axes": {"input": {0: "N"}}}),
    ("conv3d_same", Conv3dAndSame, (1, 2, 4, 6, 6), {}),
    ("cnn2_preserved", ConvkitCnn2, (2, 1, 12, 12), {"training": torch.onnx.TrainingMode.PRESERVE}),
]


def tensor_json(t):
    a = t.detach().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    if a.dtype == np.int64:
        return {"shape": list(a.shape), "dtype": "int64", "data": [int(v) for v in a.reshape(-1)]}
    a = a.astype(np.float32)
    return {"shape": list(a.shape), "dtype": "float32", "data": [float(v) for v in a.reshape(-1)]}


def write_case(out, name, model_bytes, inputs, outputs):
    model = onnx.load_from_string(model_bytes)
    onnx.checker.check_model(model)
    (out / (name + ".onnx")).write_bytes(model_bytes)
    ops = sorted({n.op_type for n in model.graph.node})
    doc = {"inputs": {k: tensor_json(v) for k, v in inputs.items()},
           "outputs": {k: tensor_json(v) for k, v in outputs.items()},
           "ops": ops}
    (out / (name + ".json")).write_text(json.dumps(doc) + "\n")
    print(f"{name}: {len(model_bytes)} bytes, ops {' '.join(ops)}")
    return ops


def torch_case(out, name, cls, shape, kwargs, seed):
    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    module = cls(g).eval()
    x = torch.randn(*shape, generator=g)
    with torch.no_grad():
        y = module(x)
    f = io.BytesIO()
    torch.onnx.export(module, x, f, opset_version=OPSET, input_names=["input"], output_names=["output"], **kwargs)
    return write_case(out, name, f.getvalue(), {"input": x}, {"output": y})


def onnx_ops_case(out, seed):
    """A graph of the ONNX features torch does not emit, and its reference from torch's functional ops."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(2, 3, 9, 9, generator=g)
    w1 = torch.randn(4, 3, 4, 2, generator=g) * 0.3
    b1 = torch.randn(4, generator=g) * 0.1
    w2 = torch.randn(4, 4, 2, 2, generator=g) * 0.3
    w3 = torch.randn(4, 2, 3, 3, generator=g) * 0.3
    wg = torch.randn(3, 32, generator=g) * 0.3
    cg = torch.randn(3, generator=g)

    # Conv SAME_UPPER, stride 2, kernel (4, 2), input 9: output 5, total padding 3 (1, 2) and 1 (0, 1)
    c1 = F.conv2d(F.pad(x, (0, 1, 1, 2)), w1, b1, stride=2)
    # Conv SAME_LOWER, kernel 2: total padding 1, at the start
    c2 = F.conv2d(F.pad(c1, (1, 0, 1, 0)), w2)
    # ConvTranspose SAME_UPPER, stride 2: output 10 = 5 * 2, total padding 1, at the end
    ct = F.conv_transpose2d(c2, w3, stride=2)[:, :, :10, :10]
    mp, idx = F.max_pool2d(ct, 2, 2, return_indices=True)
    planes = torch.arange(ct.shape[0] * ct.shape[1]).reshape(ct.shape[0], ct.shape[1], 1, 1) * (10 * 10)
    flat_idx = idx + planes  # ONNX indices count over the whole tensor
    up = F.max_unpool2d(mp, idx, 2, 2)
    ap = F.avg_pool2d(up, 3, 2, 1, count_include_pad=True)
    lp = torch.sqrt(F.avg_pool2d(ap.abs() ** 2, 2, 1) * 4)  # ONNX LpPool takes |x|
    gm = ap.amax((2, 3), keepdim=True)
    y = torch.tanh((0.5 * (lp + gm).flatten(1) @ wg.T + 2.0 * cg) * 1.5)

    def init(name, t):
        return numpy_helper.from_array(t.numpy().astype(np.float32), name)

    nodes = [
        helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], name="conv_same_upper", auto_pad="SAME_UPPER",
                         strides=[2, 2], kernel_shape=[4, 2]),
        helper.make_node("Conv", ["c1", "w2"], ["c2"], name="conv_same_lower", auto_pad="SAME_LOWER"),
        helper.make_node("ConvTranspose", ["c2", "w3"], ["ct"], name="convt_same_upper", auto_pad="SAME_UPPER",
                         strides=[2, 2]),
        helper.make_node("MaxPool", ["ct"], ["mp", "indices"], name="pool", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("MaxUnpool", ["mp", "indices"], ["up"], name="unpool", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("AveragePool", ["up"], ["ap"], name="avg", kernel_shape=[3, 3], strides=[2, 2],
                         pads=[1, 1, 1, 1], count_include_pad=1),
        helper.make_node("LpPool", ["ap"], ["lp"], name="lp", kernel_shape=[2, 2], p=2),
        helper.make_node("GlobalMaxPool", ["ap"], ["gm"], name="global_max"),
        helper.make_node("Add", ["lp", "gm"], ["sum"], name="add"),
        helper.make_node("Dropout", ["sum"], ["dropped"], name="dropout"),
        helper.make_node("Identity", ["dropped"], ["same"], name="identity"),
        helper.make_node("Flatten", ["same"], ["flat"], name="flatten", axis=1),
        helper.make_node("Gemm", ["flat", "wg", "cg"], ["gemm"], name="gemm", alpha=0.5, beta=2.0, transB=1),
        helper.make_node("Constant", [], ["scale"], name="scale",
                         value=numpy_helper.from_array(np.array(1.5, dtype=np.float32))),
        helper.make_node("Mul", ["gemm", "scale"], ["scaled"], name="mul"),
        helper.make_node("Tanh", ["scaled"], ["y"], name="tanh"),
    ]
    graph = helper.make_graph(
        nodes, "onnx_ops",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3, 9, 9])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3]),
         helper.make_tensor_value_info("indices", TensorProto.INT64, [2, 2, 5, 5])],
        [init("w1", w1), init("b1", b1), init("w2", w2), init("w3", w3), init("wg", wg), init("cg", cg)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="gen_onnx.py")
    return write_case(out, "onnx_ops", model.SerializeToString(), {"x": x}, {"y": y, "indices": flat_idx})


def onnx_pads_case(out, seed):
    """Asymmetric and automatic pads on pools, and ConvTranspose's output_shape, with torch references."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(2, 2, 8, 8, generator=g)
    w = torch.randn(2, 3, 3, 3, generator=g) * 0.3
    inf = float("inf")

    # MaxPool SAME_UPPER, kernel 3, stride 2 on 8: output 4, total padding 1, at the end (never selected)
    mp = F.max_pool2d(F.pad(x, (0, 1, 0, 1), value=-inf), 3, 2)
    # AveragePool SAME_LOWER, kernel 2, stride 1, count_include_pad=0: one padded row and column at the start,
    # divided by the number of real elements in each window
    ones = torch.ones_like(x)
    ap = F.avg_pool2d(F.pad(x, (1, 0, 1, 0)), 2, 1) / F.avg_pool2d(F.pad(ones, (1, 0, 1, 0)), 2, 1)
    # AveragePool with explicit asymmetric pads (h: 0 and 2, w: 1 and 0), count_include_pad=1
    ai = F.avg_pool2d(F.pad(ap, (1, 0, 0, 2)), 3, 1)
    # LpPool SAME_UPPER, kernel 3, stride 2, p = 3 on (8, 7): total padding 1 (at the end) and 2
    lp = (F.avg_pool2d(F.pad(ai.abs(), (1, 1, 0, 1)) ** 3, 3, 2) * 9) ** (1 / 3)
    # ConvTranspose, stride 2, output_shape (8, 9): full output 9 x 9, total padding 1 and 0, the odd one at the start
    ct = F.conv_transpose2d(mp + lp, w, stride=2)[:, :, 1:9, 0:9]

    nodes = [
        helper.make_node("MaxPool", ["x"], ["mp"], name="max_same_upper", kernel_shape=[3, 3], strides=[2, 2],
                         auto_pad="SAME_UPPER"),
        helper.make_node("AveragePool", ["x"], ["ap"], name="avg_same_lower", kernel_shape=[2, 2], auto_pad="SAME_LOWER",
                         count_include_pad=0),
        helper.make_node("AveragePool", ["ap"], ["ai"], name="avg_asymmetric", kernel_shape=[3, 3], pads=[0, 1, 2, 0],
                         count_include_pad=1),
        helper.make_node("LpPool", ["ai"], ["lp"], name="lp_same_upper", kernel_shape=[3, 3], strides=[2, 2],
                         auto_pad="SAME_UPPER", p=3),
        helper.make_node("Add", ["mp", "lp"], ["sum"], name="add"),
        helper.make_node("ConvTranspose", ["sum", "w"], ["y"], name="convt_output_shape", strides=[2, 2],
                         output_shape=[8, 9]),
    ]
    graph = helper.make_graph(
        nodes, "onnx_pads",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 2, 8, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3, 8, 9])],
        [numpy_helper.from_array(w.numpy().astype(np.float32), "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="gen_onnx.py")
    return write_case(out, "onnx_pads", model.SerializeToString(), {"x": x}, {"y": ct})


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "convkit-onnx/src/test/resources/onnx")
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    seen = set()
    for i, (name, cls, shape, kwargs) in enumerate(TORCH_CASES):
        seen.update(torch_case(out, name, cls, shape, kwargs, 1000 + i))
    seen.update(onnx_ops_case(out, 7))
    seen.update(onnx_pads_case(out, 8))
    print("ops covered:", " ".join(sorted(seen)))


if __name__ == "__main__":
    main()
