"""Whether learner code is fully confined here: the condition for grades that count.

A student's own ``grade`` runs anyway (with a one-line note); instructor grading (batch,
Gradescope) refuses where :func:`missing` names a gap, unless told ``--unsafe-no-sandbox``.
"""
from __future__ import annotations

from grader.i18n import T, Text, josa
from grader.sandbox import keeper, landlock

UNSAFE_OPTION = "--unsafe-no-sandbox"
LANDLOCK_SCOPES = 6  # the first ABI that keeps signals and abstract sockets inside the sandbox


def missing() -> str | None:
    """Why learner code would not be fully confined on this machine, or None when it would be."""
    found = landlock.support()
    if not found.abi:
        return found.reason
    if found.abi < LANDLOCK_SCOPES:
        return f"Landlock ABI {found.abi} cannot keep signals and sockets inside the sandbox (needs {LANDLOCK_SCOPES})"
    if not keeper.available():
        return "learner processes cannot be kept together for clean-up here"
    return None


def refusal(unsafe: bool) -> Text | None:
    """The message that refuses instructor grading here, or None when it may go on."""
    reason = missing()
    if reason is None or unsafe:
        return None
    return T(f"Refusing to grade: learner code cannot be confined on this machine ({reason}), so a "
             f"submission could forge its score. Grade on Linux with Landlock (kernel 6.12 or newer), or "
             f"pass {UNSAFE_OPTION} to grade anyway.",
             f"채점을 거부합니다: 이 컴퓨터에서는 학생 코드를 가둘 수 없어({reason}) 제출물이 점수를 위조할 수 "
             f"있습니다. Landlock이 있는 Linux(커널 6.12 이상)에서 채점하거나, 그래도 채점하려면 {josa(UNSAFE_OPTION, '을')} "
             f"주세요.")
