"""The workflows run what the README says, so that CI, publishing and docs cannot drift.

The README's set-up block names the two commands of a fresh machine
(``make book``, ``make test``); CI must run the test command, publishing the
build command with a required GPU and no execution cache, and the Colab check
must run in Colab's image without any cache. Every ``make`` target a workflow
calls exists in the Makefile. (``make lint`` runs actionlint over them.)
"""

from __future__ import annotations

import re

import pytest
import yaml
from bookfiles import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
MAKE = re.compile(r"\bmake\s+([a-z][\w-]*)((?:\s+[A-Z_]+=\S+)*)")


def readme_commands() -> list[str]:
    """Return the ``make`` targets of the README's set-up block, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up on a fresh machine", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, "README: no bash block under 'Set-up on a fresh machine'"
    return [m.group(1) for m in MAKE.finditer(block.group(1))]


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def make_calls(flow: dict) -> list[tuple[str, str]]:
    """Return (target, variables) of every ``make`` call in a workflow's steps."""
    calls = []
    for job in flow["jobs"].values():
        for step in job.get("steps", []):
            for match in MAKE.finditer(step.get("run", "")):
                calls.append((match.group(1), match.group(2).strip()))
    return calls


def uses(flow: dict) -> list[str]:
    return [s.get("uses", "") for job in flow["jobs"].values() for s in job.get("steps", [])]


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", text, re.M))


def test_readme_has_exactly_the_two_setup_commands() -> None:
    assert readme_commands() == ["book", "test"]


def test_ci_runs_the_readme_test_command_like_ci_run() -> None:
    assert ("test", "") in make_calls(workflow("ci.yml"))
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_publish_builds_with_the_readme_command_on_a_gpu_afresh() -> None:
    flow = workflow("publish.yml")
    calls = dict(make_calls(flow))
    assert "book" in calls, "publish.yml must build with `make book`"
    assert "REQUIRE_CUDA=1" in calls["book"] and "FRESH=1" in calls["book"]
    assert "actions/deploy-pages@v4" in uses(flow)
    assert not any("cache" in u for u in uses(flow)), "publishing must not restore a cache"


def test_colab_check_runs_in_colabs_image_without_a_cache() -> None:
    flow = workflow("colab.yml")
    (job,) = flow["jobs"].values()
    assert job["container"]["image"].startswith("us-docker.pkg.dev/colab-images/public/runtime")
    assert "--gpus all" in job["container"]["options"]
    assert [target for target, _ in make_calls(flow)] == ["colab-check"]
    assert not any("cache" in u or "download-artifact" in u for u in uses(flow))


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_make_target_a_workflow_calls_exists(name: str) -> None:
    missing = {t for t, _ in make_calls(workflow(name))} - makefile_targets()
    assert not missing, f"{name} calls make targets the Makefile lacks: {missing}"


def test_the_gpu_runner_is_configurable() -> None:
    for name in ("publish.yml", "colab.yml"):
        runs_on = next(iter(workflow(name)["jobs"].values()))["runs-on"]
        assert "vars.GPU_RUNNER" in runs_on and "self-hosted" in runs_on, name


def test_publish_refuses_the_placeholder_address_before_building() -> None:
    (job, *_) = workflow("publish.yml")["jobs"].values()
    runs = [step.get("run", "") for step in job["steps"]]
    check = next(i for i, run in enumerate(runs) if "set_repository.py --check" in run)
    build = next(i for i, run in enumerate(runs) if "make book" in run)
    assert check < build, "the address check must come before the build"


def test_newest_releases_workflow_tests_unlocked_weekly_and_files_an_issue() -> None:
    flow = workflow("newest.yml")
    triggers = flow.get("on") or flow.get(True)  # YAML 1.1 reads `on` as True
    assert "schedule" in triggers
    assert ("test", "LOCKED=0") in make_calls(flow)
    runs = " ".join(s.get("run", "") for job in flow["jobs"].values() for s in job["steps"])
    assert "gh issue create" in runs and "tail" in runs, "a failure opens an issue with the log"
    assert not any("cache" in u for u in uses(flow)), "the newest releases, not a cache"


def test_the_makefile_installs_from_the_lock_and_can_refresh_it() -> None:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.txt" in text
    assert "lock" in makefile_targets() and "uv pip compile requirements.in" in text
    assert "--generate-hashes" in text


def test_fresh_rebuilds_everything_whatever_build_held() -> None:
    """FRESH=1 clears the execution cache, executed notebooks, Sphinx's environment, HTML."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    fresh = re.search(r'if \[ "\$\(FRESH\)" = 1 \]; then \\\n\s*rm -rf ([^;]+);', text)
    assert fresh, "make book: no FRESH=1 clean-up"
    removed = set(fresh.group(1).split())
    expected = {"_build/.jupyter_cache", "_build/jupyter_execute", "_build/.doctrees"}
    assert expected | {"_build/html"} <= removed


def test_stress_build_runs_fresh_builds_beside_cpu_hogs() -> None:
    script = (ROOT / "scripts" / "stress_build.sh").read_text(encoding="utf-8")
    assert "make --no-print-directory book FRESH=1" in script
    assert 'runs="${RUNS:-3}"' in script and 'hogs="${HOGS:-2}"' in script
    assert "limit=$((3 * quiet))" in script
    assert "stress-build" in makefile_targets()
