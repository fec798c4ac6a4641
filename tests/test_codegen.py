"""The schemas serve code generation, in Python and in TypeScript.

datamodel-code-generator turns ``schemas/`` into pydantic models, which must
import and carry the vendor's examples from ``openapi.yaml`` there and back
unchanged; json-schema-to-typescript turns them into declarations that
``tsc --noEmit`` accepts, together with the examples typed by them. All output
goes to temporary folders: generated code is never committed.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pydantic
import pytest
from node_tools import bin_path, run_node

from tracking_codes.resources import contract_root, load_openapi

SCHEMAS = Path(str(contract_root().joinpath("schemas")))
PACKAGE = "generated_contract_models"

#: Each vendor example of openapi.yaml, with the module and class it fits.
EXAMPLE_MODELS = {
    "trackingCodeRequest": (
        "tracking_code_request_schema",
        "CreateOrUpdateATrackingCodeRequestBody",
    ),
    "trackingCode": ("tracking_code_schema", "TrackingCode"),
    "trackingCodeList": ("tracking_code_list_schema", "TrackingCodeList"),
    "badRequest": ("error_schema", "Error"),
}

#: The TypeScript type each vendor example is declared with.
EXAMPLE_TYPES = {
    "trackingCodeRequest": (
        "tracking-code-request.schema",
        "CreateOrUpdateATrackingCodeRequestBody",
    ),
    "trackingCode": ("tracking-code.schema", "TrackingCode"),
    "trackingCodeList": ("tracking-code-list.schema", "TrackingCodeList"),
    "badRequest": ("error.schema", "Error"),
}


def vendor_example(name: str) -> Any:
    """The value of one of openapi.yaml's examples."""
    return load_openapi()["components"]["examples"][name]["value"]


# Python: datamodel-code-generator


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The folder in which the generated package can be imported."""
    folder = tmp_path_factory.mktemp("models")
    result = subprocess.run(
        [
            *(sys.executable, "-m", "datamodel_code_generator"),
            *("--input", str(SCHEMAS), "--input-file-type", "jsonschema"),
            *("--output", str(folder / PACKAGE)),
            *("--output-model-type", "pydantic_v2.BaseModel", "--use-annotated"),
            *("--formatters", "builtin", "--disable-timestamp"),
            *("--target-python-version", "3.11"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    sys.path.insert(0, str(folder))
    yield folder
    sys.path.remove(str(folder))
    for name in [m for m in sys.modules if m.split(".")[0] == PACKAGE]:
        del sys.modules[name]


def generated(module: str) -> ModuleType:
    """A module of the generated package."""
    return importlib.import_module(f"{PACKAGE}.{module}")


def test_a_model_is_generated_for_every_schema(models: Path) -> None:
    names = {p.name.replace(".schema.json", "") for p in SCHEMAS.iterdir()}
    modules = {p.stem.removesuffix("_schema") for p in (models / PACKAGE).glob("*.py")}
    assert {n.replace("-", "_").replace(".", "_") for n in names} <= modules


@pytest.mark.parametrize("example", sorted(EXAMPLE_MODELS))
def test_the_generated_models_round_trip_the_vendor_example(
    models: Path, example: str
) -> None:
    module, cls = EXAMPLE_MODELS[example]
    model: type[pydantic.BaseModel] = getattr(generated(module), cls)
    value = vendor_example(example)
    parsed = model.model_validate_json(json.dumps(value))
    assert parsed.model_dump(mode="json", exclude_unset=True) == value


def test_the_strict_model_takes_the_vendor_request(models: Path) -> None:
    module = generated("tracking_code_request_strict_schema")
    model = module.CreateOrUpdateATrackingCodeRequestBodyWithTheCrossFieldRules
    value = vendor_example("trackingCodeRequest")
    assert model.model_validate(value).model_dump(mode="json") == value


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "n" * 121),
        ("inputMode", "dropdown"),
        ("scheduleStartCodes", [{"service": "All", "type": "notUsed"}] * 6),
    ],
)
def test_the_generated_request_model_keeps_the_structural_limits(
    models: Path, field: str, value: Any
) -> None:
    module, cls = EXAMPLE_MODELS["trackingCodeRequest"]
    model: type[pydantic.BaseModel] = getattr(generated(module), cls)
    with pytest.raises(pydantic.ValidationError):
        model.model_validate({**vendor_example("trackingCodeRequest"), field: value})


# TypeScript: json-schema-to-typescript and tsc


def typed_examples() -> str:
    """A TypeScript module typing each vendor example, and one wrong body."""
    lines = []
    for example, (module, type_name) in sorted(EXAMPLE_TYPES.items()):
        lines.append(f'import type {{ {type_name} }} from "./{module}";')
        value = json.dumps(vendor_example(example), indent=2)
        lines.append(f"export const {example}: {type_name} = {value};")
    request = {**vendor_example("trackingCodeRequest"), "inputMode": "dropdown"}
    lines.append("// @ts-expect-error: the declarations know the four input modes")
    body = json.dumps(request)
    lines.append(
        f"export const wrong: CreateOrUpdateATrackingCodeRequestBody = {body};"
    )
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def declarations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of declarations json2ts made of every schema."""
    folder = tmp_path_factory.mktemp("declarations")
    pattern = str(SCHEMAS / "*.schema.json")
    command = [bin_path("json2ts"), "--cwd", str(SCHEMAS), "-i", pattern]
    result = run_node([*command, "-o", str(folder)])
    assert result.returncode == 0, result.stderr[-3000:]
    return folder


def test_json2ts_declares_every_schema(declarations: Path) -> None:
    made = {p.name.removesuffix(".d.ts") for p in declarations.glob("*.d.ts")}
    assert made == {p.name.removesuffix(".json") for p in SCHEMAS.iterdir()}


def test_tsc_accepts_the_declarations_and_the_typed_examples(
    declarations: Path,
) -> None:
    (declarations / "examples.ts").write_text(typed_examples(), encoding="utf-8")
    files = sorted(str(p) for p in declarations.glob("*.ts"))
    options = ["--noEmit", "--strict", "--target", "es2022"]
    options += ["--module", "esnext", "--moduleResolution", "bundler"]
    result = run_node([bin_path("tsc"), *options, *files], cwd=declarations)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
