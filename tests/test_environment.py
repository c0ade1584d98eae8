"""pyproject.toml and environment.yml must list the same dependencies with the same ranges."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the checkout (tests run on a copy of its data)


def _normalise(spec: str) -> tuple[str, str]:
    spec = spec.split(";")[0].strip()
    match = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    assert match, f"cannot parse dependency {spec!r}"
    name, ranges = match.groups()
    return name.lower().replace("_", "-"), ranges.replace(" ", "")


def _pyproject_deps() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    specs = list(project["dependencies"])
    for items in project["optional-dependencies"].values():
        specs += [s for s in items if not s.startswith("accords")]
    return dict(_normalise(s) for s in specs)


def _environment_deps() -> dict[str, str]:
    deps: dict[str, str] = {}
    for raw in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        line = raw.split("#")[0].rstrip()
        match = re.match(r"^\s*-\s+(.+)$", line)
        if not match:
            continue
        item = match.group(1).strip()
        if item.endswith(":") or item.startswith("-e ") or item in {"pip", "conda-forge"}:
            continue
        name, ranges = _normalise(item)
        if name == "python":
            continue
        deps[name] = ranges
    return deps


def test_environment_yml_lists_exactly_the_pyproject_dependencies():
    assert _environment_deps() == _pyproject_deps()


def test_python_floor_agrees():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    floor = data["project"]["requires-python"]
    assert f"python {floor}" in env


def test_packaging_metadata_gives_no_deprecation_banner():
    # setuptools ≥ 77 warns on every install (`make lab`, `make test`) about a license table
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(data["project"]["license"], str)
    assert not any(c.startswith("License ::") for c in data["project"].get("classifiers", []))
    assert "setuptools>=77" in data["build-system"]["requires"]
