"""Builds that cannot collide or leave wreckage: real builds, started, raced, killed and
starved of disk in real processes, and what the next build finds."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import generator.mkdocs.publish
from generator.cli import main
from generator.mkdocs.lock import build_lock
from generator.mkdocs.publish import publish, recover_interrupted_publish
from generator.pipeline import build
from generator.pipeline import bundle as build_bundle
from generator.project import BuildBusy, Project, PublishError
from tests.conftest import ROOT, SHIPPED_DATA
from tests.sitebuild import stable_name

pytestmark = [
    pytest.mark.slow,
    # /proc, the parent-death signal and renameat2 are what is tested.
    pytest.mark.skipif(sys.platform != "linux", reason="Linux only"),
]


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def _build_args(
    out: Path, data: Path = SHIPPED_DATA, site: Path | None = None, build: Path | None = None
) -> list[str]:
    """`build` of `data` into `out/site` (or `site`), with `out/build` (or `build`) as its
    build folder."""
    return _command(
        "build",
        "--data",
        str(data),
        "--site-dir",
        str(site or out / "site"),
        "--build-dir",
        str(build or out / "build"),
    )


def _run(
    args: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, encoding="utf-8", timeout=300, check=False
    )


def _files(site: Path) -> list[str]:
    return sorted(
        stable_name(path.relative_to(site).as_posix()) for path in site.rglob("*") if path.is_file()
    )


def _tree(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _leftovers(out: Path) -> list[str]:
    """Staging folders in the build folder and new-site copies beside the site."""
    found = [*(out / "build").glob("staging*"), *out.glob(".site.incoming-*")]
    return sorted(path.name for path in found)


def _proc_stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


def _living(text: str) -> list[int]:
    """Processes, not yet dead, whose command line contains `text` (the dead ones no one
    waits for stay as zombies, with an empty command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        stat = _proc_stat(int(entry.name))
        if text.encode() in cmdline and stat is not None and stat[0] not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def _children(pid: int) -> list[int]:
    return [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and (_proc_stat(int(entry.name)) or ("", 0))[1] == pid
    ]


def _wait_for(
    condition: Callable[[], bool], what: str, seconds: float, process: subprocess.Popen[str]
) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, (
            f"the process ended (code {process.returncode}) before {what}"
        )
        assert time.monotonic() < deadline, f"no {what} after {seconds} s"
        time.sleep(0.02)


def _mkdocs_writing(out: Path) -> bool:
    """Both MkDocs builds have started writing their work sites (the build cache's)."""
    return all(any((out / "build" / "cache" / "site" / lang).glob("*")) for lang in ("en", "ar"))


def _gone_soon(text: str, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while _living(text) and time.monotonic() < deadline:
        time.sleep(0.02)
    return _living(text)


def _break_data(data: Path) -> None:
    (data / "visits" / "2025-10-naqvi-iran.yml").write_text("id: [\n", encoding="utf-8")


# --- one build at a time ----------------------------------------------------------------


def test_a_second_build_refuses_at_once_and_the_first_publishes_a_whole_site(
    shipped_site: Path, tmp_path: Path
) -> None:
    with (tmp_path / "first.err").open("w", encoding="utf-8") as first_err:
        first = subprocess.Popen(
            _build_args(tmp_path), cwd=ROOT, stderr=first_err, encoding="utf-8"
        )
        lock = tmp_path / "build" / ".lock"
        _wait_for(
            lambda: lock.is_file() and lock.read_text(encoding="ascii").startswith(f"{first.pid} "),
            "lock held by the first build",
            60,
            first,
        )
        second = _run(_build_args(tmp_path))
        assert first.wait(timeout=300) == 0, (tmp_path / "first.err").read_text(encoding="utf-8")
    assert second.returncode == 1
    build_dir = (tmp_path / "build").resolve()
    assert second.stderr == (
        f"another build (pid {first.pid}) is running in {build_dir}; wait for it to finish\n"
    )
    assert _files(tmp_path / "site") == _files(shipped_site)
    assert _leftovers(tmp_path) == []


def test_the_lock_names_its_holder_and_dies_with_it(tmp_path: Path) -> None:
    project = Project.at(
        ROOT, data_dir=SHIPPED_DATA, site_dir=tmp_path / "site", build_dir=tmp_path / "build"
    )
    with build_lock(project.build_dir, "serve"), pytest.raises(BuildBusy) as refused:
        build(project, progress=lambda line: None)
    assert str(refused.value) == (
        f"a live preview (serve) (pid {os.getpid()}) is running in "
        f"{project.build_dir.resolve()}; stop it first"
    )
    assert sorted(path.name for path in project.build_dir.iterdir()) == [".lock"]
    with build_lock(project.build_dir / "bundle", "bundle"), pytest.raises(BuildBusy) as busy:
        build_bundle(project, lambda line: None, tmp_path / "dist")
    assert "an offline bundle build" in str(busy.value)
    assert not (tmp_path / "dist").exists()

    # A holder killed outright: the kernel lets the lock go with it.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from generator.mkdocs.lock import build_lock\n"
            "with build_lock(Path(sys.argv[1]), 'build'):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(60)\n",
            str(project.build_dir),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        encoding="utf-8",
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    with (
        pytest.raises(BuildBusy, match=f"another build \\(pid {holder.pid}\\)"),
        build_lock(project.build_dir, "build"),
    ):
        pass
    holder.kill()
    holder.wait()
    holder.stdout.close()
    with build_lock(project.build_dir, "build") as lock:
        assert lock.build_dir == project.build_dir


# --- killed and stopped builds ------------------------------------------------------------


def test_a_build_killed_during_mkdocs_leaves_no_process_and_the_next_one_cleans_up(
    shipped_site: Path, tmp_path: Path
) -> None:
    first = subprocess.Popen(
        _build_args(tmp_path), cwd=ROOT, stderr=subprocess.DEVNULL, encoding="utf-8"
    )
    _wait_for(lambda: _mkdocs_writing(tmp_path), "MkDocs output", 120, first)
    assert len([p for p in _living(str(tmp_path)) if p != first.pid]) == 2  # the two MkDocs
    first.kill()
    first.wait()
    assert _gone_soon(str(tmp_path), 2.0) == []
    # Ended by us, not done: a finished MkDocs build would have written its search index.
    assert list((tmp_path / "build").glob("cache/site/*/search/search_index.json")) == []

    second = _run(_build_args(tmp_path))
    assert second.returncode == 0, second.stderr
    assert "removed 1 folder(s) left by an interrupted build" in second.stderr
    assert _files(tmp_path / "site") == _files(shipped_site)
    assert _leftovers(tmp_path) == []


def test_sigterm_stops_a_build_and_removes_its_staging(shipped_site: Path, tmp_path: Path) -> None:
    old = tmp_path / "site"
    shutil.copytree(shipped_site, old)
    (old / "en" / "index.html").write_text("the old site\n", encoding="utf-8")
    before = _tree(old)
    build_run = subprocess.Popen(
        _build_args(tmp_path), cwd=ROOT, stderr=subprocess.PIPE, encoding="utf-8"
    )
    _wait_for(lambda: _mkdocs_writing(tmp_path), "MkDocs output", 120, build_run)
    build_run.send_signal(signal.SIGTERM)
    _, stderr = build_run.communicate(timeout=60)
    assert build_run.returncode == 130
    assert stderr.endswith("build stopped before it finished\n")
    assert "Traceback" not in stderr
    assert _living(str(tmp_path)) == []
    assert _leftovers(tmp_path) == []
    assert _tree(old) == before


# --- a publish cut in two ---------------------------------------------------------------


def test_a_publish_cut_between_its_renames_is_repaired_by_the_next_build(
    shipped_site: Path, data_copy: Path, tmp_path: Path
) -> None:
    # What a kill between `site -> site.previous` and `staging -> site` leaves.
    shutil.copytree(shipped_site, tmp_path / "site.previous")
    _break_data(data_copy)
    refused = _run(_build_args(tmp_path, data_copy))
    assert refused.returncode == 1
    site = tmp_path / "site"
    assert f"recovered {site} from an interrupted publish" in refused.stderr
    assert f"build refused: the data is invalid; {site} was left as it was" in refused.stderr
    assert _files(site) == _files(shipped_site)
    assert not (tmp_path / "site.previous").exists()

    # Cut after the second rename: the new site is whole, the old one is in the way.
    (tmp_path / "site.previous").mkdir()
    (tmp_path / "site.previous" / "stale.html").write_text("old\n", encoding="utf-8")
    lines: list[str] = []
    project = Project.at(ROOT, data_dir=data_copy, site_dir=site, build_dir=tmp_path / "build")
    assert not build(project, progress=lines.append).ok
    assert "removed 1 folder(s) left by an interrupted build" in lines
    assert not (tmp_path / "site.previous").exists()
    assert _files(site) == _files(shipped_site)


def _sites(tmp_path: Path) -> tuple[Path, Path]:
    staging = tmp_path / "build" / "staging-1"
    staging.mkdir(parents=True)
    (staging / "index.html").write_text("new\n", encoding="utf-8")
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("old\n", encoding="utf-8")
    (site / "only-old.html").write_text("old\n", encoding="utf-8")
    return staging, site


@pytest.mark.parametrize("how", ["exchange", "two renames"])
def test_publish_replaces_the_site_and_leaves_nothing_beside_it(
    tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if how == "exchange":
        assert generator.mkdocs.publish.exchange(tmp_path, tmp_path), "renameat2 unavailable here"
    else:
        monkeypatch.setattr(generator.mkdocs.publish, "_RENAMEAT2", None)
    staging, site = _sites(tmp_path)
    publish(staging, site)
    assert _tree(site) == {"index.html": b"new\n"}
    _only_the_site_beside(site)
    assert not staging.exists()


def _only_the_site_beside(site: Path) -> None:
    """Nothing but the site in its folder, once the old site's remover (a process of its own,
    `remove_later`, still at work when publish returns) has finished."""
    deadline = time.monotonic() + 30
    while len(list(site.parent.iterdir())) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(path.name for path in site.parent.iterdir()) == ["site"]


def test_an_old_site_a_remover_left_is_removed_by_the_next_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    left = tmp_path / f".site{generator.mkdocs.publish.OLD_PREFIX}123-abcd"
    (left / "people").mkdir(parents=True)
    (left / "people" / "index.html").write_text("old", encoding="utf-8")
    recover_interrupted_publish(site, lambda line: None)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_publish_that_fails_leaves_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generator.mkdocs.publish, "_RENAMEAT2", None)
    staging, site = _sites(tmp_path)
    before = _tree(site)
    real_rename = os.rename

    def failing_rename(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(target) == site and ".incoming-" in Path(source).name:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(source))
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", failing_rename)
    with pytest.raises(OSError, match="Input/output error"):
        publish(staging, site)
    assert _tree(site) == before
    assert sorted(path.name for path in site.parent.iterdir()) == ["site"]


def test_a_publish_that_cannot_be_undone_says_where_the_site_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generator.mkdocs.publish, "_RENAMEAT2", None)
    staging, site = _sites(tmp_path)
    before = _tree(site)
    real_rename = os.rename

    def failing_rename(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(target) == site:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(source))
        real_rename(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(os, "rename", failing_rename)
        with pytest.raises(PublishError) as failed:
            publish(staging, site)
    previous = site.with_name("site.previous")
    assert f"{site} is missing and the previous site is in {previous}" in str(failed.value)
    assert not site.exists()
    lines: list[str] = []
    recover_interrupted_publish(site, lines.append)
    assert lines == [f"recovered {site} from an interrupted publish"]
    assert _tree(site) == before


def test_publish_from_another_file_system_copies_first(tmp_path: Path) -> None:
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system to publish across")
    staging, site = _sites(tmp_path)
    elsewhere = Path(shutil.copytree(staging, shm / f"sijill-test-{os.getpid()}"))
    try:
        publish(elsewhere, site)
        assert _tree(site) == {"index.html": b"new\n"}
        _only_the_site_beside(site)
    finally:
        shutil.rmtree(elsewhere, ignore_errors=True)


# --- folders that cannot be written -------------------------------------------------------


def _one_clear_failure(completed: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    for text in expected:
        assert text in completed.stderr


def test_a_build_folder_inside_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder\n", encoding="utf-8")
    build_dir = tmp_path / "file" / "build"
    completed = _run(_build_args(tmp_path, build=build_dir))
    _one_clear_failure(
        completed,
        f"could not use the build folder {build_dir}: {build_dir}: Not a directory (ENOTDIR)",
    )
    assert not (tmp_path / "site").exists()


def test_a_site_folder_inside_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder\n", encoding="utf-8")
    completed = _run(_build_args(tmp_path, site=tmp_path / "file" / "site"))
    _one_clear_failure(completed, f"{tmp_path / 'file'} is not a folder")
    assert _leftovers(tmp_path) == []


@contextlib.contextmanager
def _immutable(path: Path) -> Iterator[None]:
    """`chattr +i`: what stops root from writing, where the file system supports it."""
    if shutil.which("chattr") is None:
        pytest.skip("no chattr")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"chattr +i does not work here: {made.stderr!r}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_an_immutable_site_folder_fails_the_publish_and_keeps_the_old_site(
    shipped_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    before = _tree(site)
    with _immutable(site):
        completed = _run(_build_args(tmp_path))
    _one_clear_failure(
        completed,
        f"build failed; {site} was left as it was:\ncould not publish to {site}: ",
        "Operation not permitted (EPERM)",
    )
    assert _tree(site) == before
    assert _leftovers(tmp_path) == []


def test_an_immutable_site_parent_fails_before_the_build(
    shipped_site: Path, tmp_path: Path
) -> None:
    parent = tmp_path / "out"
    shutil.copytree(shipped_site, parent / "site")
    before = _tree(parent / "site")
    with _immutable(parent):
        completed = _run(_build_args(tmp_path, site=parent / "site"))
    _one_clear_failure(completed, "Operation not permitted (EPERM)", "could not publish to")
    assert "checked" not in completed.stderr  # refused before the data was even read
    assert _tree(parent / "site") == before


def test_mkdocs_unable_to_write_is_one_line_per_language(
    shipped_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    before = _tree(site)
    # RLIMIT_FSIZE: a write past 100 kB fails with EFBIG, as root too. Our own files are
    # smaller; MkDocs copies Material's JavaScript, which is not.
    limited = [
        sys.executable,
        "-c",
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))\n"
        "from generator.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n",
        *_build_args(tmp_path)[3:],
    ]
    completed = _run(limited)
    _one_clear_failure(
        completed,
        f"build failed; {site} was left as it was:",
        "mkdocs build (en) failed: File too large: ",
        "mkdocs build (ar) failed: File too large: ",
        "(EFBIG)",
    )
    assert _tree(site) == before
    assert _leftovers(tmp_path) == []


def test_a_full_disk_while_writing_the_site(
    shipped_site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    before = _tree(site)
    real_write_text = Path.write_text

    def full_disk(path: Path, *args: object, **kwargs: object) -> int:
        if path.parent.name.startswith("staging-"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_write_text(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", full_disk)
    monkeypatch.chdir(ROOT)
    code = main(_build_args(tmp_path)[3:])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        f"build failed; {site} was left as it was:\ncould not write the site's root pages: " in err
    )
    assert "/index.html: No space left on device (ENOSPC)" in err
    assert _tree(site) == before
    assert _leftovers(tmp_path) == []


# --- the live preview ---------------------------------------------------------------------


def _free_port_pair() -> int:
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        if port < 65535 and _can_bind(port) and _can_bind(port + 1):
            return port
    raise AssertionError("no two free ports in a row")


def _can_bind(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        probe.listen()
        return True


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _project_environment(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path / "tmp")}


@contextlib.contextmanager
def _serving(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, Path]]:
    """`python -m generator serve` in a copy of the project, with its temporary folders in
    `tmp_path/tmp`; yields once both preview servers answer."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = _free_port_pair()
    environment = _project_environment(tmp_path)
    with (tmp_path / "serve.log").open("w", encoding="utf-8") as log:
        serve = subprocess.Popen(
            _command("serve", "--data", str(SHIPPED_DATA), "--port", str(port)),
            cwd=project,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            encoding="utf-8",
        )
        try:
            _wait_for(lambda: _listening(port) and _listening(port + 1), "preview", 120, serve)
            yield serve, port, project
        finally:
            if serve.poll() is None:
                serve.kill()
                serve.wait()


def _serve_log(tmp_path: Path) -> str:
    return (tmp_path / "serve.log").read_text(encoding="utf-8")


def test_serve_holds_the_build_folder_and_sigterm_ends_its_servers(tmp_path: Path) -> None:
    with _serving(tmp_path) as (serve, port, project):
        children = _children(serve.pid)
        assert len(children) == 2, children
        refused = _run(
            _command("build", "--data", str(SHIPPED_DATA)),
            cwd=project,
            env=_project_environment(tmp_path),
        )
        assert refused.returncode == 1
        assert refused.stderr == (
            f"a live preview (serve) (pid {serve.pid}) is running in "
            f"{(project / 'build').resolve()}; stop it first\n"
        )
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=60) == 0, _serve_log(tmp_path)
    assert [pid for pid in children if _proc_stat(pid) is not None] == []
    assert _can_bind(port) and _can_bind(port + 1)
    # Each preview server removed its temporary site: they ended cleanly, not killed.
    assert list((tmp_path / "tmp").glob("sijill-preview-*")) == []
    assert "Traceback" not in _serve_log(tmp_path)


def test_serve_killed_outright_takes_its_servers_with_it(tmp_path: Path) -> None:
    with _serving(tmp_path) as (serve, port, _project):
        children = _children(serve.pid)
        assert len(children) == 2, children
        serve.kill()
        serve.wait()
        deadline = time.monotonic() + 30
        # Their parent gone, nobody may wait for them: a zombie has ended too.
        while any((_proc_stat(pid) or ("Z", 0))[0] != "Z" for pid in children):
            assert time.monotonic() < deadline, "a preview server outlived serve"
            time.sleep(0.05)
    assert _can_bind(port) and _can_bind(port + 1)
    assert list((tmp_path / "tmp").glob("sijill-preview-*")) == []
