"""The built wheel carries the contract files and works without the checkout.

A wheel is built from this checkout, installed into a fresh virtual
environment, and its ``tracking-codes`` command run from an empty folder with
no path to the checkout: so the files it finds are the ones inside the wheel.
The dependencies are not downloaded: the new environment sees the folders
where this interpreter finds them, through a ``.pth`` file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import jsonschema
import jsonschema_rs
import pytest
import yaml

REPOSITORY = Path(__file__).resolve().parents[1]
SCHEMA_FILES = sorted(p.name for p in (REPOSITORY / "schemas").glob("*.json"))


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; on failure, show what it printed."""
    process = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert process.returncode == 0, f"{args}\n{process.stdout}\n{process.stderr}"
    return process.stdout


def needs_hatchling() -> None:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        pytest.skip("hatchling is not installed, so no wheel can be built offline")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout, without network or build isolation."""
    needs_hatchling()
    out = tmp_path_factory.mktemp("wheel")
    run(
        sys.executable,
        *("-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"),
        *("--wheel-dir", out, REPOSITORY),
        cwd=out,
    )
    (built,) = out.glob("tracking_codes_contract-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A fresh environment holding the wheel; dependencies seen from this one."""
    root = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", "--without-pip", root, cwd=root)
    python = root / "bin" / "python"
    purelib = purelib_of(python, cwd=root)
    folders = {home_of(module) for module in (jsonschema, jsonschema_rs, yaml)}
    (purelib / "dependencies.pth").write_text("\n".join(sorted(folders)) + "\n")
    run(
        sys.executable,
        *("-m", "pip", "--python", python, "install", "--no-deps", "--no-index"),
        # The folders seen through the .pth file may hold an installed copy
        # of this very package (CI installs it); install the wheel regardless.
        *("--ignore-installed", wheel),
        cwd=root,
    )
    return root


def home_of(module: ModuleType) -> str:
    """The folder a module was imported from, such as site-packages."""
    return str(Path(str(module.__file__)).resolve().parents[1])


def purelib_of(python: Path, cwd: Path, env: dict[str, str] | None = None) -> Path:
    """The site-packages folder of an interpreter."""
    script = "import sysconfig; print(sysconfig.get_path('purelib'))"
    return Path(run(python, "-c", script, cwd=cwd, env=env).strip())


def clean_env() -> dict[str, str]:
    """This environment less anything that would lead back to the checkout."""
    return {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")
    }


def test_wheel_carries_openapi_and_every_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())

    assert "tracking_codes/contract/openapi.yaml" in names
    for name in SCHEMA_FILES:
        assert f"tracking_codes/contract/schemas/{name}" in names


def test_installed_package_reads_its_own_files(venv: Path, tmp_path: Path) -> None:
    script = (
        "import json, tracking_codes, tracking_codes.resources as r;"
        "print(json.dumps([tracking_codes.__file__, str(r.contract_root()),"
        " list(r.schema_names())]))"
    )

    output = run(venv / "bin" / "python", "-c", script, cwd=tmp_path, env=clean_env())

    package, root, schemas = json.loads(output)
    site_packages = purelib_of(venv / "bin" / "python", tmp_path, clean_env())
    assert Path(package).is_relative_to(site_packages)
    assert Path(root) == site_packages / "tracking_codes" / "contract"
    assert schemas == SCHEMA_FILES
    assert not Path(root).is_relative_to(REPOSITORY)


def test_installed_command_accepts_the_vendor_example(
    venv: Path, tmp_path: Path, vendor_body: dict[str, object]
) -> None:
    (tmp_path / "vendor.json").write_text(json.dumps(vendor_body), encoding="utf-8")

    output = run(
        venv / "bin" / "tracking-codes",
        *("validate", "--site", "control-hub", "vendor.json"),
        cwd=tmp_path,
        env=clean_env(),
    )

    assert output == "vendor.json: valid\n"


def test_installed_command_rejects_a_body_breaking_r3(
    venv: Path, tmp_path: Path, vendor_body: dict[str, object]
) -> None:
    body = vendor_body | {"hostProfileCode": "adminSet"}
    (tmp_path / "r3.json").write_text(json.dumps(body), encoding="utf-8")

    process = subprocess.run(
        [venv / "bin" / "tracking-codes", "validate", "--json", "r3.json"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    (record,) = json.loads(process.stdout)
    assert process.returncode == 1
    assert [v["rule"] for v in record["violations"]] == ["R3", "R3"]
