#!/usr/bin/python3
"""Reference data for convkit-nn: a small network trained a few steps in PyTorch.

Usage: /usr/bin/python3 tools/gen_nn_reference.py OUT.json

The network is conv(1->3, 3x3, padding 1) -> batchnorm -> relu -> maxpool 2 -> conv(3->4, 3x3) -> elu
-> flatten -> linear(16 -> 5), trained with cross-entropy and SGD (lr 0.1, momentum 0.9, Nesterov,
weight decay 1e-3) for 3 steps, then Adam for 2. Recorded: the initial parameters (state-dict names
of nn.Sequential), the data, the loss of every step and every gradient of the first step. All values
are float32, computed in float64 from float32 inputs. The evaluation-mode logits are taken after the SGD steps.
"""
import json
import sys

import torch
import torch.nn as nn

torch.manual_seed(7)
torch.set_num_threads(1)


def f32(t):
    return t.float().double()


net = nn.Sequential(
    nn.Conv2d(1, 3, 3, padding=1), nn.BatchNorm2d(3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(3, 4, 3), nn.ELU(), nn.Flatten(), nn.Linear(16, 5)).double()
with torch.no_grad():
    for p in net.parameters():
        p.copy_(f32(p))
x = f32(torch.randn(6, 1, 8, 8))
y = torch.tensor([0, 1, 2, 3, 4, 1])
initial = {k: {"shape": list(v.shape), "data": v.reshape(-1).tolist()} for k, v in net.state_dict().items()
           if not k.endswith("num_batches_tracked")}

loss_fn = nn.CrossEntropyLoss()
sgd = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-3)
losses = []
grads = None
for step in range(3):
    sgd.zero_grad()
    loss = loss_fn(net(x), y)
    loss.backward()
    if step == 0:
        grads = {k: {"shape": list(p.grad.shape), "data": p.grad.reshape(-1).tolist()}
                 for k, p in net.named_parameters()}
    sgd.step()
    losses.append(loss.item())
# evaluation-mode logits (running statistics) after the SGD steps: Adam, next, turns the conv bias's
# vanishing gradient (batch norm cancels it) into sign-of-rounding-noise steps, which no float32
# implementation can match
net.eval()
with torch.no_grad():
    eval_logits = net(x)
net.train()
adam = torch.optim.Adam(net.parameters(), lr=0.01)
for step in range(2):
    adam.zero_grad()
    loss = loss_fn(net(x), y)
    loss.backward()
    adam.step()
    losses.append(loss.item())

json.dump({"generator": "tools/gen_nn_reference.py, torch " + torch.__version__,
           "architecture": "conv2d(1,3,3,1,1);bn2d(3);relu;maxpool2d(2,2,0);conv2d(3,4,3,1,0);elu(1);flatten;linear(16,5)",
           "initial": initial, "input": {"shape": list(x.shape), "data": x.reshape(-1).tolist()},
           "labels": y.tolist(), "losses": losses, "first_step_grads": grads,
           "eval_logits": {"shape": list(eval_logits.shape), "data": eval_logits.reshape(-1).tolist()}},
          open(sys.argv[1], "w"))
print("wrote", sys.argv[1], "losses", losses)
