"""Apps depend one way: core ← accounts ← articles ← claims ← reviews ← reports."""

import ast
from pathlib import Path

ORDER = ["core", "accounts", "articles", "claims", "reviews", "reports"]
PACKAGE = Path(__file__).resolve().parents[2] / "factcheck"


def upward_imports():
    for path in PACKAGE.rglob("*.py"):
        app = path.relative_to(PACKAGE).parts[0]
        if app not in ORDER:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("factcheck."):
                target = node.module.split(".")[1]
                if target in ORDER and ORDER.index(target) > ORDER.index(app):
                    yield f"{path.relative_to(PACKAGE)}:{node.lineno} imports {node.module}"


def test_no_app_imports_an_app_above_it():
    assert list(upward_imports()) == []
