"""The project installs as a user gets it: a built wheel, not only the editable checkout."""

from pathlib import Path


def test_a_built_wheel_holds_every_package_and_its_data(tmp_path):
    import shutil
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).resolve().parents[1]
    source = tmp_path / "source"  # a copy: a stale build/ in the checkout would hide a gap
    shutil.copytree(
        root, source, ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "out", "*.db")
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("ai_alliances-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {str(p.parent.relative_to(root)) for p in root.glob("[eg]*/**/__init__.py")}
    assert {"extract", "graph", "graph/store", "extract/relations"} <= packages
    missing = {p for p in packages if f"{p}/__init__.py" not in names}
    assert not missing, f"the wheel leaves out {sorted(missing)}"
    assert "extract/data/lexicon.toml" in names and "graph/data/diagram.toml" in names


def test_no_extraction_module_is_over_500_lines():
    # one module per concern, small enough to read whole (issue 11: the rule engine as a package)
    root = Path(__file__).resolve().parents[1] / "extract"
    sizes = {
        p.relative_to(root).as_posix(): len(p.read_text().splitlines()) for p in root.rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > 500} == {}
