"""The files of a student kit around the checks: the copied tree, pyproject.toml, README, .gitignore.

The kit's ``pyproject.toml`` is written from the project's installed metadata
(:mod:`importlib.metadata`, or the values below when it is not installed): no TOML
is parsed, so the release runs on Python 3.10 as well.
"""
from __future__ import annotations

import json
import re
import shutil
from importlib import metadata
from pathlib import Path

from grader.instructor.release_checks import ReleaseError

SKIP_DIRS = {"__pycache__", "answer_keys", ".pytest_cache"}
DISTRIBUTION = "dlscratch-grader"
KNOWN_PROJECT = {  # pyproject.toml's [project], for a checkout that was never installed
    "name": DISTRIBUTION,
    "version": "0.1.0",
    "description": 'Auto-graded exercises for the lecture "Deep Learning with Python" (Deep Learning from Scratch)',
    "requires-python": ">=3.10",
    "dependencies": ["numpy>=1.24", "pytest>=8", "matplotlib>=3.7", "rich>=13"],
    "scripts": {"grade": "grader.cli:run"},
}
BUILD_SYSTEM = {"requires": ["setuptools>=64"], "build-backend": "setuptools.build_meta"}
_OPTIONAL = re.compile(r";.*\bextra\b")  # a requirement of an optional extra (test): not the kit's


def copy_tree(src: Path, dst: Path, suffixes: tuple[str, ...] | None = None) -> None:
    """Copy the files under ``src`` (no caches, no hidden folders, no compiled files, no answer keys)."""
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.suffix in (".pyc", ".pyo") or (suffixes is not None and path.suffix not in suffixes):
            continue
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dst / rel)


def project_metadata() -> dict:
    """The project's name, version, description, Python, dependencies and scripts."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return dict(KNOWN_PROJECT)
    meta = dist.metadata
    scripts = {e.name: e.value for e in dist.entry_points if e.group == "console_scripts"}
    return {
        "name": meta["Name"] or KNOWN_PROJECT["name"],
        "version": dist.version or KNOWN_PROJECT["version"],
        "description": meta["Summary"] or "",
        "requires-python": meta["Requires-Python"] or KNOWN_PROJECT["requires-python"],
        "dependencies": [req for req in dist.requires or () if not _OPTIONAL.search(req)],
        "scripts": scripts or KNOWN_PROJECT["scripts"],
    }


def _toml_list(values) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def kit_pyproject(project: dict | None = None) -> str:
    """The kit's pyproject.toml: the same project and dependencies, without ``solutions``."""
    project = project or project_metadata()
    lines = [
        "[build-system]",
        f"requires = {_toml_list(BUILD_SYSTEM['requires'])}",
        f"build-backend = {json.dumps(BUILD_SYSTEM['build-backend'])}",
        "",
        "[project]",
        f"name = {json.dumps(project['name'])}",
        f"version = {json.dumps(project['version'])}",
        f"description = {json.dumps(project['description'])}",
        'readme = "README.md"',
        f"requires-python = {json.dumps(project['requires-python'])}",
        "dependencies = [",
        *[f"    {json.dumps(dep)}," for dep in project["dependencies"]],
        "]",
        "",
        "[project.scripts]",
        *[f"{name} = {json.dumps(target)}" for name, target in project["scripts"].items()],
        "",
        "[tool.setuptools]",
        "include-package-data = true",
        "",
        "[tool.setuptools.packages.find]",
        'include = ["grader*", "dataset*", "exercises*"]',
        "",
        "[tool.setuptools.package-data]",
        'grader = ["checks/pytest.ini", "answer_keys/*.json"]',
        'dataset = ["weights/*"]',
        "",
    ]
    return "\n".join(lines)


