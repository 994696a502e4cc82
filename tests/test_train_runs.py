"""End-to-end runs of `train.ipynb` (through `imrec_train`) on a tiny toy world, one epoch each: every parameter a table
sets must change what the run does, and the splits a run selects on and reports must be what its data allows.

    pytest tests/test_train_runs.py
"""
import json, os, shutil, subprocess, sys
from pathlib import Path
import pytest

TINY = dict(n_news=60, n_users=20, train_impressions=30, dev_impressions=10, test_impressions=10)
QUICK = ['-p', 'epochs', '1', '-p', 'max_train_impressions', '30']
IMREC_TRAIN = str(Path(sys.executable).parent/'imrec_train')     # the console script of this environment


@pytest.fixture(scope='module')
def work(tmp_path_factory):
    "A folder holding a tiny toy world (`world/`, with cover images) and room for runs."
    d = tmp_path_factory.mktemp('runs')
    from imrec.data.toy import generate_toy, ToyConfig
    generate_toy(d/'world', ToyConfig(**TINY), progress=False)
    return d


def train(work: Path, model: str, run: str, *params: str) -> dict:
    "Run `imrec_train model` on the tiny world into `work/results/<run>/`; its metrics.json (the run must succeed)."
    cmd = [IMREC_TRAIN, model, '--run', run,
           '--results', str(work/'results'), '-p', 'data', str(work/'world'), '-p', 'workdir', str(work/'ckpt'), *QUICK, *params]
    r = subprocess.run(cmd, cwd=work, capture_output=True, text=True, env={**os.environ, 'OMP_NUM_THREADS': '1'})
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads((work/'results'/run/'metrics.json').read_text())


def prediction(work: Path, run: str) -> str: return (work/'results'/run/'prediction.txt').read_text()


def test_defaults_report_test_selected_on_dev(work):
    m = train(work, 'nrms_im', 'base')
    assert (m['report'], m['selected_on'], m['equations'], m['vocab']) == ('test', 'dev', 'ours', 'train')
    assert m['test'] and m['dev'] and 0 < m['test']['auc'] <= 1        # a toy world passed as a folder: its test labels are known


def test_lengths_follow_the_data(work):
    "The default lengths: the world's longest title and history, at most NRMS's 15 x 60, recorded and printed."
    from imrec.training.runs import _longest
    title, history = _longest(work/'world')
    p = json.loads((work/'results'/'base'/'params.json').read_text())
    assert (p['title_len'], p['history_len']) == (min(title, 15), min(history, 60)) and history < 60
    nb = json.loads((work/'results'/'base'/'train.ipynb').read_text())
    out = ''.join(''.join(o.get('text', '')) for c in nb['cells'] for o in c.get('outputs', []))
    assert f"lengths: title_len {p['title_len']}, history_len {p['history_len']} (the data's longest title: {title} tokens, longest history: {history} clicks" in out


def test_equations_change_the_model(work):
    m = train(work, 'nrms_im', 'bare', '-p', 'equations', 'paper')
    assert m['equations'] == 'paper'
    assert prediction(work, 'bare') != prediction(work, 'base')        # the bare equations are another model


def test_vocab_all_is_larger(work):
    base = json.loads((work/'results'/'base'/'metrics.json').read_text())
    m = train(work, 'nrms_im', 'allwords', '-p', 'vocab', 'all')
    assert m['vocab'] == 'all' and m['vocab_size'] > base['vocab_size']   # dev and test news add words


def test_training_only_masking_changes_training_only(work):
    m = train(work, 'nrms_im', 'half', '-p', 'impression_share', '0.5')
    assert m['test'] and prediction(work, 'half') != prediction(work, 'base')


