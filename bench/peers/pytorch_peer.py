"""PyTorch on this machine's CPU, measured in the same run as the other systems (bench/peers/run.ts
calls it when /usr/bin/python3 has torch; Debian: apt-get install -y python3-torch python3-numpy).

The seed's job is the tutorial's loop as in ../shared/reference/make_reference.py (nn.Sequential,
nn.Dropout(0.5) before the ReLU, torch.optim.Adam, nn.MSELoss, eval every 50 epochs), starting from
PyTorch's own initial weights (seed-job.json). The grid is the fastest honest way in PyTorch 1.13
without functorch: the 64 models stacked into batched matmuls (torch.baddbmm), per-model dropout
masks and coupled weight decay, one Adam. The timing protocol is bench/peers/harness.ts's: a
two 1-epoch warm-ups, a probe of up to 51 epochs, then the median of N runs, each within a time budget.

Prints one JSON object (a Measurement) on stdout.
"""
import argparse
import json
import math
import statistics
import time

import torch
from torch import nn

BETAS, EPS = (0.9, 0.999), 1e-8
GRID_DROPOUT = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
GRID_WEIGHT_DECAY = [0, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2]
NAMES = ['W1', 'b1', 'W2', 'b2', 'W3', 'b3']


def checkpoint_updates(epochs, every):
    return {u for u in range(1, epochs + 1) if (u - 1) % every == 0 or u == epochs}


def col(v):
    return torch.tensor(v, dtype=torch.float32).unsqueeze(1)


def tensors(init, shapes):
    return [torch.tensor(init[n], dtype=torch.float32).reshape(s) for n, s in zip(NAMES, shapes)]


def shapes_for(h):
    return [(h, 1), (h,), (h, h), (h,), (1, h), (1,)]


class SeedTrainer:
    """The tutorial: two nn.Sequential nets, two Adams, the loop of make_reference.tutorial_train."""

    def __init__(self, job, h=300):
        d = job['data']
        self.x, self.y, self.test_x, self.test_y = col(d['x']), col(d['y']), col(d['test_x']), col(d['test_y'])
        self.init = {k: tensors(job['init_params'][k], shapes_for(h)) for k in ('overfitting', 'dropped')}
        self.h = h

    def build(self):
        h = self.h
        ofit = nn.Sequential(nn.Linear(1, h), nn.ReLU(), nn.Linear(h, h), nn.ReLU(), nn.Linear(h, 1))
        drop = nn.Sequential(nn.Linear(1, h), nn.Dropout(0.5), nn.ReLU(), nn.Linear(h, h), nn.Dropout(0.5), nn.ReLU(),
                             nn.Linear(h, 1))
        with torch.no_grad():
            for net, key, idx in ((ofit, 'overfitting', (0, 2, 4)), (drop, 'dropped', (0, 3, 6))):
                for k, i in enumerate(idx):
                    net[i].weight.copy_(self.init[key][2 * k])
                    net[i].bias.copy_(self.init[key][2 * k + 1])
        return ofit, drop

    def run(self, epochs, every):
        torch.manual_seed(1)
        ofit, drop = self.build()
        opt_o = torch.optim.Adam(ofit.parameters(), lr=0.001)
        opt_d = torch.optim.Adam(drop.parameters(), lr=0.01)
        loss_func = nn.MSELoss()
        at = checkpoint_updates(epochs, every)
        ckpts = []
        t0 = time.perf_counter()
        for t in range(1, epochs + 1):
            loss_o = loss_func(ofit(self.x), self.y)
            loss_d = loss_func(drop(self.x), self.y)
            opt_o.zero_grad()
            opt_d.zero_grad()
            loss_o.backward()
            loss_d.backward()
            opt_o.step()
            opt_d.step()
            if t in at:
                ofit.eval()
                drop.eval()
                with torch.no_grad():
                    v = [loss_func(ofit(self.test_x), self.test_y).item(), loss_func(drop(self.test_x), self.test_y).item()]
                ckpts.append({'updates': t, 'testMse': v})
                ofit.train()
                drop.train()
        self.nets = (ofit, drop)
        return (time.perf_counter() - t0) * 1e3, ckpts

    def checkpoint_ms(self):
        """One eval + readback of both nets (as in the loop), median of 3."""
        ofit, drop = self.nets
        loss_func = nn.MSELoss()
        ms = []
        for _ in range(3):
            t0 = time.perf_counter()
            ofit.eval()
            drop.eval()
            with torch.no_grad():
                [loss_func(ofit(self.test_x), self.test_y).item(), loss_func(drop(self.test_x), self.test_y).item()]
            ofit.train()
            drop.train()
            ms.append((time.perf_counter() - t0) * 1e3)
        return statistics.median(ms)


