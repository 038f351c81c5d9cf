"""``grade release``: the student kit holds no reference code and no hidden check, and still grades.

The kit is built once (the slow part: recording the answer key and verifying
the kit), then scanned file by file, graded with its own grader against the
corpus of mistakes (it must give the same verdicts as the full grader's public
checks), and installed into a fresh virtual environment where ``grade`` runs.
"""
from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import numpy as np
import pytest

from grader.checking import answer_key, reference
from grader import exercises
from grader.instructor import release
from grader.checking.answer_key import AnswerKey, AnswerKeyMiss, Store
from grader.instructor.record_keys import Recorder
from grader.checking.check import CheckFailed
from grader.checking.runner import grade

ROOT = exercises.ROOT
CORPUS = ROOT / "tests" / "corpus"


# ============================================================================ the kit, built once
@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "kit"
    summary = release.build(out)
    assert summary["hidden_removed"] > 0 and summary["public_checks"] > 0
    return out


def _hidden_checks() -> list[tuple[str, str]]:
    """(function name, English description) of every hidden check in the full grader."""
    found = []
    for path in sorted((ROOT / "grader" / "checks").glob("test_*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            for deco in node.decorator_list:
                if isinstance(deco, ast.Call) and getattr(deco.func, "id", None) == "check" and any(
                        kw.arg == "hidden" and getattr(kw.value, "value", False) for kw in deco.keywords):
                    desc = deco.args[1].args[0].value if len(deco.args) > 1 and isinstance(
                        deco.args[1], ast.Call) and isinstance(deco.args[1].args[0], ast.Constant) else ""
                    found.append((node.name, desc))
    return found


def _solution_lines() -> set[str]:
    """Lines of the reference solutions' functions and classes that no public file contains."""
    public = "\n".join(p.read_text(encoding="utf-8") for pattern in ("exercises/*.py", "grader/**/*.py",
                                                                      "dataset/*.py")
                       for p in ROOT.glob(pattern))
    lines = set()
    for path in (ROOT / "solutions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        source = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                for line in source[node.lineno:node.end_lineno]:
                    line = line.strip()
                    if len(line) >= 12 and line not in public:
                        lines.add(line)
    return lines


# ============================================================================ nothing leaks
def test_the_kit_has_no_solutions_no_caches_and_no_compiled_files(kit):
    for path in kit.rglob("*"):
        rel = path.relative_to(kit)
        assert "solutions" not in rel.parts, rel
        assert "__pycache__" not in rel.parts, rel
        assert path.suffix not in (".pyc", ".pyo"), rel
    assert not (kit / "solutions").exists()
    assert (kit / "exercises").is_dir() and (kit / "dataset" / "mnist.py").is_file()
    if (ROOT / "dataset" / "weights").is_dir():
        shipped = {p.name for p in (ROOT / "dataset" / "weights").iterdir() if p.is_file()}
        assert shipped <= {p.name for p in (kit / "dataset" / "weights").iterdir()}
    for ex in exercises.available():
        assert (kit / "exercises" / ex.filename).read_bytes() == (ROOT / "exercises" / ex.filename).read_bytes()


def test_no_file_of_the_kit_holds_reference_code(kit):
    secrets = _solution_lines()
    assert len(secrets) > 50  # the scan has something to look for
    for path in kit.rglob("*"):
        if path.is_file():
            data = path.read_bytes()  # every file: sources, answer keys, weights
            leaked = [line for line in secrets if line.encode() in data]
            assert not leaked, f"{path.relative_to(kit)} holds reference code: {leaked[:3]}"


def test_no_file_of_the_kit_names_a_hidden_check(kit):
    hidden = _hidden_checks()
    assert hidden
    for path in kit.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for name, description in hidden:
                assert name.encode() not in data, f"{path.relative_to(kit)} names {name}"
                if len(description) > 20:
                    assert description.encode() not in data, f"{path.relative_to(kit)}: {description}"


def test_kit_checks_are_the_public_checks_and_compile(kit):
    for path in sorted((ROOT / "grader" / "checks").glob("test_*.py")):
        kit_text = (kit / "grader" / "checks" / path.name).read_text(encoding="utf-8")
        compile(kit_text, path.name, "exec")
        assert "hidden=True" not in kit_text
        public = [n.name for n in ast.parse(path.read_text(encoding="utf-8")).body
                  if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")
                  and n.name not in {h for h, _ in _hidden_checks()}]
        kept = [n.name for n in ast.parse(kit_text).body if isinstance(n, ast.FunctionDef)
                and n.name.startswith("test_")]
        assert kept == public


def test_kit_pyproject_leaves_solutions_out(kit):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")
    data = tomllib.loads((kit / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["tool"]["setuptools"]["packages"]["find"]["include"] == ["grader*", "dataset*", "exercises*"]
    assert "answer_keys/*.json" in data["tool"]["setuptools"]["package-data"]["grader"]
    assert data["project"]["scripts"]["grade"] == "grader.cli:run"
    readme = (kit / "README.md").read_text(encoding="utf-8")
    assert "hidden" in readme
    assert "python -m dataset.mnist" in readme and "MNIST_DIR" in readme  # exercise 10 offline
    assert "0/7" in readme  # the kit's totals count its public checks only: the README says so


def test_answer_keys_are_plain_json_data(kit):
    keys = sorted((kit / "grader" / "answer_keys").glob("*.json"))
    assert {p.stem for p in keys} == {ex.module for ex in exercises.available()}
    for path in keys:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["format"] == answer_key.FORMAT and data["public_seed"]
        for entry in data["entries"].values():
            assert entry["kind"] in ("value", "raise", "ambiguous")


# ============================================================================ the kit grades
KIT_GRADE = r"""
import importlib.abc, json, sys
class NoSolutions(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "solutions" or name.startswith("solutions."):
            raise ImportError("no solutions in a kit")
sys.meta_path.insert(0, NoSolutions())
from pathlib import Path
from grader import exercises
from grader.checking import runner
out = []
for target, module in json.loads(sys.argv[1]):
    ex = next(e for e in exercises.available() if e.module == module)
    report = runner.grade([ex], Path(target), seed=5)
    out.append({"hidden_ran": report.hidden_ran,
                "checks": {c.name: [c.status, c.score, c.hint.en if c.hint else ""] for c in report.exercises[0].checks}})
print("KIT " + json.dumps(out))
"""


def _kit_grades(kit: Path, targets: list[tuple[Path, str]]) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if k not in ("GRADER_ANSWER_KEY", "PYTHONPATH")}
    env.update(PYTHONPATH=str(kit), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([sys.executable, "-c", KIT_GRADE, json.dumps([[str(t), m] for t, m in targets])],
                          cwd=kit.parent, env=env, capture_output=True, text=True, timeout=1200)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("KIT ")), None)
    assert line, proc.stderr[-3000:]
    return json.loads(line[4:])


def _corpus_cases(limit_per_exercise: int) -> list[tuple[Path, exercises.Exercise]]:
    cases = []
    for ex in exercises.available():
        if ex.number == 10:  # minutes per case (it trains on MNIST); the build verifies it on the reference
            continue
        folder = CORPUS / f"ex{ex.number:02d}"
        found = sorted(folder.glob("*.py")) if folder.is_dir() else []
        cases += [(path, ex) for path in (found if ex.number == 5 else found[:limit_per_exercise])]
    return cases


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no corpus")
def test_kit_gives_the_full_graders_public_verdicts_on_the_corpus(kit, tmp_path):
    """Every case of ex05, and a few of ex01-ex09: same status, score and hint per public check."""
    cases = _corpus_cases(limit_per_exercise=3)
    targets = []
    for path, ex in cases:
        folder = tmp_path / f"{ex.number:02d}-{path.stem}"
        folder.mkdir()
        source = (ROOT / "solutions" / ex.filename).read_text(encoding="utf-8") + "\n" + path.read_text("utf-8")
        (folder / ex.filename).write_text(source, encoding="utf-8")
        targets.append((folder, ex))
    in_kit = _kit_grades(kit, [(folder, ex.module) for folder, ex in targets])
    for (folder, ex), kit_result in zip(targets, in_kit):
        assert kit_result["hidden_ran"] is False
        full = grade([ex], folder, seed=5).exercises[0]
        public = {c.name: [c.status, c.score, c.hint.en if c.hint else ""] for c in full.checks if not c.hidden}
        assert kit_result["checks"] == public, folder.name


# ============================================================================ installed in a fresh venv
def _run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kwargs)


def test_kit_installs_in_a_fresh_venv_and_grades(kit, tmp_path):
    """A venv without the project (and without system packages): stubs 0, reference full, a mistake partial."""
    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--disable-pip-version-check"]
    deps = _run([*pip, "numpy", "pytest", "matplotlib", "rich", "setuptools>=64"])
    if deps.returncode != 0:
        pytest.skip(f"the kit's dependencies could not be installed from the package index: {deps.stderr[-500:]}")
    source = tmp_path / "kit-source"
    shutil.copytree(kit, source)
    installed = _run([*pip, "--no-deps", "--no-build-isolation", str(source)])
    assert installed.returncode == 0, installed.stderr[-3000:]

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GRADER_ANSWER_KEY", "VIRTUAL_ENV")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", LANG="C.UTF-8")
    work = tmp_path / "student"
    work.mkdir()
    probe = _run([str(python), "-c", "import grader, importlib.util; print(grader.__file__); "
                  "print(importlib.util.find_spec('solutions'))"], cwd=work, env=env)
    assert probe.returncode == 0, probe.stderr
    assert str(venv) in probe.stdout.splitlines()[0] and probe.stdout.splitlines()[1] == "None"

    ex05 = exercises.find("exercise-05")
    folders = {"stubs": ROOT / "exercises", "reference": ROOT / "solutions",
               "mistake": CORPUS / "ex05" / "mistake_sigmoid_sign.py"}
    scores = {}
    for label, origin in folders.items():
        target = work / label
        target.mkdir()
        if origin.is_dir():
            shutil.copy(origin / ex05.filename, target / ex05.filename)
        else:
            text = (ROOT / "solutions" / ex05.filename).read_text(encoding="utf-8") + "\n" + origin.read_text("utf-8")
            (target / ex05.filename).write_text(text, encoding="utf-8")
        run = _run([str(venv / "bin" / "grade"), "exercise-05", "--target", str(target), "--json", "-",
                    "--lang", "en"], cwd=work, env=env)
        assert run.returncode in (0, 1), run.stderr[-3000:]
        data = json.loads(run.stdout)
        (ex,) = data["exercises"]
        assert not any(c["hidden"] for c in ex["checks"])
        scores[label] = (ex["score"], ex["max_score"])
    assert scores["stubs"][0] == 0
    assert scores["reference"][0] == scores["reference"][1] > 0
    assert 0 < scores["mistake"][0] < scores["mistake"][1]

    text = _run([str(venv / "bin" / "grade"), "exercise-05", "--target", str(work / "reference"), "--lang", "en"],
                cwd=work, env=env)
    assert text.returncode == 0, text.stderr
    assert "Hidden checks run when your instructor grades" in text.stdout
    assert "all tests passed" not in text.stdout.lower()
    installed_stubs = _run([str(venv / "bin" / "grade"), "exercise-05", "--json", "-"], cwd=work, env=env)
    assert json.loads(installed_stubs.stdout)["score"] == 0


# ============================================================================ hidden checks cut out
CHECKS = '''\
"""exercise-99 (sample)."""
from grader.checking.check import T, check

EXERCISE = "exercise-99"
ONLY_HIDDEN = [1, 2, 3]
SHARED = 4


def _hidden_helper(x):
    return x + ONLY_HIDDEN[0]


def _shared_helper(x):
    return x * SHARED


@check(1, T("public one", "공개"))
def test_public(learner, ref):
    assert _shared_helper(1) == 4


# a comment about test_secret_random
@check(1, T("secret one", "비공개"), hidden=True)
def test_secret_random(learner, ref, rng):
    assert _hidden_helper(_shared_helper(1)) == 5


@check(1, T("public two", "공개 2"), timeout=30)
def test_public_two(learner):  # not test_secret_random
    pass
'''


def test_public_source_removes_hidden_checks_and_their_helpers():
    text, hidden = release.public_source(CHECKS, "test_sample.py")
    assert [h.function for h in hidden] == ["test_secret_random"]
    assert "secret" not in text and "_hidden_helper" not in text and "ONLY_HIDDEN" not in text
    assert "_shared_helper" in text and "SHARED = 4" in text and "EXERCISE" in text
    assert "def test_public(" in text and "def test_public_two(learner):" in text
    compile(text, "test_sample.py", "exec")


def test_public_source_refuses_a_hidden_name_left_in_a_string():
    with pytest.raises(release.ReleaseError):
        release.public_source(CHECKS + '\nNOTE = "see test_secret_random"\n', "test_sample.py")


def test_release_refuses_to_overwrite_a_folder_that_is_not_a_kit(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(release.ReleaseError):
        release.build(tmp_path, force=True)
    assert (tmp_path / "notes.txt").read_text() == "mine"


# ============================================================================ the answer key itself
def _reference_module():
    module = types.ModuleType("fake_reference")
    exec(textwrap.dedent('''
        import numpy as np

        LIMIT = 3

        def softmax(x):
            e = np.exp(x - np.max(x, axis=-1, keepdims=True))
            return e / np.sum(e, axis=-1, keepdims=True)

        def tangent(f, x):
            d = (f(x + 1e-4) - f(x - 1e-4)) / 2e-4
            return lambda t: d * (t - x) + f(x)

        def scale_in_place(a):
            a *= 2

        def pair():
            return MulLayer(), 5

        def fail(x):
            raise ValueError("bad input %r" % (x,))

        class MulLayer:
            def __init__(self):
                self.x = self.y = None
            def forward(self, x, y):
                self.x, self.y = x, y
                return x * y
            def backward(self, dout):
                return dout * self.y, dout * self.x
    '''), module.__dict__)
    return module


def _exercise_the_reference(ref, x):
    out = {"softmax": ref.softmax(x), "limit": ref.LIMIT}
    layer = ref.MulLayer()
    out["forward"] = layer.forward(100.0, 2.0)
    out["backward"] = layer.backward(1.0)
    other = ref.MulLayer()
    out["other"] = other.forward(3.0, 4.0)
    out["other_backward"] = other.backward(2.0)
    layer.y = 10.0  # what is done to an object is part of the key of later calls
    out["after_set"] = layer.backward(1.0)
    line = ref.tangent(np.square, 3.0)
    out["line"] = line(4.0)
    a = np.array([1.0, 2.0])
    ref.scale_in_place(a)
    out["scaled"] = a
    obj, n = ref.pair()
    out["pair"] = (obj.forward(2.0, 3.0), n)
    with pytest.raises(ValueError):
        ref.fail(7)
    return out


def test_answer_key_replays_what_the_reference_returned(tmp_path):
    x = np.random.default_rng(0).normal(size=(3, 4))
    module = _reference_module()
    expected = _exercise_the_reference(module, x)
    store = Store("fake_reference", "exercise-99")
    recorded = _exercise_the_reference(Recorder(store, module).module(), x)
    store.save(tmp_path / "fake_reference.json")
    text = (tmp_path / "fake_reference.json").read_text()
    assert "np.exp" not in text and "def " not in text
    replayed = _exercise_the_reference(AnswerKey.load(tmp_path / "fake_reference.json").module(), x)
    for got in (recorded, replayed):
        assert got.keys() == expected.keys()
        for key in expected:
            np.testing.assert_equal(got[key], expected[key], err_msg=key)


def test_answer_key_misses_fail_the_check_instead_of_guessing(tmp_path):
    module = _reference_module()
    store = Store("fake_reference")
    recorder = Recorder(store, module).module()
    recorder.softmax(np.zeros(3))
    layer = recorder.MulLayer()
    layer.forward(1.0, 2.0)
    key = AnswerKey(store).module()
    np.testing.assert_allclose(key.softmax(np.zeros(3)), np.full(3, 1 / 3))
    with pytest.raises(AnswerKeyMiss) as miss:
        key.softmax(np.ones(3))  # other input: never recorded
    assert isinstance(miss.value, CheckFailed) and "softmax" in miss.value.message.en
    with pytest.raises(AnswerKeyMiss):
        key.relu(np.ones(3))  # a name never used
    replay_layer = key.MulLayer()
    replay_layer.forward(1.0, 2.0)
    with pytest.raises(AnswerKeyMiss):
        replay_layer.backward(1.0)  # not recorded in this state
    with pytest.raises(AnswerKeyMiss):
        bool(key.undefined_constant == 3)


def test_a_call_with_different_recorded_answers_is_not_answered():
    store = Store("m")
    counter = types.SimpleNamespace(n=0)

    def tick():
        counter.n += 1
        return counter.n

    module = types.ModuleType("m")
    module.tick = tick
    recorder = Recorder(store, module).module()
    recorder.tick()
    recorder.tick()
    with pytest.raises(AnswerKeyMiss) as miss:
        AnswerKey(store).module().tick()
    assert "different results" in miss.value.message.en


def test_reference_is_the_solution_module_outside_a_kit(monkeypatch):
    monkeypatch.delenv(reference.ENV, raising=False)
    ex = exercises.find("exercise-05")
    with reference.reference(ex) as ref:
        assert ref.__name__ == "solutions.ex05_activations"


def test_reference_reads_the_answer_keys_named_by_the_environment(monkeypatch, tmp_path):
    ex = exercises.find("exercise-05")
    Store(ex.module, ex.id).save(answer_key.key_path(ex.module, tmp_path))
    monkeypatch.setenv(reference.ENV, str(tmp_path))
    with reference.reference(ex) as ref:
        with pytest.raises(AnswerKeyMiss):
            ref.sigmoid(np.zeros(2))