def test_no_dev_labels_selects_nothing_and_reports_test(work):
    world = work/'nodevlabels'
    shutil.copytree(work/'world', world, ignore=shutil.ignore_patterns('im_mind'))
    lines = (world/'dev'/'behaviors.tsv').read_text().splitlines()
    strip = lambda l: '\t'.join(l.split('\t')[:4] + [' '.join(x.rsplit('-', 1)[0] for x in l.split('\t')[4].split())])
    (world/'dev'/'behaviors.tsv').write_text('\n'.join(map(strip, lines)) + '\n')
    cmd = [IMREC_TRAIN, 'nrms', '--run', 'nodev',
           '--results', str(work/'results'), '-p', 'data', str(world), '-p', 'workdir', str(work/'ckpt'), *QUICK]
    r = subprocess.run(cmd, cwd=work, capture_output=True, text=True, env={**os.environ, 'OMP_NUM_THREADS': '1'})
    assert r.returncode == 0, r.stderr[-3000:]
    m = json.loads((work/'results'/'nodev'/'metrics.json').read_text())
    assert (m['selected_on'], m['report'], m['dev']) == (None, 'test', None) and m['test']


def test_report_of_a_split_without_labels_is_refused_before_any_work(work):
    world = work/'notest'
    shutil.copytree(work/'world', world, ignore=shutil.ignore_patterns('im_mind', 'truth', 'toy.json'))
    cmd = [IMREC_TRAIN, 'nrms', '--run', 'rt',
           '--results', str(work/'results'), '-p', 'data', str(world), '-p', 'assets', 'offline', '-p', 'report', 'test', *QUICK]
    r = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    assert r.returncode == 2 and 'has no labelled test split' in r.stderr, r.stderr[-2000:]
    assert not (work/'results'/'rt').exists()                          # refused before any file


def test_a_card_build_of_other_settings_is_refused_before_any_work(work):
    train(work, 'nrms_im', 'cards0') if not (work/'world'/'im_mind').is_dir() else None   # the world's cards and cues exist
    other = work/'other_images'; other.mkdir(exist_ok=True)
    cmd = [IMREC_TRAIN, 'nrms_im', '--run', 'otherimages', '--results', str(work/'results'), '-p', 'data', str(work/'world'),
           '-p', 'images', str(other), *QUICK]
    r = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    assert r.returncode == 2 and 'holds cards built with other settings' in r.stderr and 'imrec_im_mind' in r.stderr, r.stderr[-2000:]
    assert not (work/'results'/'otherimages').exists()


IMREC_TABLES = str(Path(sys.executable).parent/'imrec_tables')


def test_a_table_grid_trains_its_runs_and_draws(work):
    "`imrec_tables` end to end: its grid hands every resolved parameter to imrec_train, trains, and writes the figure."
    cmd = [IMREC_TABLES, 'figure4', '--data', str(work/'world'), '--seeds', '1', '--results', str(work/'tables_results'),
           '--train_params', json.dumps({'epochs': 1, 'max_train_impressions': 30})]
    r = subprocess.run(cmd, cwd=work, capture_output=True, text=True, env={**os.environ, 'OMP_NUM_THREADS': '1'})
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    out = work/'tables_results'
    m = json.loads((out/'world_nrms_im_s0'/'metrics.json').read_text())
    assert m['epochs_run'] == 1 and (out/'tables'/'figure4_world.png').stat().st_size and (out/'tables'/'figure4_world_shares.md').is_file()
    # --tables_only: Table 3 from the runs done so far (the figure's NRMS-IM run), training nothing
    before = sorted(p.name for p in out.iterdir())
    r = subprocess.run([IMREC_TABLES, '3', '--tables_only', '--data', str(work/'world'), '--seeds', '1', '--results', str(out),
                        '--train_params', json.dumps({'epochs': 1, 'max_train_impressions': 30})],
                       cwd=work, capture_output=True, text=True)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    assert sorted(p.name for p in out.iterdir()) == before                     # no run folder made
    rows = {l.split('|')[1].strip(): l for l in (out/'tables'/'table3_world.md').read_text().splitlines() if l.startswith('| ')}
    assert f"{m['test']['auc']:.4f}" in rows['NRMS-IM'] and 'not run' in rows['NRMS'] and 'not run' in rows['FIM-IM'], rows
