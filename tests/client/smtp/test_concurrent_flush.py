"""Two flushers on one outbox at once (checklist O1, O2, O4): every message goes out exactly once.

The composer's Send flushes in the GUI process while a sync child's `after_sync` flush may run
in another process. Here real OS processes (`flush_worker.py`) and real threads flush the same
outbox at the same moment against the real submission server; deliveries are counted at the
server (`SubmissionServer.received`) and copies in Dovecot's Sent folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections import Counter
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import IO, Any

import pytest

from client.compose.build import Draft, build_message, to_bytes
from client.compose.headers import Recipient
from client.crashpoints import ENV_VAR as CRASH_AT
from client.jobs.after_sync import flush_account
from client.smtp.outbox import Claim, Outbox
from client.store.db import Store
from client.store.records import Account
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer

REPO_ROOT = Path(__file__).resolve().parents[3]
ROUNDS = 4
MESSAGES = 20


class Profile:
    """One profile (database) with one account wired to the real servers."""

    def __init__(self, tmp: Path, dovecot: DovecotServer, sub: SubmissionServer,
                 user: MailUser) -> None:
        self.db = tmp / "tw.db"
        self.dovecot, self.sub, self.user = dovecot, sub, user
        self.store = Store.open(self.db)
        self.account = self.store.add_account(
            user.email, imap_host="127.0.0.1", imap_port=dovecot.imaps_port,
            smtp_host="127.0.0.1", smtp_port=sub.starttls_port, security="ssl",
            username=user.username, ca_file=str(dovecot.ca_file),
        )
        self.outbox = Outbox(self.store)
        self.count = 0

    def queue(self, n: int) -> dict[int, str]:
        """Queue n messages to an outside buyer; returns {outbox id: Message-ID}."""
        queued = {}
        for _ in range(n):
            self.count += 1
            draft = Draft(sender=Recipient("Anna", self.user.email),
                          to=(Recipient("", f"buyer{self.count}@importer.test"),),
                          subject=f"PO-{self.count} 报价", text="Please confirm the order.")
            msg = build_message(draft)
            mid = str(msg["Message-ID"]).strip("<>")
            item = self.outbox.enqueue(self.account.id, to_bytes(msg), message_id=mid,
                                       sender=self.user.email,
                                       recipients=[f"buyer{self.count}@importer.test"])
            queued[item] = mid
        return queued

    def delivered(self) -> Counter[str]:
        """How often the server accepted each Message-ID."""
        parser = BytesHeaderParser()
        return Counter(str(parser.parsebytes(d.data)["Message-ID"]).strip("<> ")
                       for d in self.sub.received)

    def in_sent(self) -> Counter[str]:
        with self.dovecot.imap_admin(self.user) as imap:
            imap.select("Sent")
            _, data = imap.uid("SEARCH", "ALL")
            found: Counter[str] = Counter()
            for uid in data[0].split():
                _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
                header = BytesHeaderParser().parsebytes(fetched[0][1])
                found[str(header["Message-ID"]).strip("<> ")] += 1
            return found

    def states(self) -> dict[int, str]:
        return {i.id: i.state for i in self.outbox.items(include_filed=True)}


@pytest.fixture()
def profile(tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer,
            smtp_user: MailUser) -> Profile:
    submission.received.clear()
    return Profile(tmp_path, dovecot, submission, smtp_user)


class Worker:
    """A flushing process (tests/client/smtp/flush_worker.py) driven line by line."""

    def __init__(self, profile: Profile, mode: str, *, pause_at: str | None = None,
                 crash_at: str | None = None) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT),
                                                          env.get("PYTHONPATH")]))
        env.pop(CRASH_AT, None)
        if crash_at:
            env[CRASH_AT] = crash_at
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.client.smtp.flush_worker"], cwd=REPO_ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.tell(json.dumps({"db": str(profile.db), "email": profile.user.email,
                              "password": profile.user.password, "mode": mode,
                              "pause_at": pause_at}))
        self.expect("ready")

    def tell(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def expect(self, word: str) -> str:
        line = _readline(self.proc.stdout)
        if not line.startswith(word):
            self.proc.kill()
            _, err = self.proc.communicate()
            raise AssertionError(f"worker said {line!r}, expected {word!r}: {err[-3000:]}")
        return line[len(word):].strip()

    def report(self) -> dict[str, Any]:
        report: dict[str, Any] = json.loads(self.expect("done"))
        assert self.proc.wait() == 0
        return report

    def died(self) -> int:
        _, err = self.proc.communicate()
        return self.proc.returncode

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate()


def _readline(stream: IO[str] | None) -> str:
    assert stream is not None
    return stream.readline().strip()


def _run_together(*workers: Worker) -> list[dict[str, Any]]:
    for worker in workers:
        worker.tell("go")
    return [worker.report() for worker in workers]


def _assert_exactly_once(profile: Profile, queued: dict[int, str]) -> None:
    delivered = profile.delivered()
    twice = {mid: n for mid, n in delivered.items() if n > 1}
    assert not twice, f"delivered more than once: {twice}"
    missing = [mid for mid in queued.values() if delivered[mid] != 1]
    assert not missing, f"never delivered: {missing}"
    assert set(profile.states().values()) == {"filed"}, profile.states()
    sent = profile.in_sent()
    assert all(sent[mid] == 1 for mid in queued.values()), sent


@pytest.mark.slow
@pytest.mark.parametrize("modes", [("manual", "after_sync"), ("manual", "manual"),
                                   ("after_sync", "after_sync")])
def test_two_processes_flushing_at_once_send_each_message_once(
    profile: Profile, modes: tuple[str, str],
) -> None:
    queued: dict[int, str] = {}
    for _ in range(ROUNDS):
        batch = profile.queue(MESSAGES)
        queued.update(batch)
        workers = [Worker(profile, mode) for mode in modes]
        try:
            reports = _run_together(*workers)
        finally:
            for worker in workers:
                worker.close()
        sent_by = [set(r["sent"]) for r in reports]
        assert not sent_by[0] & sent_by[1], "both processes say they sent the same message"
        assert sent_by[0] | sent_by[1] == set(batch)
        assert not any(r["errors"] for r in reports), reports
        _assert_exactly_once(profile, queued)


def _flush_in_threads(profile: Profile) -> list[Any]:
    """Two threads of this process, each with its own Store, flush at the same moment (one
    manual, one automatic); returns their reports."""
    start = threading.Barrier(2)
    reports: list[Any] = []
    problems: list[BaseException] = []

    def flush(manual: bool) -> None:
        store = Store.open(profile.db)  # one Store per thread
        try:
            account = store.account(profile.account.id)
            assert isinstance(account, Account)
            start.wait()
            reports.append(flush_account(store, account, profile.user.password, manual=manual))
        except BaseException as exc:  # noqa: BLE001 - reported to the test thread below
            problems.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=flush, args=(m,)) for m in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not problems, problems
    return reports


@pytest.mark.slow
def test_two_threads_flushing_at_once_send_each_message_once(profile: Profile) -> None:
    queued: dict[int, str] = {}
    for _ in range(ROUNDS):
        queued.update(profile.queue(MESSAGES))
        reports = _flush_in_threads(profile)
        assert not set(reports[0].sent) & set(reports[1].sent)
        assert not reports[0].errors and not reports[1].errors
        _assert_exactly_once(profile, queued)


def _flush_here(profile: Profile, manual: bool = True) -> dict[str, Any]:
    """A flush in the test's own process (a third process beside the workers)."""
    report = flush_account(profile.store, profile.account, profile.user.password, manual=manual)
    return report.as_json()


