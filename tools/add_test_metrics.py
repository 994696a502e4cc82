"""Score the test predictions of toy-world runs made before `train.ipynb` reported test, and record them.

    python tools/add_test_metrics.py results/toy_w0.5_nrms_im_s0 [...]

A run made before the `report` parameter existed wrote its test split's `prediction.txt` but scored only dev. This
scores that file against the toy world's hidden test labels (`truth/test_truth.txt`, written into the world when it
lacks it) with `imrec.training.metrics.score_files`, exactly as `train.ipynb` now does at the end of a run, and adds
`test`, `report: 'test'` and `selected_on: 'dev'` to the run's `metrics.json`, with `test_scored_by` naming this tool.
Nothing else changes: the model, its epochs and its predictions are those of the run. A run that already has test
metrics, or whose data is not a toy world, is refused by name.
"""
import json, sys
from pathlib import Path
from imrec.core import atomic_write
from imrec.data.toy import generate_toy, ToyConfig, TEST_TRUTH
from imrec.training.metrics import score_files


def add_test_metrics(run_dir: Path) -> dict:
    m, p = (json.loads((run_dir/f).read_text()) for f in ('metrics.json', 'params.json'))
    if m.get('test') is not None or m.get('report'): raise SystemExit(f"{run_dir}: already reports {m.get('report')!r}; left as it is")
    if p.get('data') != 'toy': raise SystemExit(f"{run_dir}: data {p.get('data')!r} is not the toy world; its test labels are unknown")
    world = generate_toy(Path('data')/f"toy_w{p['visual_weight']}_s{p['toy_seed']}",
                         ToyConfig(seed=p['toy_seed'], visual_weight=p['visual_weight']), progress=False)
    test = score_files(world.root/'truth'/TEST_TRUTH, run_dir/'prediction.txt')
    m.update(test=test.as_dict(), report='test', selected_on='dev', test_scored_by='tools/add_test_metrics.py')
    atomic_write(run_dir/'metrics.json', json.dumps(m, indent=1))
    return m


if __name__ == '__main__':
    for d in sys.argv[1:]:
        m = add_test_metrics(Path(d))
        print(f"{d}: dev AUC {m['dev']['auc']:.4f}, test AUC {m['test']['auc']:.4f} (best epoch {m['best_epoch']} of {m['epochs_run']})")
