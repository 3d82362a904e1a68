# Writes the PyTorch fixtures of org.nabla.io.PyTorchExchangeTest and org.nabla.layer.BidirectionalTest.
# Run from this directory with Debian's /usr/bin/python3 (python3-torch 1.13, python3-numpy 1.24):
#   /usr/bin/python3 make_exchange.py
# Everything in float64; the state dicts are written exactly as a user would write them:
#   np.savez(f, **{k: v.numpy() for k, v in model.state_dict().items()})
import numpy as np
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)
torch.manual_seed(20)


def save_state(path, model):
    np.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()})


# 1. A small network: a 2-layer LSTM (sequence first, PyTorch's default), Linear and BatchNorm1d
#    on the last hidden state; trained 5 SGD steps so that the running statistics are non-trivial.
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 4, num_layers=2)
        self.linear = nn.Linear(4, 5)
        self.norm = nn.BatchNorm1d(5)

    def forward(self, x):  # x (T, N, 3)
        y, _ = self.lstm(x)
        return self.norm(self.linear(y[-1]))


net = Net()
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for step in range(5):
    x = torch.randn(6, 8, 3)
    target = torch.randn(8, 5)
    opt.zero_grad()
    loss = ((net(x) - target) ** 2).mean()
    loss.backward()
    opt.step()
net.eval()
save_state("small_net_state.npz", net)
np.savez("small_net_state_f32.npz", **{k: (v.numpy().astype(np.float32) if v.is_floating_point() else v.numpy())
                                       for k, v in net.state_dict().items()})
x = torch.randn(7, 3, 3)
with torch.no_grad():
    np.savez("small_net_io.npz", x=x.numpy(), y=net(x).numpy())

# 2. Bidirectional two-layer RNN, LSTM and GRU (sequence first) with random initial states.
for kind, cls in [("rnn", nn.RNN), ("lstm", nn.LSTM), ("gru", nn.GRU)]:
    m = cls(3, 4, num_layers=2, bidirectional=True)
    save_state("bi_%s_state.npz" % kind, m)
    x = torch.randn(5, 2, 3)
    h0 = torch.randn(4, 2, 4)
    io = {"x": x.numpy(), "h0": h0.numpy()}
    with torch.no_grad():
        if kind == "lstm":
            c0 = torch.randn(4, 2, 4)
            y, (hn, cn) = m(x, (h0, c0))
            io.update(c0=c0.numpy(), cn=cn.numpy())
        else:
            y, hn = m(x, h0)
    io.update(y=y.numpy(), hn=hn.numpy())
    np.savez("bi_%s_io.npz" % kind, **io)