@pytest.mark.slow
def test_a_live_claimant_about_to_connect_is_not_overtaken(profile: Profile) -> None:
    """Process A took the message and is still connecting: nobody else sends it meanwhile."""
    queued = profile.queue(1)
    [item_id] = queued
    holder = Worker(profile, "manual", pause_at="connect")
    try:
        holder.tell("go")
        holder.expect("paused")
        other = Worker(profile, "after_sync")
        [beside] = _run_together(other)
        here = _flush_here(profile)
        assert item_id not in beside["sent"] and item_id not in here["sent"]
        assert item_id not in {**beside["uncertain"], **here["uncertain"]}
        assert profile.delivered() == Counter()
        assert profile.outbox.get(item_id).state == "sending"
        holder.tell("resume")
        assert holder.report()["sent"] == [item_id]
    finally:
        holder.close()
    _assert_exactly_once(profile, queued)


@pytest.mark.slow
def test_a_live_claimant_handing_over_is_not_settled_by_another(profile: Profile) -> None:
    """Process A got the 354 and is sending the bytes: another flush must not judge the message
    "interrupted" (uncertain) or file it; A finishes and files it once."""
    queued = profile.queue(1)
    [item_id] = queued
    holder = Worker(profile, "after_sync", pause_at="data")
    try:
        holder.tell("go")
        holder.expect("paused")
        other = Worker(profile, "manual")
        [beside] = _run_together(other)
        here = _flush_here(profile, manual=False)
        for report in (beside, here):
            assert str(item_id) not in report["uncertain"] and item_id not in report["filed"]
        assert profile.outbox.get(item_id).state == "sending"
        holder.tell("resume")
        done = holder.report()
        assert done["sent"] == [item_id] and done["filed"] == [item_id]
    finally:
        holder.close()
    _assert_exactly_once(profile, queued)


