"""pip install -e ".[dev]"  (metadata comes from settings.ini, the nbdev project file).

A built package (wheel, or `pip install .`) carries `nbs/train.ipynb` as `imrec/train.ipynb`, so `imrec_train` runs
without a checkout.
"""
from configparser import ConfigParser
from pathlib import Path
import shutil
import setuptools
from setuptools.command.build_py import build_py

cfg = ConfigParser(delimiters=['='])
cfg.read('settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']

licenses = {'apache2': ('Apache Software License 2.0', 'OSI Approved :: Apache Software License')}
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable',
            '6 - Mature', '7 - Inactive']
min_python = cfg['min_python']
lic = licenses[cfg['license']]
requirements = cfg.get('requirements', '').split()
dev_requirements = cfg.get('dev_requirements', '').split()
console_scripts = [s.strip() for s in cfg.get('console_scripts', '').split() if s.strip()]

class build_py_with_notebook(build_py):
    "build_py that also copies the experiment notebooks (one run; the tables' grids) into the built package."
    def run(self):
        super().run()
        for name in ('train.ipynb', 'tables.ipynb'):
            src = Path(__file__).resolve().parent/'nbs'/name
            if not src.is_file(): raise FileNotFoundError(f"{src}: the experiment notebook must ship with the package")
            dest = Path(self.build_lib)/cfg['lib_path']/name
            dest.parent.mkdir(parents=True, exist_ok=True); shutil.copyfile(src, dest)

setuptools.setup(
    name=cfg['lib_name'],
    version=cfg['version'],
    description=cfg['description'],
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    author=cfg['author'],
    author_email=cfg['author_email'],
    url=cfg['git_url'],
    license=lic[0],
    keywords=cfg['keywords'],
    classifiers=[
        'Development Status :: ' + statuses[int(cfg['status']) - 1],
        'Intended Audience :: ' + cfg['audience'],
        'License :: ' + lic[1],
        'Natural Language :: ' + cfg['language'],
        'Programming Language :: Python :: 3',
        'Programming Language :: Python :: 3 :: Only',
    ],
    packages=setuptools.find_packages(include=['imrec', 'imrec.*']),
    cmdclass={'build_py': build_py_with_notebook},
    include_package_data=True,
    install_requires=requirements,
    extras_require={'dev': dev_requirements},
    python_requires='>=' + min_python,
    entry_points={'console_scripts': console_scripts, 'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    zip_safe=False,
)
