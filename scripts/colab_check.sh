#!/usr/bin/env bash
# Execute one edition's notebooks the way a Colab reader runs them, in the current
# Python (Colab's runtime image in the weekly workflow): nothing of the book is
# installed first. Each notebook runs alone in a fresh kernel that sees
# google.colab, so its set-up cell installs ptbook[colab] with its own %pip line,
# from this checkout (pytest --colab-kernel; see tests/notebook_kernel.py). Only
# the test harness is installed here. No execution cache is used.
#
#   bash scripts/colab_check.sh en    # or ko; writes _build/colab/
set -uo pipefail
cd "$(dirname "$0")/.."
edition="${1:?usage: colab_check.sh en|ko}"
out=_build/colab
mkdir -p "$out"
python3 -m pip install --quiet "nbmake>=1.5" "pytest>=8"
python3 -m pip uninstall --quiet --yes ptbook torchinfo 2>/dev/null
python3 - <<'PY' | tee "$out/environment.txt"
import importlib.metadata as m, platform
names = ["torch", "torchvision", "transformers", "huggingface_hub", "numpy"]
print(f"Python {platform.python_version()}, "
      + ", ".join(f"{n} {m.version(n)}" for n in names))
PY
python3 -m pytest --nbmake "book/$edition" --colab-kernel --uninstall-setup-packages \
  -p no:cacheprovider \
  --junitxml="$out/junit-$edition.xml" 2>&1 | tee "$out/summary.txt"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
  echo "Colab check failed for book/$edition: see $out/summary.txt" >&2
fi
exit "$status"
