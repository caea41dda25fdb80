"""`cmake --install` into a fresh prefix gives a working `simulate`, the scenarios with their data,
the analysis package and a modulefile (docs/HPC.md, "Installing"). The build folder comes from
RAMPUP_BUILD_DIR (set by ctest)."""
import os
import pathlib
import subprocess

import h5py

BUILD = pathlib.Path(os.environ.get("RAMPUP_BUILD_DIR", pathlib.Path(__file__).parents[2] / "build"))


def test_install_into_a_prefix_runs_the_reference_scenario(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", str(BUILD), "--prefix", str(prefix)], check=True,
                   capture_output=True)
    share = prefix / "share/rampup"
    work = tmp_path / "work"  # anywhere: the installed scenario finds its calibration file
    work.mkdir()
    run = subprocess.run([str(prefix / "bin/simulate"), str(share / "scenarios/hague.yaml"),
                          "-n", "200", "-q", "-o", "out.h5"], cwd=work, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    with h5py.File(work / "out.h5", "r") as f:
        assert int(f.attrs["trials"]) == 200
    env = dict(os.environ, PYTHONPATH=str(share / "python"))
    imported = subprocess.run(["/usr/bin/python3", "-c", "import analysis.io as m; print(m.__file__)"],
                              cwd=work, env=env, capture_output=True, text=True, check=True)
    assert imported.stdout.strip().startswith(str(share / "python/analysis"))
    module = (prefix / "share/modulefiles/rampup").glob("*")
    text = next(module).read_text()
    assert f"prepend-path PATH {prefix}/bin" in text.replace("$prefix", str(prefix))
    assert "PYTHONPATH" in text
