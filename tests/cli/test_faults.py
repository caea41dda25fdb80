"""Faults while writing results, and targets simulate must not write (issue 9, items 1-2).

Every case asserts the exit code, a one-line message naming the file and the cause, and that
nothing is left behind or damaged. Everything happens inside a tempfile.mkdtemp() folder: file
systems are mounted there (root only; skipped cleanly where mount is not permitted), device
nodes and FIFOs are made there, never in the machine's own /dev or /tmp.
"""
import errno
import os
import pathlib
import re
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time

import h5py
import pytest

from conftest import SIMULATE, SMALL, SOURCE, simulate

HAGUE = SOURCE / "scenarios/hague.yaml"
ROOT = os.geteuid() == 0
TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.simulate-tmp\.(?P<pid>\d+)(-\d+)?\.(?P<host>.+)$")


@pytest.fixture
def folder():
    """A fresh folder from tempfile.mkdtemp(), removed afterwards (after any unmount)."""
    path = pathlib.Path(tempfile.mkdtemp(prefix="rampup_faults_"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def mount_tmpfs(where, options):
    """Mounts a tmpfs at `where` (root only); skips the test if mounting is not permitted."""
    if not ROOT:
        pytest.skip("mounting a tmpfs needs root")
    where.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"mount not permitted here: {proc.stderr.strip()}")


def unmount(where):
    if os.path.ismount(where):
        if subprocess.run(["umount", str(where)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture
def tiny_fs(folder):
    """A 256 kB tmpfs: a results file of the Hague scenario does not fit."""
    mnt = folder / "tiny"
    mount_tmpfs(mnt, "size=256k,mode=0755")
    yield mnt
    unmount(mnt)


@pytest.fixture
def read_only_folder(folder):
    """A folder nobody may write into: a read-only tmpfs when root (root ignores permission
    bits), else a chmod 0555 folder."""
    ro = folder / "ro"
    if ROOT:
        mount_tmpfs(ro, "size=64k,mode=0755")
        (ro / "existing.txt").write_text("kept\n")
        subprocess.run(["mount", "-o", "remount,ro", str(ro)], check=True)
        yield ro
        unmount(ro)
    else:
        ro.mkdir()
        (ro / "existing.txt").write_text("kept\n")
        ro.chmod(0o555)
        yield ro
        ro.chmod(0o755)


def one_line_error(proc):
    """The stderr of a failed run: exactly one line, `simulate: error: ...`."""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("simulate: error: "), proc.stderr
    return lines[0]


def entries(path):
    return sorted(p.name for p in pathlib.Path(path).iterdir())


def text_attr(f, name):
    value = f.attrs[name]
    return value.decode() if isinstance(value, bytes) else str(value)


def assert_results_file(path, trials):
    with h5py.File(path, "r") as f:
        assert text_attr(f, "source").startswith("simulate ")
        assert int(f.attrs["trial_end"]) - int(f.attrs["trial_begin"]) == trials
    summary = simulate("summary", path, "--format", "csv")
    assert summary.returncode == 0


# --- disk full, quota, I/O error, file size limit ------------------------------------------

@pytest.mark.parametrize("save_trials", [False, True], ids=["summary", "save-trials"])
def test_full_filesystem_exits_1_with_one_line_and_leaves_nothing(tiny_fs, save_trials):
    out = tiny_fs / "hague.h5"
    extra = ["--save-trials"] if save_trials else []
    proc = simulate(HAGUE, "-n", 2000, "-j", 2, "-q", "-o", out, *extra, check=False)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)  # not SIGSEGV (-11)
    line = one_line_error(proc)
    assert str(out) in line and os.strerror(errno.ENOSPC) in line, line
    assert entries(tiny_fs) == []  # no target, no temporary file


def test_file_size_limit_exits_1_and_leaves_nothing(folder):
    """RLIMIT_FSIZE (works without root): EFBIG instead of a SIGXFSZ kill."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    out = folder / "hague.h5"
    proc = simulate(HAGUE, "-n", 2000, "-j", 2, "-q", "-o", out, check=False, preexec_fn=limit)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    line = one_line_error(proc)
    assert str(out) in line and os.strerror(errno.EFBIG) in line, line
    assert entries(folder) == []


FAULT_SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* Fails writes (or fsync) on simulate's temporary files with RAMPUP_FAULT_ERRNO. */
static int faulty(int fd, const char* op) {
  const char* at = getenv("RAMPUP_FAULT_AT");
  if (!at || strcmp(at, op) != 0) return 0;
  char link[64], name[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, name, sizeof name - 1);
  if (n <= 0) return 0;
  name[n] = 0;
  if (!strstr(name, ".simulate-tmp.")) return 0;
  errno = atoi(getenv("RAMPUP_FAULT_ERRNO"));
  return 1;
}
#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))
ssize_t write(int fd, const void* b, size_t n) {
  if (faulty(fd, "write")) return -1;
  return NEXT(write)(fd, b, n);
}
ssize_t pwrite(int fd, const void* b, size_t n, off_t o) {
  if (faulty(fd, "write")) return -1;
  return NEXT(pwrite)(fd, b, n, o);
}
ssize_t pwrite64(int fd, const void* b, size_t n, off_t o) {
  if (faulty(fd, "write")) return -1;
  return NEXT(pwrite64)(fd, b, n, o);
}
int fsync(int fd) {
  if (faulty(fd, "fsync")) return -1;
  return NEXT(fsync)(fd);
}
"""


@pytest.fixture(scope="module")
def fault_shim(tmp_path_factory):
    """An LD_PRELOAD library that makes writes or fsync of the temporary file fail."""
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if not cc:
        pytest.skip("no C compiler for the fault-injection shim")
    d = tmp_path_factory.mktemp("shim")
    (d / "shim.c").write_text(FAULT_SHIM)
    subprocess.run([cc, "-shared", "-fPIC", "-O1", "-o", str(d / "shim.so"), str(d / "shim.c"),
                    "-ldl"], check=True, capture_output=True)
    return d / "shim.so"


@pytest.mark.parametrize("at", ["write", "fsync"])
@pytest.mark.parametrize("code", [errno.EIO, errno.EDQUOT, errno.ENOSPC],
                         ids=["EIO", "EDQUOT", "ENOSPC"])
def test_io_errors_exit_1_naming_the_cause(folder, fault_shim, code, at):
    """EIO and EDQUOT cannot be produced without special devices or quotas: an LD_PRELOAD shim
    fails the writes (HDF5's driver) or the fsync before the rename (a delayed error)."""
    out = folder / "small.h5"
    env = dict(os.environ, LD_PRELOAD=str(fault_shim), RAMPUP_FAULT_AT=at,
               RAMPUP_FAULT_ERRNO=str(code))
    proc = simulate(SMALL, "-n", 200, "-q", "-o", out, check=False, env=env)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    line = one_line_error(proc)
    assert str(out) in line and os.strerror(code) in line, line
    assert entries(folder) == []


# --- folders: read-only, missing, vanishing -------------------------------------------------

def test_read_only_folder_exits_1_before_running(read_only_folder):
    if not ROOT and os.access(read_only_folder, os.W_OK):
        pytest.skip("permission bits are not enforced here")
    out = read_only_folder / "small.h5"
    start = time.monotonic()
    proc = simulate(HAGUE, "-n", 200000, "-q", "-o", out, check=False)
    assert time.monotonic() - start < 10  # refused up front, not after the run
    assert proc.returncode == 1, proc.stderr
    line = one_line_error(proc)
    cause = os.strerror(errno.EROFS) if ROOT else os.strerror(errno.EACCES)
    assert str(out) in line and cause in line, line
    assert entries(read_only_folder) == ["existing.txt"]


def test_default_results_folder_that_cannot_be_made_exits_1(read_only_folder):
    if not ROOT and os.access(read_only_folder, os.W_OK):
        pytest.skip("permission bits are not enforced here")
    proc = simulate(SMALL, "-n", 100, "-q", check=False, cwd=read_only_folder)
    assert proc.returncode == 1, proc.stderr
    line = one_line_error(proc)
    assert "cannot create folder 'results'" in line, line
    assert entries(read_only_folder) == ["existing.txt"]


def test_missing_folder_exits_1(folder):
    out = folder / "no_such_folder" / "small.h5"
    proc = simulate(SMALL, "-n", 100, "-q", "-o", out, check=False)
    assert proc.returncode == 1
    line = one_line_error(proc)
    assert "no_such_folder" in line and "does not exist" in line, line
    assert entries(folder) == []


def wait_for_temp(where, proc, timeout=60.0, min_size=0):
    """Waits until `proc` has a temporary file in `where` (of at least min_size bytes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before it could be interrupted"
        for p in pathlib.Path(where).iterdir():
            if TEMP_NAME.match(p.name) and p.stat().st_size >= min_size:
                return p
        time.sleep(0.02)
    raise AssertionError("no temporary file appeared")


def start_big_run(out, *extra):
    """A run that writes per-trial data for several seconds."""
    return subprocess.Popen([SIMULATE, str(HAGUE), "-n", "200000", "--save-trials", "-j", "2",
                             "-q", "-o", str(out), *map(str, extra)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_folder_vanishing_mid_run_exits_1(folder):
    sub = folder / "sub"
    sub.mkdir()
    proc = start_big_run(sub / "big.h5")
    try:
        wait_for_temp(sub, proc)
        shutil.rmtree(sub)
        _, err = proc.communicate(timeout=300)
    finally:
        proc.kill()
    assert proc.returncode == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "big.h5" in lines[0] and "vanished" in lines[0], err
    assert entries(folder) == []


# --- SIGKILL and stale temporary files -----------------------------------------------------

def test_sigkill_leaves_a_named_temporary_that_the_next_run_removes(folder):
    out = folder / "big.h5"
    proc = start_big_run(out)
    try:
        temp = wait_for_temp(folder, proc, min_size=1 << 20)  # killed while writing
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == -signal.SIGKILL
    # Only the temporary file is left, and its name says what it is and whose it was.
    assert entries(folder) == [temp.name]
    m = TEMP_NAME.match(temp.name)
    assert m["name"] == "big.h5" and int(m["pid"]) == proc.pid
    assert m["host"] == socket.gethostname()

    nxt = simulate(SMALL, "-n", 100, "-o", folder / "next.h5", check=False)
    assert nxt.returncode == 0, nxt.stderr
    assert str(temp) in nxt.stderr and "removed" in nxt.stderr, nxt.stderr
    assert entries(folder) == ["next.h5"]


def test_temporaries_of_live_runs_are_kept(folder):
    proc = start_big_run(folder / "big.h5")
    try:
        temp = wait_for_temp(folder, proc)
        other = simulate(SMALL, "-n", 100, "-q", "-o", folder / "other.h5", check=False)
        assert other.returncode == 0 and "removed" not in other.stderr, other.stderr
        assert temp.exists()
        proc.send_signal(signal.SIGTERM)  # stops and removes its own temporary file
        proc.wait(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 1
    assert entries(folder) == ["other.h5"]


# --- racing runs -----------------------------------------------------------------------------

@pytest.mark.parametrize("existing", [False, True], ids=["new-target", "force-replace"])
def test_two_runs_racing_for_one_target_one_wins_the_other_exits_2(folder, existing):
    out = folder / "race.h5"
    extra = []
    if existing:
        simulate(SMALL, "-n", 50, "-q", "-o", out)
        extra = ["--force"]
    runs = [subprocess.Popen([SIMULATE, str(HAGUE), "-n", "20000", "--seed", str(seed), "-j", "1",
                              "-q", "-o", str(out), *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for seed in (1, 2)]
    results = [(p, *p.communicate(timeout=300)) for p in runs]
    codes = sorted(p.returncode for p, _, _ in results)
    assert codes == [0, 2], [(p.returncode, err) for p, _, err in results]
    winner = 1 if results[0][0].returncode == 0 else 2
    loser_err = next(err for p, _, err in results if p.returncode == 2)
    line = loser_err.strip().splitlines()
    assert len(line) == 1 and str(out) in line[0] and "while this run was writing" in line[0], loser_err
    assert entries(folder) == ["race.h5"]  # no temporary file of the loser
    assert_results_file(out, 20000)
    with h5py.File(out, "r") as f:
        assert text_attr(f, "seed") == str(winner)


# --- targets that must not be written ------------------------------------------------------

def make_special(folder, kind):
    path = folder / kind
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "chardev":
        if not ROOT:
            pytest.skip("mknod of a character device needs root")
        try:
            os.mknod(path, 0o644 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null, in our folder
        except PermissionError as e:
            pytest.skip(f"mknod not permitted: {e}")
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
        s.close()
    elif kind == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("kept\n")
    return path


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("kind,words", [("fifo", "FIFO"), ("chardev", "character device"),
                                        ("socket", "socket"), ("folder", "directory")])
def test_non_regular_targets_are_refused_with_exit_2(folder, kind, words, force):
    path = make_special(folder, kind)
    before = os.lstat(path)
    proc = simulate(SMALL, "-n", 50, "-q", "-o", path, *(["--force"] if force else []),
                    check=False)
    assert proc.returncode == 2, proc.stderr
    line = one_line_error(proc)
    assert str(path) in line and words in line, line
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino,
                                                           before.st_rdev)
    assert entries(folder) == [kind]
    if kind == "folder":
        assert entries(path) == ["inside.txt"]


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("content", ["text", "hdf5"])
def test_foreign_files_are_never_replaced(folder, content, force):
    path = folder / "foreign.h5"
    if content == "text":
        path.write_text("somebody's notes\n")
    else:
        with h5py.File(path, "w") as f:
            f["x"] = [1, 2, 3]
            f.attrs["format_version"] = 1  # even with our attribute name: no "simulate" source
    data = path.read_bytes()
    proc = simulate(SMALL, "-n", 50, "-q", "-o", path, *(["--force"] if force else []),
                    check=False)
    assert proc.returncode == 2, proc.stderr
    line = one_line_error(proc)
    assert str(path) in line and "not a results file" in line, line
    assert path.read_bytes() == data
    assert entries(folder) == ["foreign.h5"]


def test_force_replaces_a_results_file(folder):
    out = folder / "r.h5"
    simulate(SMALL, "-n", 50, "-q", "-o", out)
    again = simulate(SMALL, "-n", 60, "-q", "-o", out, check=False)
    assert again.returncode == 2 and "--force" in again.stderr
    simulate(SMALL, "-n", 70, "-q", "-o", out, "--force")
    assert_results_file(out, 70)
    assert entries(folder) == ["r.h5"]


def test_symlinks_are_written_through_only_onto_results_files(folder):
    real = folder / "real"
    real.mkdir()
    simulate(SMALL, "-n", 50, "-q", "-o", real / "r.h5")
    (real / "notes.txt").write_text("notes\n")
    (folder / "link.h5").symlink_to("real/r.h5")
    (folder / "to_notes.h5").symlink_to("real/notes.txt")
    (folder / "dangling.h5").symlink_to("real/none.h5")

    plain = simulate(SMALL, "-n", 60, "-q", "-o", folder / "link.h5", check=False)
    assert plain.returncode == 2 and "--force" in plain.stderr
    ok = simulate(SMALL, "-n", 60, "-q", "-o", folder / "link.h5", "--force", check=False)
    assert ok.returncode == 0, ok.stderr
    assert (folder / "link.h5").is_symlink()  # the link stays; the file it points to is new
    assert_results_file(real / "r.h5", 60)

    for name, words in [("to_notes.h5", "not a results file"), ("dangling.h5", "does not exist")]:
        proc = simulate(SMALL, "-n", 60, "-q", "-o", folder / name, "--force", check=False)
        assert proc.returncode == 2, proc.stderr
        line = one_line_error(proc)
        assert name in line and words in line, line
    assert (real / "notes.txt").read_text() == "notes\n"
    assert not (real / "none.h5").exists()
    assert entries(real) == ["notes.txt", "r.h5"]
    assert entries(folder) == ["dangling.h5", "link.h5", "real", "to_notes.h5"]


def test_merge_refuses_the_same_targets(folder, small_results):
    fifo = make_special(folder, "fifo")
    proc = simulate("merge", "-o", fifo, "--force", small_results, check=False)
    assert proc.returncode == 2 and "FIFO" in proc.stderr, proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
