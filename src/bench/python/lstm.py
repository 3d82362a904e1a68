"""PyTorch peer of src/bench/java/org/nabla/bench/LstmTiming.java.

One forward and backward pass of a single-layer torch.nn.LSTM (batch_first) over a sequence of 100
steps: input (N, T, D) = (32, 100, 32) of N(0, 1) draws, hidden size 128, zero initial state,
loss = the sum of all hidden states, backward to the gradients of the parameters (no optimizer step;
the gradients are set to None before each pass, as optimizer.zero_grad(set_to_none=True) does, not
timed). float64, one thread. Prints torch_lstm_ms=...: the median of 15 timed passes after 5 warm-up
passes.
"""
import statistics
import time

import torch

BATCH, STEPS, INPUT, HIDDEN = 32, 100, 32, 128


def main():
    torch.set_num_threads(1)
    torch.manual_seed(1)
    lstm = torch.nn.LSTM(INPUT, HIDDEN, batch_first=True).double()
    x = torch.randn(BATCH, STEPS, INPUT, dtype=torch.float64)
    sink = 0.0
    ms = []
    for i in range(5 + 15):
        for p in lstm.parameters():
            p.grad = None
        t0 = time.perf_counter()
        out, _ = lstm(x)
        out.sum().backward()
        elapsed = time.perf_counter() - t0
        sink += sum(p.grad.view(-1)[0].item() for p in lstm.parameters())
        if i >= 5:
            ms.append(elapsed * 1e3)
    print(f"torch_lstm_ms={statistics.median(ms):.3f} (min {min(ms):.3f}, max {max(ms):.3f}; LSTM N={BATCH} T={STEPS} "
          f"D={INPUT} H={HIDDEN}, forward + backward, float64, 1 thread, median of 15 after 5 warm-up; "
          f"checksum {sink:.6g})")


if __name__ == "__main__":
    main()
