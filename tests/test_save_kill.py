"""Killing Diptych in the middle of a save leaves the old or the new project on disk, whole.

A driver process builds two versions of a project, then many times forks a child that saves them
alternately in a loop, kills it with SIGKILL at a random moment and loads the file: it must always
be exactly one of the two versions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DRIVER = r'''
import json, os, random, signal, stat, sys, time
from pathlib import Path
from diptych.core.project import Article, ClaimSpan, Project
from diptych.core.project_file import load_project, project_to_json, save_project
from diptych.core.text import Document

path, kills, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
random.seed(seed)

def version(tag, lines):
    filler = "and then it says more " * 80
    text = "".join(f"Claim {k} of version {tag} says {filler}checkable.\n" for k in range(lines))
    claims, pos = [], 0
    for k, line in enumerate(text.splitlines(keepends=True)):
        claims.append(ClaimSpan(k, pos, pos + len(line) - 1))
        pos += len(line)
    doc = Document(text, f"{tag}.txt")
    p = Project(Article(doc, list(claims)), Article(doc, list(claims)), reviewer=tag)
    for c in claims[::7]:
        p.set_note(c.id, f"note {c.id} of {tag}")
    return p

def comparable(p):
    d = project_to_json(p)
    d.pop("modified"); d.pop("created")
    return json.dumps(d, sort_keys=True)

a, b = version("A", 250), version("B", 400)
expected = {"A": comparable(a), "B": comparable(b)}
save_project(a, path)
valid = mid_save = 0
for i in range(kills):
    r, w = os.pipe()
    in_fsync_r, in_fsync_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.close(in_fsync_r)
        real_fsync = os.fsync

        def slow_fsync(fd):  # a slow disk: the moments between write and rename last longer
            if stat.S_ISREG(os.fstat(fd).st_mode):  # the temporary file, not the folder
                os.write(in_fsync_w, b"f")  # tells the driver a temporary file is being written
            time.sleep(0.03)  # long enough that a kill lands inside it even on a loaded machine
            real_fsync(fd)

        os.fsync = slow_fsync
        k = 0
        while True:
            save_project(b if k % 2 == 0 else a, path)
            if k == 0:
                os.write(w, b"x")
            k += 1
    os.close(w)
    os.close(in_fsync_w)
    os.read(r, 1)
    os.close(r)
    if i % 2:  # every other kill lands while the new file is half written, whatever the machine's speed
        os.set_blocking(in_fsync_r, False)
        try:
            while os.read(in_fsync_r, 4096):  # forget the saves already done
                pass
        except BlockingIOError:
            pass
        os.set_blocking(in_fsync_r, True)
        os.read(in_fsync_r, 1)
        time.sleep(random.uniform(0, 0.01))
    else:  # the rest at any moment
        time.sleep(random.uniform(0, 0.02))
    os.kill(pid, signal.SIGKILL)
    os.close(in_fsync_r)
    os.waitpid(pid, 0)
    leftovers = [f for f in path.parent.iterdir() if f.name.startswith("." + path.name) and f.suffix == ".tmp"]
    mid_save += bool(leftovers)
    for f in leftovers:
        f.unlink()
    p = load_project(path)
    if comparable(p) == expected.get(p.reviewer):
        valid += 1
print(json.dumps({"kills": kills, "valid": valid, "mid_save": mid_save, "bytes": path.stat().st_size}))
'''


def test_killing_a_save_at_random_moments_never_breaks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "review.diptych"
    kills = 30
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(path), str(kills), "7"], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["valid"] == kills
    # half the kills land inside a save (a temporary file was left behind), so the test saw real cuts
    assert result["mid_save"] >= kills // 2
