"""The git commit stamp is taken at build time (cmake/GitStamp.cmake, run by the rampup_git_stamp
target on every build): a new commit or a change of dirtiness rewrites the header, nothing else
does (so nothing recompiles needlessly). Exercised on a throwaway repository."""
import pathlib
import re
import shutil
import subprocess
import tempfile

import pytest

from conftest import SIMULATE, SOURCE

SCRIPT = SOURCE / "cmake/GitStamp.cmake"


def stamp(repo, header):
    subprocess.run(["cmake", f"-DSOURCE_DIR={repo}", f"-DOUTPUT={header}", "-P", str(SCRIPT)],
                   check=True, capture_output=True)
    return re.search(r'GIT_COMMIT = "([^"]*)"', header.read_text()).group(1)


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t",
                           *args], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo():
    if not shutil.which("git") or not shutil.which("cmake"):
        pytest.skip("needs git and cmake")
    path = pathlib.Path(tempfile.mkdtemp(prefix="rampup_stamp_"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_stamp_follows_commits_and_dirtiness_and_rewrites_only_on_change(repo):
    src, header = repo / "src", repo / "out" / "sim" / "git_commit.h"
    src.mkdir()
    assert stamp(src, header) == "unknown"  # not a checkout
    git(src, "init", "-q")
    (src / "a.txt").write_text("1\n")
    git(src, "add", "a.txt")
    git(src, "commit", "-qm", "one")
    first = git(src, "rev-parse", "--short=12", "HEAD")
    assert stamp(src, header) == first
    mtime = header.stat().st_mtime_ns
    assert stamp(src, header) == first and header.stat().st_mtime_ns == mtime  # not rewritten
    (src / "untracked.txt").write_text("x\n")
    assert stamp(src, header) == first  # untracked files do not make it dirty
    (src / "a.txt").write_text("2\n")
    assert stamp(src, header) == first + "-dirty"
    git(src, "commit", "-qam", "two")
    second = git(src, "rev-parse", "--short=12", "HEAD")
    assert second != first and stamp(src, header) == second


def test_the_built_program_carries_the_stamp_of_its_build():
    built = (pathlib.Path(SIMULATE).parents[2] / "generated/sim/git_commit.h")
    if not built.exists():
        pytest.skip("not the build tree's simulate")
    commit = re.search(r'GIT_COMMIT = "([^"]*)"', built.read_text()).group(1)
    version = subprocess.run([SIMULATE, "--version"], capture_output=True, text=True).stdout
    assert f"(git {commit})" in version
