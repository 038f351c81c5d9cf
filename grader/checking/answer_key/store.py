"""The record: one exercise's answer key, where the kit keeps it, and what it cannot answer."""
from __future__ import annotations

import json
from pathlib import Path

from grader.checking.check import CheckFailed
from grader.files import write_json
from grader.i18n import T
from grader.seeds import PUBLIC_SEED

FORMAT = "dlscratch-answer-key/2"  # /2: values in the tree format of grader.sandbox.codec
KEYS_DIR = Path(__file__).resolve().parents[2] / "answer_keys"  # grader/answer_keys/ in a kit
ENTRY_KINDS = ("value", "raise", "ambiguous")


def student_kit() -> bool:
    """Is this installation a student kit (answer keys instead of reference solutions)?"""
    return KEYS_DIR.is_dir()


def key_path(module: str, directory: Path | None = None) -> Path:
    return Path(directory or KEYS_DIR) / f"{module}.json"


class Store:
    """The entries of one exercise's answer key: key digest -> what the reference did."""

    def __init__(self, module: str, exercise: str = "", entries: dict | None = None):
        self.module = module
        self.exercise = exercise
        self.entries: dict[str, dict] = entries if entries is not None else {}

    def put(self, key: str, entry: dict) -> None:
        old = self.entries.get(key)
        if old is None:
            self.entries[key] = entry
        elif old.get("kind") != "ambiguous" and _canonical(old) != _canonical(entry):
            self.entries[key] = {"call": entry.get("call", ""), "kind": "ambiguous"}

    def to_json(self) -> dict:
        return {"format": FORMAT, "exercise": self.exercise, "module": self.module,
                "public_seed": PUBLIC_SEED, "entries": dict(sorted(self.entries.items()))}

    def save(self, path: Path) -> None:
        write_json(path, self.to_json(), indent=None)

    @classmethod
    def load(cls, path: Path) -> "Store":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"{path} is not an answer key of format {FORMAT}")
        entries = data.get("entries")
        if not isinstance(entries, dict) or not all(
                isinstance(e, dict) and e.get("kind") in ENTRY_KINDS for e in entries.values()):
            raise ValueError(f"{path}: the entries of this answer key are malformed")
        return cls(str(data.get("module", "")), str(data.get("exercise", "")), entries)


def _canonical(entry: dict) -> str:
    return json.dumps({k: v for k, v in entry.items() if k != "call"}, sort_keys=True)


class AnswerKeyMiss(CheckFailed):
    """The record has no answer for a call: the check fails (never passes) and says why."""

    def __init__(self, label: str, ambiguous: bool = False):
        self.label = label
        if ambiguous:
            message = T(
                f"The student kit cannot answer {label}: when the kit was made, the reference solution gave "
                "different results for this same call, so there is no single recorded answer. This check "
                "cannot be graded in the kit and counts as failed here; your instructor's grading runs it "
                "with the reference solution.",
                f"학생용 키트가 {label}에 답할 수 없습니다. 키트를 만들 때 같은 호출에 모범 답안이 서로 다른 결과를 "
                "냈기 때문에 기록된 답이 하나로 정해지지 않습니다. 이 검사는 키트에서 채점할 수 없어 여기서는 실패로 "
                "처리합니다. 강사 채점에서는 모범 답안으로 실행됩니다.")
        else:
            message = T(
                f"The student kit has no recorded reference answer for {label}. Your code led this check to "
                "a call that was not recorded when the kit was made, so it cannot be graded here and counts "
                "as failed; your instructor's grading runs it with the reference solution.",
                f"학생용 키트에 {label}의 모범 답안이 기록되어 있지 않습니다. 여러분의 코드 때문에 이 검사가 키트를 "
                "만들 때 기록하지 않은 호출로 진행되어 여기서는 채점할 수 없으므로 실패로 처리합니다. 강사 채점에서는 "
                "모범 답안으로 실행됩니다.")
        hint = T("This usually follows from a wrong value returned earlier in the same check: compare your "
                 "results with the lecture's on the inputs shown in the other failed checks.",
                 "보통 같은 검사에서 앞서 반환한 값이 틀렸을 때 생깁니다. 다른 실패한 검사에 나온 입력에서 여러분의 "
                 "결과를 강의의 결과와 비교해 보세요.")
        super().__init__(message, hint)
