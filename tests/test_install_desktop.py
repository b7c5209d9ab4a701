"""`diptych install-desktop`: after it, a .diptych file is a Diptych project to the desktop and opens
Diptych; `--uninstall` leaves the user's data folder as it found it. Checked with the freedesktop tools
a desktop itself uses (xdg-mime, File::MimeInfo, desktop-file-validate, update-mime-database)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from diptych.desktop_integration import DESKTOP_FILE, MIME_TYPE, desktop_entry, exec_quote, launch_command
from diptych.resources import resource_path

TOOLS = {  # tool -> Debian package (Makefile SYSTEM_PACKAGES installs them)
    "xdg-mime": "xdg-utils",
    "mimetype": "libfile-mimeinfo-perl",
    "desktop-file-validate": "desktop-file-utils",
    "update-desktop-database": "desktop-file-utils",
    "update-mime-database": "shared-mime-info",
}


@pytest.fixture
def desktop_env(tmp_path: Path) -> dict[str, str]:
    missing = [f"{tool} (apt-get install {pkg})" for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    if missing:
        pytest.fail("desktop integration tools missing: " + ", ".join(missing) + "; `make test` installs them as root")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "KDE_", "GNOME_", "DESKTOP_SESSION", "DBUS_SESSION"))}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "home" / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "home" / "config"), XDG_DATA_DIRS="/usr/local/share:/usr/share",
               XDG_CONFIG_DIRS="/etc/xdg")
    Path(env["HOME"]).mkdir()
    return env


def diptych(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "diptych", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def xdg_mime(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(["xdg-mime", *args], env=env, capture_output=True, text=True, timeout=60)
    return out.stdout.strip()


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix() + ("/" if p.is_dir() else ""): (b"" if p.is_dir() else p.read_bytes())
            for p in sorted(root.rglob("*"))} if root.exists() else {}


def test_installed_file_type_opens_diptych_and_uninstall_removes_everything(
        desktop_env, tmp_path, reference_path, review_path) -> None:
    data = Path(desktop_env["XDG_DATA_HOME"])
    project = tmp_path / "review.diptych"  # a project as Diptych writes it
    made = diptych(desktop_env, "project", "create", str(reference_path), str(review_path), "-o", str(project))
    assert made.returncode == 0, made.stderr
    unnamed = tmp_path / "review-without-extension"
    unnamed.write_bytes(project.read_bytes())
    compact = tmp_path / "compact-json-project"  # the same type written by another tool, without spaces
    compact.write_text('{"format":"diptych.project","schema_version":1}', encoding="utf-8")
    plain = tmp_path / "data.json"
    plain.write_text('{"format": "something else"}\n', encoding="utf-8")
    assert xdg_mime(desktop_env, "query", "filetype", str(project)) != MIME_TYPE

    out = diptych(desktop_env, "install-desktop")
    assert out.returncode == 0, out.stderr
    assert xdg_mime(desktop_env, "query", "filetype", str(project)) == MIME_TYPE
    assert xdg_mime(desktop_env, "query", "filetype", str(unnamed)) == MIME_TYPE  # by content
    assert xdg_mime(desktop_env, "query", "filetype", str(compact)) == MIME_TYPE
    assert xdg_mime(desktop_env, "query", "filetype", str(plain)) == "application/json"
    assert xdg_mime(desktop_env, "query", "default", MIME_TYPE) == DESKTOP_FILE

    entry = data / "applications" / DESKTOP_FILE
    valid = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert valid.returncode == 0 and not valid.stdout.strip(), valid.stdout
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    program = exec_line.removeprefix("Exec=").split(" ")[0]
    assert os.path.isabs(program) and os.access(program, os.X_OK), exec_line
    assert exec_line.endswith(" %F")
    for size in ("16x16", "48x48", "256x256", "scalable"):
        assert list((data / "icons" / "hicolor" / size / "apps").glob("diptych.*"))
        assert list((data / "icons" / "hicolor" / size / "mimetypes").glob("application-x-diptych-project.*"))

    # Installing again (say, from a moved venv) updates in place; uninstall then leaves nothing behind.
    assert diptych(desktop_env, "install-desktop").returncode == 0
    out = diptych(desktop_env, "install-desktop", "--uninstall")
    assert out.returncode == 0, out.stderr
    assert tree(data) == {}
    assert xdg_mime(desktop_env, "query", "filetype", str(project)) != MIME_TYPE
    assert xdg_mime(desktop_env, "query", "default", MIME_TYPE) == ""


def test_uninstall_keeps_the_users_other_applications_and_types(desktop_env, tmp_path) -> None:
    data = Path(desktop_env["XDG_DATA_HOME"])
    (data / "applications").mkdir(parents=True)
    (data / "applications" / "other.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=Other\nExec=/usr/bin/true %f\nMimeType=application/x-other;\n")
    (data / "mime" / "packages").mkdir(parents=True)
    (data / "mime" / "packages" / "other.xml").write_text(
        '<?xml version="1.0"?>\n<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">'
        '<mime-type type="application/x-other"><comment>Other</comment><glob pattern="*.other"/></mime-type>'
        "</mime-info>\n")
    (data / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (data / "icons" / "hicolor" / "48x48" / "apps" / "other.png").write_bytes(b"\x89PNG other")
    subprocess.run(["update-mime-database", str(data / "mime")], check=True, capture_output=True)
    subprocess.run(["update-desktop-database", str(data / "applications")], check=True, capture_output=True)
    before = tree(data)
    other = tmp_path / "x.other"
    other.write_text("other\n")

    assert diptych(desktop_env, "install-desktop").returncode == 0
    assert diptych(desktop_env, "install-desktop", "--uninstall").returncode == 0
    assert tree(data) == before
    assert xdg_mime(desktop_env, "query", "filetype", str(other)) == "application/x-other"
    assert xdg_mime(desktop_env, "query", "default", "application/x-other") == "other.desktop"


def test_missing_resources_fail_in_one_line_and_write_nothing(desktop_env, tmp_path) -> None:
    empty = tmp_path / "resources"
    empty.mkdir()
    out = diptych({**desktop_env, "DIPTYCH_RESOURCES": str(empty)}, "install-desktop")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "missing" in out.stderr and "Traceback" not in out.stderr
    assert not Path(desktop_env["XDG_DATA_HOME"]).exists()


def test_exec_line_of_a_path_with_spaces_and_quotes_is_valid(tmp_path) -> None:
    program = '/opt/My Apps/Dip"tych $1/diptych'
    template = resource_path("linux", DESKTOP_FILE).read_text(encoding="utf-8")
    entry = tmp_path / DESKTOP_FILE
    entry.write_text(desktop_entry(template, [program]), encoding="utf-8")
    valid = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert valid.returncode == 0 and not valid.stdout.strip(), valid.stdout
    # Read back as the Desktop Entry Specification says: the string escapes first, then the quoting.
    value = re.sub(r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(m[1], m[1]),
                   exec_quote(program))
    assert value.startswith('"') and value.endswith('"')
    assert re.sub(r'\\(["`$\\])', r"\1", value[1:-1]) == program
    assert exec_quote("/usr/bin/diptych") == "/usr/bin/diptych"


def test_a_frozen_bundle_registers_its_own_executable(monkeypatch, tmp_path) -> None:
    exe = tmp_path / "Diptych" / "diptych"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert launch_command() == [str(exe)]


def test_an_installed_package_registers_its_gui_launcher() -> None:
    command = launch_command()
    assert Path(command[0]).is_absolute()
    assert Path(command[0]).name == "diptych-app"  # the test venv's console-less launcher
    assert Path(command[0]).parent == Path(os.path.abspath(sys.executable)).parent


def test_shipped_mime_definition_parses_and_claims_project_files() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(resource_path("linux", "org.diptych.Diptych.mime.xml")).getroot()
    kind = root.find("m:mime-type", ns)
    assert kind is not None and kind.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in kind.findall("m:glob", ns)] == ["*.diptych"]
    assert kind.find("m:sub-class-of", ns).get("type") == "application/json"  # type: ignore[union-attr]
    magic = kind.find("m:magic", ns)
    assert magic is not None and int(magic.get("priority", "50")) > 50
    assert '"format": "diptych.project"' in [m.get("value") for m in magic.findall("m:match", ns)]
