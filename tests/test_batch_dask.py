"""`diptych batch --scheduler`: the same batch on a Dask cluster of two worker processes on
127.0.0.1, one of them killed mid-batch, gives the same summary and projects as local processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from distributed import Client, LocalCluster

from batch_helpers import REFERENCE, make_reviews
from diptych.core.batch_run import PARTIAL
from diptych.core.project_file import load_project, project_to_json


def rows_without_times(out: Path) -> list[dict[str, object]]:
    rows = [json.loads(line) for line in (out / "summary.jsonl").read_text(encoding="utf-8").splitlines()]
    for r in rows:
        r.pop("elapsed_s")
    return rows


def project_content(path: Path) -> dict[str, object]:
    data = project_to_json(load_project(path))
    data.pop("created"), data.pop("modified")
    return data


def test_dask_cluster_with_a_worker_killed_gives_the_same_summary(tmp_path: Path) -> None:
    n = 40
    reviews = [str(p) for p in make_reviews(tmp_path / "in", n)]
    reviews.insert(5, str(tmp_path / "in" / "missing.txt"))
    args = ["batch", "--reference", str(REFERENCE), *reviews]
    local = subprocess.run([sys.executable, "-m", "diptych", *args, "-o", str(tmp_path / "local"), "--jobs", "2"],
                           capture_output=True, text=True, timeout=300)
    assert local.returncode == 1, local.stderr  # the missing review
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=50) as cluster, Client(cluster) as client:
        pids = client.run(os.getpid)
        assert len(pids) == 2
        out = tmp_path / "cluster"
        proc = subprocess.Popen([sys.executable, "-m", "diptych", *args, "-o", str(out),
                                 "--scheduler", cluster.scheduler_address],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and proc.poll() is None:
                if (out / PARTIAL).is_file() and (out / PARTIAL).read_bytes().count(b"\n") >= 3:
                    break
                time.sleep(0.005)
            assert proc.poll() is None, "the batch ended before a worker could be killed"
            lines_at_kill = (out / PARTIAL).read_bytes().count(b"\n")
            os.kill(next(iter(pids.values())), signal.SIGKILL)
            stdout, stderr = proc.communicate(timeout=300)
            client.wait_for_workers(2, timeout=60)
            assert set(client.run(os.getpid).values()) != set(pids.values())  # one was replaced
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
    assert lines_at_kill < n + 1
    assert proc.returncode == 1, stderr
    assert f"{n + 1} pairs ({n + 1} reviewed now, 0 done before, 1 failed)" in stdout
    assert rows_without_times(out) == rows_without_times(tmp_path / "local")
    names = sorted(p.name for p in out.glob("*.diptych"))
    assert len(names) == n and names == sorted(p.name for p in (tmp_path / "local").glob("*.diptych"))
    for name in names[::7]:
        assert project_content(out / name) == project_content(tmp_path / "local" / name)
    assert not list(out.glob(".*.tmp"))  # no half-written file left
