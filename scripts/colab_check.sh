#!/usr/bin/env bash
# Execute one edition's notebooks the way a Colab reader runs them: in the
# current Python (Colab's runtime image in CI), after installing only what the
# set-up cell installs in Colab, ptbook[colab]. No execution cache is used.
#
#   bash scripts/colab_check.sh en    # or ko; writes _build/colab/
set -uo pipefail
cd "$(dirname "$0")/.."
edition="${1:?usage: colab_check.sh en|ko}"
out=_build/colab
mkdir -p "$out"
python3 -m pip install --quiet ".[colab]" "nbmake>=1.5" "pytest>=8"
python3 - <<'PY' | tee "$out/environment.txt"
import platform, torch, torchvision
print(f"Python {platform.python_version()}, torch {torch.__version__}, "
      f"torchvision {torchvision.__version__}, CUDA {torch.version.cuda}")
print("GPU:", torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none")
PY
python3 -m pytest --nbmake "book/$edition" -p no:cacheprovider \
  --junitxml="$out/junit-$edition.xml" 2>&1 | tee "$out/summary.txt"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
  echo "Colab check failed for book/$edition: see $out/summary.txt" >&2
fi
exit "$status"
