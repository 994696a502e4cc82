"""Execute notebooks as `nbdev_test` does and save them with their outputs, pruned to what a reader needs.

    python tools/refresh_outputs.py nbs/10_card.ipynb [nbs/14_cues.ipynb ...]

Cells run in `nbs/` like the tests (cells marked `#| eval: false` or `#| slow` are not run and keep no output). What is
kept: figures (PNG, shrunk to at most MAX_PNG_BYTES), tables and short text results. What is dropped: progress bars
and logs (stderr, and stdout longer than MAX_STREAM_LINES lines), warnings, and any single output over MAX_TEXT_CHARS.
The result is what `nbdev_clean` leaves unchanged, so CI's cleanliness check passes on it.
"""
import base64, io, sys, time
from pathlib import Path
from nbdev.process import NBProcessor
from nbdev.frontmatter import FrontmatterProc
from nbdev.config import get_config
from execnb.shell import CaptureShell
from execnb.nbio import read_nb, write_nb
from fastcore.xtras import working_directory

MAX_PNG_BYTES = 120_000      # per figure
MAX_STREAM_LINES = 25        # a printed summary, not a log
MAX_TEXT_CHARS = 6_000       # per text/html output

def _small_png(b64: str) -> str:
    "The PNG re-encoded at a smaller size until it is under MAX_PNG_BYTES."
    from PIL import Image
    data = base64.b64decode(b64)
    while len(data) > MAX_PNG_BYTES:
        im = Image.open(io.BytesIO(data)); im = im.resize((max(1, im.width * 3 // 4), max(1, im.height * 3 // 4)))
        buf = io.BytesIO(); im.save(buf, 'PNG', optimize=True); data = buf.getvalue()
    return base64.b64encode(data).decode()

def prune(outputs: list) -> list:
    "The outputs of one cell that are worth committing."
    kept = []
    for o in outputs:
        kind = o.get('output_type')
        if kind == 'stream':
            text = ''.join(o.get('text', ''))
            if o.get('name') != 'stdout' or text.count('\n') > MAX_STREAM_LINES or '\r' in text: continue
            kept.append(o); continue
        if kind not in ('display_data', 'execute_result'): continue      # errors never reach a saved notebook
        data = dict(o.get('data', {}))
        if 'image/png' in data: data = {'image/png': _small_png(''.join(data['image/png'])), 'text/plain': data.get('text/plain', '')}
        data = {k: v for k, v in data.items() if k in ('image/png', 'text/plain', 'text/html', 'text/markdown')
                and (k == 'image/png' or len(''.join(v)) <= MAX_TEXT_CHARS)}
        if not data or set(data) == {'text/plain'} and ''.join(data['text/plain']).startswith('<'): continue   # a bare repr
        kept.append({**o, 'data': data, 'metadata': {}})
    return kept

def refresh(path, skip_flags=None) -> float:
    "Run notebook `path` and write it back with pruned outputs; returns the seconds it took."
    path = Path(path).resolve()
    skip = set(skip_flags if skip_flags is not None else get_config().get('tst_flags', '').split())
    nb = NBProcessor(path, procs=FrontmatterProc, process=True).nb
    def _skip(cell):
        if cell.cell_type != 'code': return True
        d = getattr(cell, 'directives_', {}) or {}
        return d.get('eval:', [''])[0].lower() == 'false' or bool(skip & d.keys())
    t0 = time.time(); shell = CaptureShell(path)
    with working_directory(path.parent): shell.run_all(nb, exc_stop=True, preproc=_skip)
    saved = read_nb(path)
    for cell, ran in zip(saved.cells, nb.cells):
        if cell.cell_type != 'code': continue
        cell['outputs'] = prune(ran.get('outputs', []) if not _skip(ran) else [])
        cell['execution_count'] = None
    write_nb(saved, path)
    return time.time() - t0

if __name__ == '__main__':
    for p in sys.argv[1:]: print(f"{p}: {refresh(p):.0f} s")
