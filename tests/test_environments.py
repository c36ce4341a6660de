"""The environments the book is proven in: the lock, Colab's versions, the floors.

- ``requirements.txt`` (the lock) pins every package with hashes, and holds every
  requirement of ``requirements.in`` and of ptbook (installed with ``--no-deps``).
- ``constraints/colab.txt`` is what ``scripts/colab_constraints.py`` makes from
  Colab's published freeze, with its date; the floors in ``pyproject.toml`` are
  Colab's versions, and the ``[colab]`` extra is exactly what Colab lacks.
"""

from __future__ import annotations

import re

import colab_constraints
import colab_env
import pytest
from bookfiles import ROOT

LOCK = ROOT / "requirements.txt"
PINNED_WITH_HASH = re.compile(
    r"^([A-Za-z0-9._-]+)==(\S+) \\\n(\s+--hash=sha256:[0-9a-f]{64})", re.M
)


def lock_versions() -> dict[str, str]:
    text = LOCK.read_text(encoding="utf-8")
    return {colab_env.normalise(n): v for n, v, _ in PINNED_WITH_HASH.findall(text)}


def test_every_package_in_the_lock_is_pinned_with_a_hash() -> None:
    text = LOCK.read_text(encoding="utf-8")
    entries = [line for line in text.splitlines() if line and not line[0].isspace()]
    entries = [line for line in entries if not line.startswith("#")]
    assert len(entries) > 100, "the lock should hold the whole build environment"
    unpinned = [e for e in entries if not re.fullmatch(r"[A-Za-z0-9._-]+==\S+ \\", e)]
    assert not unpinned, f"not pinned to one version with hashes: {unpinned[:5]}"
    assert len(lock_versions()) == len(entries), "an entry without a sha256 hash"


def test_the_lock_holds_every_direct_and_ptbook_requirement() -> None:
    locked = lock_versions()
    direct = [
        line.split("#")[0].strip()
        for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
    ]
    names = {colab_env.requirement_name(r) for r in direct if r}
    requirements = colab_env.project_requirements()
    names |= {colab_env.requirement_name(r) for r in requirements["core"] + requirements["book"]}
    missing = sorted(names - set(locked))
    assert not missing, f"requirements missing from the lock (run make lock): {missing}"


def test_the_lock_keeps_the_torch_releases_of_the_build_machines() -> None:
    locked = lock_versions()
    assert (locked["torch"], locked["torchvision"]) == ("2.14.1", "0.29.1")


FREEZE = """\
# comment
torch==2.11.0+cu128
torchvision==0.26.0+cu128
numpy==2.1.3
nvidia-cublas-cu12==12.8.4.1
cuda-bindings==12.9.7
nvidia-ml-py==13.610.43
google-colab @ file:///colabtools/dist/google_colab-1.0.0.tar.gz
"""


def test_constraints_drop_local_tags_urls_and_the_torch_builds_cuda_libraries() -> None:
    versions = colab_constraints.pinned_versions(FREEZE)
    assert versions == {
        "torch": "2.11.0",
        "torchvision": "0.26.0",
        "numpy": "2.1.3",
        "nvidia-ml-py": "13.610.43",
    }


def test_constraints_file_is_what_the_script_makes_and_records_its_date(tmp_path) -> None:
    (tmp_path / "pip-freeze.gpu.txt").write_text(FREEZE, encoding="utf-8")
    (tmp_path / "os-info-gpu.txt").write_text("Ubuntu 22.04\nPython 3.13.15\n", encoding="utf-8")
    out = tmp_path / "colab.txt"
    args = [str(tmp_path), "--date", "2026-08-19", "--output", str(out)]
    assert colab_constraints.main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert colab_constraints.read_header(text) == {"date": "2026-08-19", "python": "3.13.15"}
    assert "torch==2.11.0\n" in text and "cuda-bindings" not in text


def test_the_committed_constraints_record_colabs_date_and_python() -> None:
    header = colab_constraints.read_header(colab_env.CONSTRAINTS.read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", header["date"])
    assert re.fullmatch(r"3\.\d+(\.\d+)?", header["python"])


def floors(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9._-]+)>=(\S+)", requirement)
        assert match, f"{requirement}: a floor (>=) only, no cap and no pin"
        found[colab_env.normalise(match.group(1))] = match.group(2)
    return found


@pytest.mark.parametrize("group", ["core", "book"])
def test_floors_are_colabs_versions(group: str) -> None:
    colab = colab_env.colab_versions()
    for name, floor in floors(colab_env.project_requirements()[group]).items():
        if name in colab:
            assert floor == colab[name], f"{name}>={floor}, but Colab has {colab[name]}"


def test_the_colab_extra_is_exactly_what_colab_lacks() -> None:
    requirements = colab_env.project_requirements()
    colab = colab_env.colab_versions()
    needed = set(floors(requirements["core"] + requirements["book"]))
    lacking = {name for name in needed if name not in colab} - set(colab_env.OFFLINE_STANDINS)
    assert set(floors(requirements["colab"])) == lacking


def test_the_parity_environment_preinstalls_only_colabs_own_packages_at_its_versions() -> None:
    colab = colab_env.colab_versions()
    for pin in colab_env.preinstalled():
        name, version = pin.split("==")
        assert colab[name] == version
    names = {pin.split("==")[0] for pin in colab_env.preinstalled()}
    assert {"torch", "torchvision", "transformers"} <= names
    assert not names & {"ptbook", "torchinfo"}, "the set-up cell installs these"
