"""The repository stands alone: nothing in it cites a document or a path outside it.

Scans every git-tracked text file (without git: every file under the root except build*/,
results/ and hidden folders) for
  * machine paths and the research folder the project was started from (the patterns in
    OUTSIDE below, spelt in pieces so this file does not match itself);
  * the names of the research notes those held (policy, hdf5_clients, model_v2, slurm_mpi,
    performance, each + `.md`) unless written as a repository path `docs/NAME.md`;
and checks that what the files do cite resolves:
  * every `docs/...` path named exists;
  * every `docs/POLICY.md §N` / `§N.M` names a section of docs/POLICY.md (§6.N: an item of §6);
  * every "client step N" of docs/FORMAT.md (and every "step N" in a file citing them) is one of
    the numbered steps of its "Client compatibility notes".
What those documents hold: docs/POLICY.md (policy facts with URLs), docs/FORMAT.md (file layout
and client notes), docs/EVIDENCE.md (the evidence behind model v2).
"""
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
THIS = Path(__file__).resolve().relative_to(ROOT).as_posix()

# Spelled in pieces so that this file does not match its own patterns.
OUTSIDE = [
    re.compile(re.escape("/" + "work/")),
    re.compile(re.escape(".." + "/shared")),
    re.compile(re.escape("shared" + "/research")),
    re.compile(re.escape("shared" + "/data")),
]
NOTE_NAMES = ["policy", "hdf5_clients", "model_v2", "slurm_mpi", "performance"]
BARE_NOTE = re.compile(r"(?<!docs/)\b(?:" + "|".join(NOTE_NAMES) + r")\.md\b")
DOCS_PATH = re.compile(r"(?<![\w/.-])docs/[\w./-]*[\w]")
POLICY_REF = re.compile(r"docs/POLICY\.md((?:[\s,;/-]*§[\d.]+(?:-§?[\d.]+)?)+)")
CLIENT_STEP = re.compile(r"client steps? (\d+(?:\s*(?:[-–,]|and)\s*\d+)*)")
ANY_STEP = re.compile(r"\bsteps? (\d+(?:\s*(?:[-–,]|and)\s*\d+)*)")
CITES_STEPS = re.compile(r"client (?:steps?|compatibility notes)", re.I)


def tracked_files():
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], check=True,
                             capture_output=True).stdout.decode("utf-8")
        names = [n for n in out.split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file()]
        names = [n for n in names
                 if not re.match(r"(build[^/]*|results|\.[^/]*)/", n)]
    return sorted(n for n in names if n != THIS)


def text_files():
    files = {}
    for name in tracked_files():
        path = ROOT / name
        if not path.is_file():  # deleted in the work tree, not yet committed
            continue
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue
        try:
            files[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
    return files


FILES = text_files()


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


def numbers(run):
    """"5-9" -> 5..9, "3, 11-13" -> 3, 11, 12, 13."""
    out = []
    for part in re.split(r"\s*(?:,|and)\s*", run.strip()):
        m = re.fullmatch(r"(\d+)(?:\s*[-–]\s*(\d+))?", part)
        if m:
            out += range(int(m[1]), int(m[2] or m[1]) + 1)
    return out


def policy_sections():
    text = (ROOT / "docs" / "POLICY.md").read_text(encoding="utf-8")
    secs = set(re.findall(r"^##+ (\d+(?:\.\d+)?)\.? ", text, flags=re.M))
    section6 = text.split("\n## 6.", 1)[1].split("\n## ", 1)[0]
    secs |= {f"6.{n}" for n in re.findall(r"^(\d+)\. ", section6, flags=re.M)}
    return secs


def client_steps():
    text = (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8")
    notes = text.split("\n## Client compatibility notes", 1)[1].split("\n## ", 1)[0]
    return {int(n) for n in re.findall(r"^(\d+)\. ", notes, flags=re.M)}


def test_files_found():
    assert len(FILES) > 100 and "docs/MODEL.md" in FILES and "scenarios/hague.yaml" in FILES


def test_no_path_outside_the_repository():
    bad = [f"{name}:{line_of(text, m.start())}: {m.group(0)}"
           for name, text in FILES.items() for pat in OUTSIDE for m in pat.finditer(text)]
    assert not bad, "references outside the repository:\n" + "\n".join(bad)


def test_no_research_note_cited_by_bare_name():
    bad = [f"{name}:{line_of(text, m.start())}: {m.group(0)}"
           for name, text in FILES.items() for m in BARE_NOTE.finditer(text)]
    assert not bad, ("documents that are not in the repository (cite docs/POLICY.md, "
                     "docs/FORMAT.md or docs/EVIDENCE.md instead):\n" + "\n".join(bad))


def test_every_docs_path_exists():
    bad = []
    for name, text in FILES.items():
        for m in DOCS_PATH.finditer(text):
            path = m.group(0).rstrip(".")
            if not (ROOT / path).exists():
                bad.append(f"{name}:{line_of(text, m.start())}: {path}")
    assert not bad, "missing documents:\n" + "\n".join(bad)


def test_policy_sections_cited_exist():
    secs = policy_sections()
    assert {"1", "2.1", "2.2", "2.3", "4.2", "5.1", "5.2", "6", "6.10", "7"} <= secs
    bad, cited = [], 0
    for name, text in FILES.items():
        for m in POLICY_REF.finditer(text):
            for sec in re.findall(r"\d+(?:\.\d+)?", m.group(1)):
                cited += 1
                if sec not in secs:
                    bad.append(f"{name}:{line_of(text, m.start())}: §{sec} in '{m.group(0)}'")
    assert cited > 100
    assert not bad, "sections not in docs/POLICY.md:\n" + "\n".join(bad)


def test_format_client_steps_cited_exist():
    steps = client_steps()
    assert steps == set(range(1, max(steps) + 1)) and max(steps) >= 16
    bad, cited = [], 0
    for name, text in FILES.items():
        cites_steps = "docs/FORMAT.md" in text and CITES_STEPS.search(text) is not None
        for m in (ANY_STEP if cites_steps else CLIENT_STEP).finditer(text):
            for n in numbers(m.group(1)):
                cited += 1
                if n not in steps:
                    bad.append(f"{name}:{line_of(text, m.start())}: step {n}")
    assert cited > 20
    assert not bad, "steps not in docs/FORMAT.md \"Client compatibility notes\":\n" + "\n".join(bad)


@pytest.mark.parametrize("run,expected", [("5-9", [5, 6, 7, 8, 9]), ("3, 11-13", [3, 11, 12, 13]),
                                          ("6, 8", [6, 8]), ("14–15", [14, 15]), ("9", [9])])
def test_numbers(run, expected):
    assert numbers(run) == expected
