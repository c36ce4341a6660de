#!/usr/bin/env bash
# Install local copies of the book's data sets where a package manager has them,
# so that the book builds without internet. Online machines do not need this:
# torchvision downloads what is missing.
set -euo pipefail

fashion_mnist=/usr/share/datasets/fashion-mnist
if [ -f "$fashion_mnist/train-images-idx3-ubyte.gz" ]; then
  echo "Fashion-MNIST: local copy present in $fashion_mnist"
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Fashion-MNIST: installing Debian's dataset-fashion-mnist"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist >/dev/null
else
  echo "Fashion-MNIST: no local copy; torchvision will download it (needs internet)."
  echo "  On Debian/Ubuntu without internet: sudo apt-get install dataset-fashion-mnist"
fi