# crash point -> (delivered by the dead claimant, the message's state after recovery)
DEAD_CLAIMS = {
    "send.claimed": (0, "filed"),  # taken, nothing sent: recovered and sent once
    "send.before_sending_state": (0, "filed"),  # 354 received, hand-over not recorded
    "send.before_data": (0, "uncertain"),  # hand-over recorded, bytes not sent: never resent
    "send.accepted": (1, "uncertain"),  # the server accepted it, not recorded: never resent
}


@pytest.mark.slow
@pytest.mark.parametrize("point", list(DEAD_CLAIMS))
def test_a_dead_claimants_message_is_recovered_once_by_two_flushers(
    profile: Profile, point: str,
) -> None:
    queued = profile.queue(5)
    first = min(queued)
    dying = Worker(profile, "manual", crash_at=point)
    dying.tell("go")
    assert dying.died() == -9, "the crash point was not reached"
    by_dead, final = DEAD_CLAIMS[point]
    assert profile.delivered()[queued[first]] == by_dead
    assert profile.outbox.get(first).state == "sending"  # the claim the dead process left

    reports = _run_together(Worker(profile, "manual"), Worker(profile, "after_sync"))
    delivered = profile.delivered()
    assert all(n == 1 for mid, n in delivered.items()), delivered
    assert delivered[queued[first]] == (1 if final == "filed" else by_dead)
    assert all(delivered[mid] == 1 for item, mid in queued.items() if item != first)
    assert profile.outbox.get(first).state == final
    if final == "uncertain":
        assert sum(str(first) in r["uncertain"] for r in reports) == 1  # settled once
        assert "may or may not have been sent" in (profile.outbox.get(first).last_error or "")
    else:
        assert sum(first in r["sent"] for r in reports) == 1
    again = _flush_here(profile)
    assert again["sent"] == [] and profile.delivered() == delivered


@pytest.mark.slow
def test_a_flusher_overtaken_before_the_hand_over_sends_nothing(
    profile: Profile, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Even if a live claimant were misjudged dead (a frozen process, a clock jump), the
    takeover wins: the old claimant's hand-over fails and the line drops without the message;
    its flush goes on with the next message."""
    queued = profile.queue(2)
    first, second = sorted(queued)
    real_hand_over = Outbox.hand_over
    recovered: list[Claim] = []

    def overtaken(self: Outbox, claim: Claim) -> None:
        if claim.item_id == first and not recovered:
            claim.forget()  # as if judged dead
            with Store.open(profile.db) as other_store:
                other = Outbox(other_store)
                taken = other.take_over(other.get(first))
                assert taken is not None
                recovered.append(taken)
        real_hand_over(self, claim)

    monkeypatch.setattr(Outbox, "hand_over", overtaken)
    report = _flush_here(profile)
    assert report["sent"] == [second] and not report["errors"]
    assert profile.delivered() == Counter({queued[second]: 1})
    item = profile.outbox.get(first)
    assert item.state == "sending" and item.claim_token == recovered[0].token
    assert not item.handed_over
    profile.outbox.give_back(recovered[0])  # the recoverer: nothing reached the server
    monkeypatch.undo()
    assert _flush_here(profile)["sent"] == [first]
    _assert_exactly_once(profile, queued)
