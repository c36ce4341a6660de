"""pytest set-up for the whole repository (tests/ has its own conftest.py too).

Every executed notebook runs in a kernel prepared by ``tests/notebook_kernel.py``:
deprecation audit always, Colab's set-up path with ``--colab-kernel``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))

pytest_plugins = ["notebook_kernel"]
