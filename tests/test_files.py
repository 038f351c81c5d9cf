"""Files the grader writes for others to read: whole, into new folders, never through a link."""
import json
import os

from grader.files import write_atomic, write_json


def test_a_link_at_the_destination_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "instructor-file"
    outside.write_text("keep me", encoding="utf-8")
    link = tmp_path / "results.json"
    os.symlink(outside, link)
    write_json(link, {"score": 1})
    assert not link.is_symlink()
    assert json.loads(link.read_text(encoding="utf-8")) == {"score": 1}
    assert outside.read_text(encoding="utf-8") == "keep me"


def test_missing_folders_are_made_and_no_temporary_file_stays(tmp_path):
    target = tmp_path / "a" / "b" / "report.json"
    write_json(target, {"이름": "학생"})
    assert json.loads(target.read_text(encoding="utf-8")) == {"이름": "학생"}
    assert "학생" in target.read_text(encoding="utf-8")  # Korean stays readable
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.json"]


def test_a_failed_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "gradebook.csv"
    write_atomic(target, "old\n")

    class Unwritable:
        pass
    try:
        write_atomic(target, Unwritable())  # type: ignore[arg-type]
    except TypeError:
        pass
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gradebook.csv"]