class GridTrainer:
    """64 models as [M, …] tensors: baddbmm forward, per-model masks, Σ_m mse_m + ½·wd_m·‖p_m‖², one Adam."""

    def __init__(self, job, models, h=300):
        d = job['data']
        self.m = models
        rep = lambda v: col(v).unsqueeze(0).expand(models, -1, -1).contiguous()
        self.x, self.y, self.test_x, self.test_y = rep(d['x']), rep(d['y']), rep(d['test_x']), rep(d['test_y'])
        grid = [(p, wd) for p in GRID_DROPOUT for wd in GRID_WEIGHT_DECAY][:models]
        self.p = torch.tensor([g[0] for g in grid]).reshape(models, 1, 1)
        self.scale = 1 / (1 - self.p)
        self.wd = torch.tensor([g[1] for g in grid])
        W1, b1, W2, b2, W3, b3 = tensors(job['init_params']['dropped'], shapes_for(h))
        # x·W layout, stacked: W [M, in, out], b [M, 1, out]
        st = lambda t: t.unsqueeze(0).expand(models, *t.shape).contiguous()
        self.init = [st(W1.t()), st(b1.reshape(1, -1)), st(W2.t()), st(b2.reshape(1, -1)), st(W3.t()), st(b3.reshape(1, -1))]

    def forward(self, params, x, train):
        h = x
        for i in range(3):
            h = torch.baddbmm(params[2 * i + 1], h, params[2 * i])
            if i < 2:
                if train:
                    h = h * ((torch.rand_like(h) >= self.p).float() * self.scale)
                h = torch.relu(h)
        return h

    def run(self, epochs, every):
        torch.manual_seed(1)
        params = [t.clone().requires_grad_(True) for t in self.init]
        opt = torch.optim.Adam(params, lr=0.01)
        at = checkpoint_updates(epochs, every)
        ckpts = []
        t0 = time.perf_counter()
        for t in range(1, epochs + 1):
            mse = ((self.forward(params, self.x, True) - self.y) ** 2).mean(dim=(1, 2)).sum()
            l2 = sum((self.wd * (p * p).sum(dim=(1, 2))).sum() for p in params)
            loss = mse + 0.5 * l2
            opt.zero_grad()
            loss.backward()
            opt.step()
            if t in at:
                with torch.no_grad():
                    v = ((self.forward(params, self.test_x, False) - self.test_y) ** 2).mean(dim=(1, 2)).tolist()
                ckpts.append({'updates': t, 'testMse': v})
        self.params = params
        return (time.perf_counter() - t0) * 1e3, ckpts

    def checkpoint_ms(self):
        ms = []
        for _ in range(3):
            t0 = time.perf_counter()
            with torch.no_grad():
                ((self.forward(self.params, self.test_x, False) - self.test_y) ** 2).mean(dim=(1, 2)).tolist()
            ms.append((time.perf_counter() - t0) * 1e3)
        return statistics.median(ms)


def epochs_within_budget(ms_per_epoch, run_budget_ms, epochs, every):
    if not ms_per_epoch > 0 or ms_per_epoch * epochs <= run_budget_ms:
        return epochs
    fit = math.floor(run_budget_ms / ms_per_epoch)
    aligned = math.floor((fit - 1) / every) * every + 1 if fit > every else fit
    return max(1, min(aligned, epochs))


def probe_epochs(warm_ms_per_epoch, run_budget_ms, epochs):
    fit = math.floor(run_budget_ms / warm_ms_per_epoch)
    if fit < 2 or epochs < 2:
        return 0
    return min(epochs, 51, max(2, fit // 2))


def measure(trainer, epochs, every, runs, run_budget_ms):
    warmups = []

    def warm(e):
        ms, _ = trainer.run(e, every)
        warmups.append({'epochs': e, 'ms': ms})
        return ms / e

    warm(1)
    rate = warm(1)
    probe = probe_epochs(rate, run_budget_ms, epochs)
    if probe > 0:
        rate = warm(probe)
    e = epochs_within_budget(rate, run_budget_ms, epochs, every)
    results = [trainer.run(e, every) for _ in range(runs)]
    ms = [r[0] for r in results]
    med = statistics.median(ms)
    out = {'epochsTimed': e, 'extrapolated': e < epochs, 'runsMs': ms, 'medianMs': med, 'jobMs': med,
           'warmups': warmups, 'checkpoints': results[-1][1]}
    if e < epochs:  # as extrapolate() in harness.ts: checkpoints priced separately
        ck = trainer.checkpoint_ms()
        timed, job = len(checkpoint_updates(e, every)), len(checkpoint_updates(epochs, every))
        train = max(0.0, med - timed * ck) / e
        out['jobMs'] = train * epochs + job * ck
        out['extrapolation'] = {'trainMsPerEpoch': train, 'checkpointMs': ck, 'checkpointsTimed': timed, 'checkpointsJob': job}
    out['msPerEpoch'] = out['jobMs'] / epochs
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed-job', required=True, help='seed-job.json (made by bench/peers/build.ts)')
    ap.add_argument('--job', choices=['seed', 'grid'], default='seed')
    ap.add_argument('--epochs', type=int, default=500)
    ap.add_argument('--every', type=int, default=50)
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--budget', type=float, default=8.0, help='seconds allowed for one timed run')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--models', type=int, default=64)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with open(a.seed_job) as fh:
        job = json.load(fh)
    trainer = SeedTrainer(job) if a.job == 'seed' else GridTrainer(job, a.models)
    m = measure(trainer, a.epochs, a.every, a.runs, a.budget * 1e3)
    blas = torch.__config__.show().split('BLAS_INFO=')[1].split(',')[0] if 'BLAS_INFO=' in torch.__config__.show() else '?'
    m['description'] = 'torch %s, torch.set_num_threads(%d), BLAS_INFO=%s (the system libblas.so.3)' % (
        torch.__version__, a.threads, blas)
    print(json.dumps(m))


if __name__ == '__main__':
    main()
