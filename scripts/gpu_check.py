"""The GPU check: the figures the README's GPU rows need, on a machine with one NVIDIA GPU and this repository.

    scripts/gpu_check.sh                 # on the GPU at the paper's sizes (about 5 minutes)
    scripts/gpu_check.sh --cpu           # on CPU at reduced sizes: proves the script works (about 2 minutes here)
    scripts/gpu_check.sh --out gpu.json  # also writes the figures as JSON

Every figure comes from one of imrec's benchmarks (`python -m imrec.bench NAME`), each in a fresh process with its
own time limit, so that one failing or slow step is reported and the others still run:

- cue extraction, cards/s: ResNet-101 (random weights: the real network's speed) and EfficientNet-Lite0, paper mode;
- training, samples/s of NRMS-IM and FIM-IM at the paper's sizes (batch 32, K = 4, title 15 / 30, history 60 / 50,
  ResNet-101 cues 512 / 2048), a forward, backward and Adam step under float16 autocast, and at a larger batch;
- the learner itself (batches built and fed as in a run, the training rows on the GPU) for NRMS-IM and FIM-IM;
- dev evaluation of a MIND-small-sized dev split (73,152 impressions, 2.7M candidates, 65,238 news): NRMS-IM in full;
  FIM-IM, which scores every candidate against the whole history, on a sample, extrapolated to the whole split;
- the peak GPU memory of each.
"""
from __future__ import annotations
import argparse, json, subprocess, sys, time

BUDGET_S = 480           # the whole check must end within 8 minutes
MIND_SMALL_DEV_IMPRESSIONS = 73152

def steps(device: str, reduced: bool) -> list[tuple[str, str, dict]]:
    "(label, benchmark, arguments) of every step; `reduced`: sizes a CPU finishes in a minute or two."
    ext = dict(n=8, batch_size=4) if reduced else dict(n=512, batch_size=64)
    big = 8 if reduced else 256
    small = 4 if reduced else 32
    fim_imps = 8 if reduced else 2000
    score = dict(n_news=2000, n_impressions=200) if reduced else {}
    out = [('extraction resnet101', 'extraction', dict(backbone='resnet101', weights='untrained', mode='paper', **ext)),
           ('extraction efficientnet-lite0', 'extraction', dict(backbone='efficientnet-lite0', mode='paper', **ext))]
    for m in ('nrms_im', 'fim_im'):
        for b in (small, big):
            out.append((f"train {m} batch {b}", 'model', dict(model=m, batch_size=b, step=True, repeats=3)))
    fit = dict(n_news=2000, batches=3) if reduced else dict(n_news=65238, batches=40)
    out.append(('learner nrms_im (batches included)', 'fit', dict(model='nrms_im', cue_dim=512, global_dim=2048, **fit)))
    out.append(('learner fim_im (batches included)', 'fit', dict(model='fim_im', cue_dim=512, global_dim=2048, title_len=30, history_len=50, **fit)))
    out.append(('dev nrms_im', 'scoring', dict(model='nrms_im', cue_dim=512, global_dim=2048, eval_batch=4096, **score)))
    out.append(('dev fim_im (sample)', 'scoring', dict(model='fim_im', cue_dim=512, global_dim=2048, title_len=30, history_len=50,
                                                        n_news=score.get('n_news', 65238), n_impressions=fim_imps, eval_batch=2048, metrics=False)))
    for _, _, kw in out: kw['device'] = device
    return out

def run_step(name: str, kw: dict, timeout: float) -> dict:
    "One benchmark in a fresh process: its figures, or {'error': ...}."
    cmd = [sys.executable, '-m', 'imrec.bench', name] + [a for k, v in kw.items() for a in (f"--{k}", repr(v) if isinstance(v, str) else str(v))]
    try: r = subprocess.run(cmd, capture_output=True, text=True, timeout=max(timeout, 1))
    except subprocess.TimeoutExpired: return {'error': f"over its {timeout:.0f} s"}
    if r.returncode: return {'error': (r.stderr.strip().splitlines() or ['failed'])[-1][:300]}
    return json.loads(r.stdout.strip().splitlines()[-1])

def summary(label: str, r: dict) -> str:
    "One line of the table."
    if 'error' in r: return f"{label:34s} ERROR: {r['error']}"
    mem = f"{r['peak_gpu_mb']:8.0f} MB GPU" if 'peak_gpu_mb' in r else f"{r.get('peak_rss_mb', 0):8.0f} MB RSS"
    if 'cards_per_s' in r: fig = f"{r['cards_per_s']:9.1f} cards/s"
    elif 'build_share' in r: fig = (f"{r['samples_per_s']:9.1f} samples/s ({r['ms_per_step']:.0f} ms per step; building a batch alone "
                                    f"{r['ms_build_batch']:.0f} ms, rows on the GPU: {r['rows_on_device']})")
    elif 'samples_per_s' in r: fig = f"{r['samples_per_s']:9.1f} samples/s ({r['ms_per_batch']:.0f} ms per batch)"
    else:
        full = r['scoring_s'] * MIND_SMALL_DEV_IMPRESSIONS / r['impressions']
        fig = f"{r['scoring_s']:9.1f} s for {r['impressions']:,} impressions (MIND-small dev: {full / 60:.1f} min)"
    return f"{label:34s} {fig}  {mem}"

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--cpu', action='store_true', help='run on CPU at reduced sizes (proves the script works; the figures are not the GPU\'s)')
    ap.add_argument('--out', help='also write the figures to this JSON file')
    a = ap.parse_args(argv)
    import torch
    device = 'cpu' if a.cpu else 'cuda'
    if device == 'cuda' and not torch.cuda.is_available():
        raise SystemExit("gpu_check: no CUDA GPU visible to torch (torch.cuda.is_available() is False); --cpu runs the reduced check on CPU")
    print(f"gpu_check on {torch.cuda.get_device_name(0) if device == 'cuda' else 'CPU (reduced sizes)'}, torch {torch.__version__}", flush=True)
    t0, res = time.time(), []
    plan = steps(device, a.cpu)
    for i, (label, name, kw) in enumerate(plan):
        left = BUDGET_S - (time.time() - t0)
        r = run_step(name, kw, left / (len(plan) - i) * 2 if left > 0 else 0)   # at most twice a fair share of what is left
        res.append({'step': label, 'benchmark': name, 'args': kw, **r})
        print(summary(label, r), flush=True)
    print(f"total {time.time() - t0:.0f} s", flush=True)
    if a.out:
        with open(a.out, 'w') as f: json.dump({'device': device, 'reduced': a.cpu, 'torch': torch.__version__, 'steps': res}, f, indent=1)
    return res

if __name__ == '__main__': main()
