"""Run every notebook in nbs/ as a test, as `nbdev_test` does, so pytest reports one result per notebook.

    pytest tests                 # the default suite (cells flagged `#| slow` are skipped)
    pytest tests --flags slow    # also the slow cells (benchmarks at MIND scale)
"""
from pathlib import Path
import pytest
import nbdev.test as nbtest          # the module, not test_nb itself, or pytest would collect it
from nbdev.config import get_config

NBS = Path(__file__).resolve().parent.parent / 'nbs'
NOTEBOOKS = sorted(p for p in NBS.glob('*.ipynb') if not p.name.startswith('_'))

@pytest.mark.parametrize('nb', NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook(nb, request):
    skip = get_config(path=NBS).get('tst_flags', '').split()
    ok, secs = nbtest.test_nb(nb, skip_flags=skip, force_flags=request.config.getoption('--flags').split())
    assert ok, f"{nb.name} failed (traceback above)"
