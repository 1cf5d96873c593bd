"""This machine's floor for the first map: the baseline page (``app.py`` here), measured the
way ``bench.map_speed`` measures the app.

The machines these benchmarks run on differ from day to day: the same build's first map at
10 000 measures has measured 2.9 s on one and 1.3 s on another. The baseline page's figure,
printed beside the app's, tells which kind of machine a figure comes from.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.appserver import ROOT, start_app


@contextmanager
def start_baseline() -> Iterator[str]:
    """Serve the baseline page as the app is served (its ``.streamlit`` settings and ``static``
    folder, this checkout's ``safetymap``); yield its URL."""
    with tempfile.TemporaryDirectory(prefix="safetymap-baseline-") as folder:
        root = Path(folder)
        shutil.copy(Path(__file__).with_name("app.py"), root / "app.py")
        for shared in (".streamlit", "static"):
            (root / shared).symlink_to(ROOT / shared)
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        with start_app({"PYTHONPATH": path}, root=root) as url:
            yield url