KIT_README = """\
# 파이썬으로 배우는 딥러닝 — 실습 키트 / Deep Learning with Python — exercise kit

실습 파일(`exercises/exNN_*.py`)의 `raise NotImplementedError`를 여러분의 코드로 바꾸고
`grade`로 채점합니다. 채점 결과에는 점수, 무엇이 틀렸는지(입력, 기댓값과 결과, 형상, dtype)와
강의 용어로 된 힌트가 나옵니다.

Fill in the stubs in `exercises/exNN_*.py` (replace each `raise NotImplementedError`) and grade
them with `grade`. The report gives your score, what went wrong (the input, expected vs got,
shapes, dtypes) and a hint in the lecture's terms.

## 설치 / Install (Python 3.10+)

```
python3 -m venv .venv
. .venv/bin/activate          # Windows: .venv\\Scripts\\activate
pip install -e .
```

`pip install -e .` (편집 가능 설치)로 설치해야 `grade`가 이 폴더의 `exercises/`를 채점합니다.
Install with `pip install -e .` (editable) so that `grade` grades the `exercises/` of this folder.

## 사용법 / Use

```
grade                 # 진행 상황 요약 / an overview of your progress
grade exercise-05     # 실습 5 채점 (grade 5, grade 05, grade ex05 도 됩니다)
grade all             # 모든 실습 채점 / grade every exercise
grade 5 --lang en     # 영어 보고서 / report in English (--lang ko: 한국어)
grade 10 --show-output  # 채점 중 내 코드의 print 출력 보기 / see your own print output while checking
grade 5 --watch       # 저장할 때마다 다시 채점 / re-grade on every save
```

실습 10의 학습 검사는 진행하는 동안 반복 횟수, 손실, 정확도와 남은 시간을 보여 줍니다.
Exercise 10's training check shows the iteration, the loss, the accuracy and the time left while it runs.

강사가 채점할 때 한 실습은 10점입니다. 이 키트에는 그중 공개 검사만 있으므로 키트의 점수는 공개 검사의
점수만 셉니다(예: 0/7). 처음에는 모든 실습이 "시작 전(not started)"으로 나옵니다.
Each exercise is worth 10 points when your instructor grades it. This kit holds its public checks
only, so the kit's scores count the public checks' points (for example 0/7). An untouched
exercise reads "not started".

## MNIST (실습 10 / exercise 10)

실습 10은 MNIST 데이터셋을 씁니다. 인터넷에 연결된 상태에서 한 번 `python -m dataset.mnist`를
실행하면 내려받아 `dataset/`에 저장합니다. 인터넷이 없으면 MNIST 파일 네 개가 있는 폴더를
`MNIST_DIR`로 알려 주세요: `MNIST_DIR=/path/to/mnist grade 10`
(Windows: `set MNIST_DIR=C:\\path\\to\\mnist` 뒤에 `grade 10`).

Exercise 10 uses MNIST. Run `python -m dataset.mnist` once while online: it downloads the data
and keeps it in `dataset/`. Offline, point the loader at a folder holding the four MNIST files:
`MNIST_DIR=/path/to/mnist grade 10` (Windows: `set MNIST_DIR=C:\\path\\to\\mnist`, then `grade 10`).

## 공개 검사와 비공개 검사 / Public and hidden checks

이 키트에는 **공개 검사**만 들어 있습니다. 강사가 채점할 때는 무작위 입력을 쓰는 **비공개 검사**도
함께 실행되므로, 키트에서 만점을 받았더라도 공개 검사의 입력에만 맞춘 코드(값을 그대로 적어 넣은
코드 등)는 점수를 잃습니다. 강의의 정의대로 일반적인 코드를 작성하세요.

This kit holds the **public checks** only. Your instructor's grading also runs **hidden checks**
with fresh random inputs, so code that only fits the public checks' inputs (hard-coded answers)
loses points there. The report reminds you of this under the total.

공개 검사는 모범 답안 코드 없이, 키트를 만들 때 기록한 모범 답안의 결과(답안 키,
`grader/answer_keys/`)와 비교합니다. 검사가 기록되지 않은 경우로 진행되면 그 검사는 실패로 표시되고
그 이유가 함께 나옵니다.

The public checks compare your results with the reference solution's results recorded when
the kit was made (the answer key in `grader/answer_keys/`), not with its code. A check that
reaches a case the record does not cover fails and says so.

## 폴더 / Folders

```
exercises/   여러분이 채우는 실습 파일 / the stubs you fill in
grader/      채점기 (공개 검사: grader/checks/) / the grader and its public checks
dataset/     MNIST 불러오기 (from dataset.mnist import load_mnist) / the MNIST loader
```

여러분의 코드는 채점기와 분리된 별도 프로세스에서 실행됩니다(시간 제한, 메모리 제한). Landlock이 있는 Linux에서는
자기 폴더만 읽고 작업 폴더에만 쓸 수 있습니다. 다른 운영체제에서는 보고서 아래 한 줄로 무엇이 제한되지
않는지 알려 줍니다.
Your code runs in a separate process from the grader, with time and memory limits. On Linux with Landlock it
may read only its own folder and write only in its working folder; elsewhere a line under the
report says what is not confined.
"""

KIT_GITIGNORE = """\
__pycache__/
*.pyc
.venv/
*.egg-info/
build/
dataset/*.npz
dataset/mnist_download/
results.json
"""

RUNNER_PATCH = '''

# ---------------------------------------------------------------------------- student kit
# This kit ships the public checks only: every report says that hidden checks run when the
# instructor grades, and never presents a public-only score as the full grade.
_grade_with_every_check_shipped = grade


def grade(*args, **kwargs) -> GradeReport:  # noqa: F811
    report = _grade_with_every_check_shipped(*args, **kwargs)
    report.hidden_ran = False
    return report
'''
RUNNER = Path("grader") / "checking" / "runner.py"  # in the kit: patched with RUNNER_PATCH


def patch_runner(kit: Path) -> None:
    """Make every report of the kit's grader say that hidden checks were not run."""
    runner = kit / RUNNER
    text = runner.read_text(encoding="utf-8")
    if "\ndef grade(" not in text or "GradeReport" not in text:
        raise ReleaseError(f"{RUNNER} has no grade() returning a GradeReport to patch")
    runner.write_text(text.rstrip("\n") + "\n" + RUNNER_PATCH, encoding="utf-8")


def write_kit_files(kit: Path) -> None:
    """pyproject.toml, README.md and .gitignore at the top of the kit."""
    (kit / "pyproject.toml").write_text(kit_pyproject(), encoding="utf-8")
    (kit / "README.md").write_text(KIT_README, encoding="utf-8")
    (kit / ".gitignore").write_text(KIT_GITIGNORE, encoding="utf-8")
