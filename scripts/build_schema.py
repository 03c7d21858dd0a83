"""Write suqian_report/report.schema.json, the JSON Schema of a report, from the data model.

python scripts/build_schema.py           # rewrite
python scripts/build_schema.py --check   # exit 1 if the committed schema is not what the model gives
"""

from __future__ import annotations

import json
import sys
import types
import typing
from dataclasses import fields, is_dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from suqian_report.core import model  # noqa: E402

OUT = ROOT / "suqian_report" / "report.schema.json"


def schema_of(tp, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is type(None):
        return {"type": "null"}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [schema_of(a, defs) for a in args]}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin is list:
        return {"type": "array", "items": schema_of(args[0], defs)}
    if origin is tuple:
        return {
            "type": "array",
            "prefixItems": [schema_of(a, defs) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if origin is dict:
        return {"type": "object", "additionalProperties": schema_of(args[1], defs)}
    if is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            hints = typing.get_type_hints(tp, vars(model))
            props = {f.name: schema_of(hints[f.name], defs) for f in fields(tp) if not f.name.startswith("_")}
            defs[name] = {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}
            if tp.__doc__ and not tp.__doc__.startswith(name + "("):
                defs[name]["description"] = " ".join(tp.__doc__.split())
        return {"$ref": f"#/$defs/{name}"}
    return {
        str: {"type": "string"},
        int: {"type": "integer"},
        float: {"type": "number"},
        bool: {"type": "boolean"},
        typing.Any: {},
    }[tp]


def build() -> dict:
    defs: dict = {}
    root = schema_of(model.Report, defs)
    report = defs.pop("Report")
    report["properties"]["schema_version"] = {"const": model.SCHEMA_VERSION}
    return (
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"suqian-report/report/{model.SCHEMA_VERSION}",
            "title": "suqian-report report",
            **report,
            "$defs": defs,
        }
        if root
        else {}
    )


def main() -> int:
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    if "--check" in sys.argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("schema is current" if same else "schema differs from the model: run scripts/build_schema.py")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
