"""Finding each student's submission (a folder or a ``.zip``) and reading its exercise files."""
from __future__ import annotations

import hashlib
import io
import lzma
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from grader import exercises
from grader.i18n import T, Text, josa

MAX_FILE_BYTES = 2 * 1024 * 1024  # an exercise file larger than this is not a plausible submission
MAX_ZIP_MEMBERS = 10_000
SKIPPED_FOLDERS = ("__MACOSX", "__pycache__")

Candidates = dict[str, list[tuple[int, str, bytes]]]  # file name -> (depth, where, contents) of each copy


@dataclass
class Submission:
    student: str
    source: Path
    files: dict[str, bytes] = field(default_factory=dict)  # exercise file name -> contents
    problem: Text | None = None  # why it cannot be graded (bad zip, no files)
    notes: list[Text] = field(default_factory=list)
    raw_digest: str = ""
    names: set[str] = field(default_factory=set)  # every file name in it, wanted or not


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^\w.@+-]+", "_", name).strip("._") or "student"
    return cleaned[:100]


def _student_name(entry: Path, used: set[str]) -> str:
    """A file-safe name for ``entry``, unlike every name in ``used``."""
    name = entry.name if entry.is_dir() else entry.stem
    student = _safe_name(name)
    if student in used:
        student = _safe_name(entry.name)
    n, base = 2, student
    while student in used:
        student, n = f"{base}-{n}", n + 1
    return student


def discover(root: Path) -> list[Submission]:
    """One submission per folder or ``.zip`` in ``root`` (hidden entries and ``__MACOSX`` ignored)."""
    found, used = [], set()
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.name == "__MACOSX" or entry.is_symlink():
            continue
        if not entry.is_dir() and not (entry.is_file() and entry.suffix.lower() == ".zip"):
            continue
        student = _student_name(entry, used)
        used.add(student)
        found.append(Submission(student, entry))
    return found


def in_shard(student: str, k: int, n: int) -> bool:
    """Whether ``student`` belongs to shard ``k`` of ``n`` (1-based): the same answer on every machine."""
    return int(hashlib.sha256(student.encode("utf-8")).hexdigest(), 16) % n == k - 1


def _too_large(name: str) -> Text:
    return T(f"{name}: larger than {MAX_FILE_BYTES // 1024} KB, ignored",
             f"{name}: {MAX_FILE_BYTES // 1024} KB보다 커서 무시함")


def _read_folder(sub: Submission, wanted: set[str], candidates: Candidates, digest) -> None:
    for dirpath, dirnames, filenames in os.walk(sub.source, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        rel_dir = Path(dirpath).relative_to(sub.source)
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            rel = (rel_dir / filename).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                continue
            size = info.st_size
            digest.update(f"{rel}\0{size}\0{stat.S_IFMT(info.st_mode)}\0".encode())
            sub.names.add(filename)
            if filename not in wanted:
                continue
            if not stat.S_ISREG(info.st_mode):  # a FIFO would block the run, a device never end
                sub.notes.append(T(f"{rel}: not a regular file, ignored", f"{rel}: 일반 파일이 아니어서 무시함"))
                continue
            if size > MAX_FILE_BYTES:
                sub.notes.append(_too_large(rel))
                continue
            with open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)  # it may have grown since
            if len(data) > MAX_FILE_BYTES:
                sub.notes.append(_too_large(rel))
                continue
            candidates.setdefault(filename, []).append((len(Path(rel).parts), rel, data))


def _read_zip(sub: Submission, wanted: set[str], candidates: Candidates, digest) -> None:
    raw = sub.source.read_bytes()
    digest.update(raw)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            sub.problem = T(f"the zip file holds {len(members)} entries (more than {MAX_ZIP_MEMBERS})",
                            f"zip 파일에 항목이 {len(members)}개 있습니다 ({MAX_ZIP_MEMBERS}개 초과)")
            return
        for info in members:
            name = info.filename.replace("\\", "/")
            parts = [p for p in name.split("/") if p]
            if info.is_dir() or not parts or parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts):
                continue
            sub.names.add(parts[-1])
            if parts[-1] not in wanted:
                continue
            if info.file_size > MAX_FILE_BYTES:
                sub.notes.append(_too_large(name))
                continue
            if info.flag_bits & 0x1:
                sub.problem = T("the zip file is encrypted", "zip 파일이 암호화되어 있습니다")
                return
            try:
                with archive.open(info) as member:
                    data = member.read(MAX_FILE_BYTES + 1)  # the header's size may lie
            except OSError as exc:  # bz2's "Invalid data stream": the archive is read from memory, not a disk
                raise EOFError(str(exc)) from exc
            if len(data) > MAX_FILE_BYTES:
                sub.notes.append(_too_large(name))
                continue
            candidates.setdefault(parts[-1], []).append((len(parts), name, data))


def _pick(candidates: Candidates, sub: Submission) -> None:
    """Keep the shallowest copy of each file (then the first by path), with a note when there were more."""
    for filename, options in sorted(candidates.items()):
        options.sort(key=lambda o: (o[0], o[1]))
        depth, where, data = options[0]
        if len(options) > 1:
            sub.notes.append(T(f"{filename}: {len(options)} copies, graded {where}",
                               f"{filename}: {len(options)}개가 있어 {josa(where, '을')} 채점"))
        sub.files[filename] = data


def load_files(sub: Submission, wanted: set[str]) -> None:
    """Read the exercise files of ``sub`` (only names in ``wanted``; the shallowest copy wins).

    Sets ``sub.problem`` when it cannot be graded and ``sub.raw_digest`` (what was read)."""
    candidates: Candidates = {}
    digest = hashlib.sha256()
    try:
        reader = _read_folder if sub.source.is_dir() else _read_zip
        reader(sub, wanted, candidates, digest)
        if sub.problem:  # a zip refused as a whole (too many entries, encrypted): nothing was read
            return
    except zipfile.BadZipFile:
        sub.problem = T("not a readable zip file", "읽을 수 있는 zip 파일이 아닙니다")
    except (zlib.error, lzma.LZMAError, EOFError):  # a damaged deflate, bzip2 or LZMA stream
        sub.problem = T("the zip file is damaged (a compressed file in it cannot be read)",
                        "zip 파일이 손상되었습니다 (압축된 파일을 풀 수 없음)")
    except Exception as exc:  # noqa: BLE001 - whatever one submission raises spoils its own row only
        detail = str(exc)[:200]
        sub.problem = T(f"could not be read ({type(exc).__name__}: {detail})",
                        f"읽을 수 없습니다 ({type(exc).__name__}: {detail})")
        sub.files, candidates = {}, {}
    sub.raw_digest = digest.hexdigest()
    if sub.problem:
        return
    _pick(candidates, sub)
    if not sub.files and not sub.names & {ex.filename for ex in exercises.CATALOGUE}:  # else: other weeks' files
        sub.problem = T("no exercise files found (expected names such as ex05_activations.py)",
                        "실습 파일이 없습니다 (ex05_activations.py 같은 이름이어야 합니다)")
