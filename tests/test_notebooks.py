"""Run every notebook in nbs/ as a test, as `nbdev_test` does, so pytest reports one result per notebook; and check
that the committed notebooks read as documents (markdown cells are markdown, figures are kept, outputs stay small).

    pytest tests                 # the default suite (cells flagged `#| slow` are skipped)
    pytest tests --flags slow    # also the slow cells (benchmarks at MIND scale)
"""
import json
from pathlib import Path
import pytest
import nbdev.test as nbtest          # the module, not test_nb itself, or pytest would collect it
from nbdev.config import get_config

NBS = Path(__file__).resolve().parent.parent / 'nbs'
NOTEBOOKS = sorted(p for p in NBS.glob('*.ipynb') if not p.name.startswith('_'))
# Notebooks whose figures a reader sees without running anything: at least this many PNG outputs each.
FIGURES = {'03_toy': 1, '10_card': 2, '11_cards': 1, '12_decompose': 1, '14_cues': 1, '21_nrms': 1, '32_learner': 1, '41_attention': 2}
MAX_OUTPUT_BYTES = 400_000   # all committed outputs of one notebook together


@pytest.mark.parametrize('nb', NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook(nb, request):
    skip = get_config(path=NBS).get('tst_flags', '').split()
    ok, secs = nbtest.test_nb(nb, skip_flags=skip, force_flags=request.config.getoption('--flags').split())
    assert ok, f"{nb.name} failed (traceback above)"


def commented_markdown(cells: list) -> list[int]:
    """Indices of markdown cells written as comment lines: two or more non-empty lines that all start with '#', or any
    line that is a heading written as a comment ('# ## Data') or a bare '#' (a commented blank line)."""
    bad = []
    for i, c in enumerate(cells):
        if c.get('cell_type') != 'markdown': continue
        lines = ''.join(c.get('source', '')).splitlines()
        text = [l for l in lines if l.strip()]
        if (len(text) >= 2 and all(l.lstrip().startswith('#') for l in text)
                or any(l.rstrip() == '#' or l.startswith('# #') for l in lines)): bad.append(i)
    return bad


@pytest.mark.parametrize('nb', NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_markdown_is_markdown(nb):
    bad = commented_markdown(json.loads(nb.read_text(encoding='utf-8'))['cells'])
    assert not bad, f"{nb.name}: markdown cells {bad} are written as '# ' comment lines (they render as a wall of headings)"


def test_commented_markdown_is_caught():
    good = {'cell_type': 'markdown', 'source': ['# A title\n', '\n', '> What this notebook does.']}
    heading = {'cell_type': 'markdown', 'source': ['## Only a heading']}
    planted = {'cell_type': 'markdown', 'source': ['# ## Layers\n', '#\n', '# Every softmax over a padded axis gets the mask.']}
    one_line = {'cell_type': 'markdown', 'source': ['# ## Data']}
    mixed = {'cell_type': 'markdown', 'source': ['Some prose.\n', '#\n', '# more prose, commented']}
    title_only = {'cell_type': 'markdown', 'source': ['# A one-line title']}
    code = {'cell_type': 'code', 'source': ['# a comment\n', '# another\n', 'x = 1']}
    assert commented_markdown([good, heading, title_only, code]) == []
    assert commented_markdown([good, planted, heading, planted, one_line, mixed]) == [1, 3, 4, 5]


def _outputs(nb: Path) -> list:
    return [o for c in json.loads(nb.read_text(encoding='utf-8'))['cells'] if c['cell_type'] == 'code' for o in c.get('outputs', [])]


@pytest.mark.parametrize('name', sorted(FIGURES))
def test_figures_are_kept(name):
    nb = NBS / f'{name}.ipynb'
    assert nb.is_file(), f"{nb} is missing"
    pngs = sum('image/png' in o.get('data', {}) for o in _outputs(nb))
    assert pngs >= FIGURES[name], (f"{nb.name} keeps {pngs} figure(s), expected {FIGURES[name]}: "
                                   f"run `python tools/refresh_outputs.py nbs/{nb.name}` and commit")


@pytest.mark.parametrize('nb', NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_outputs_are_small_and_clean(nb):
    outs = _outputs(nb)
    size = sum(len(json.dumps(o)) for o in outs)
    assert size <= MAX_OUTPUT_BYTES, f"{nb.name}: {size:,} bytes of outputs (at most {MAX_OUTPUT_BYTES:,}): shrink the figures"
    kinds = {o.get('output_type') for o in outs}
    assert 'error' not in kinds, f"{nb.name} was saved with an error output"
    assert not [o for o in outs if o.get('output_type') == 'stream' and o.get('name') == 'stderr'], f"{nb.name} keeps stderr (logs, warnings)"
