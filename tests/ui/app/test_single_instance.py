"""One app per profile: a second `tradewind` launch on the same profile hands its argument to
the running app and exits without a window; another profile is not affected; garbage sent to
the socket is refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtNetwork import QLocalSocket

from ui.app.single_instance import InstanceServer, parse_message, server_name

REPO_ROOT = Path(__file__).resolve().parents[3]


def _launch(profile: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return subprocess.Popen([sys.executable, "-m", "client.cli", "--profile", str(profile), *args],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_second_launch_hands_its_mailto_to_the_running_app(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    profile = tmp_path / "running"
    profile.mkdir()
    server = InstanceServer(profile)
    assert server.listening
    url = "mailto:buyer@customer.example?subject=Re%3A%20quote&attach=/etc/passwd"
    with qtbot.waitSignal(server.received, timeout=60000) as signal:
        second = _launch(profile, url)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60000)
    out, err = second.communicate()
    code = second.returncode
    assert signal.args == [[url]]
    assert code == 0, err
    assert "already running" in err
    server.close()


def test_the_name_is_per_profile_and_per_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert server_name(tmp_path / "a") == server_name(tmp_path / "b" / ".." / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


def test_a_launch_on_another_profile_is_not_handed_over(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a").mkdir()
    server = InstanceServer(tmp_path / "a")
    got: list[object] = []
    server.received.connect(got.append)
    other = _launch(tmp_path / "b", "open", "--json", "mailto:x@harbor.example")
    qtbot.waitUntil(lambda: other.poll() is not None, timeout=60000)
    out, err = other.communicate()
    assert other.returncode == 0, err and '"kind": "mailto"' in out
    QCoreApplication.processEvents()  # a connection it made would be delivered now
    assert got == []
    server.close()


def test_garbage_on_the_socket_is_refused(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = InstanceServer(tmp_path)
    got: list[object] = []
    server.received.connect(got.append)
    socket = QLocalSocket()
    socket.connectToServer(server.name)
    assert socket.waitForConnected(5000)
    socket.write(b'{"open": [1, 2]}\n')
    qtbot.waitUntil(lambda: socket.bytesAvailable() > 0 or socket.state()
                    == QLocalSocket.LocalSocketState.UnconnectedState, timeout=10000)
    assert bytes(socket.readAll().data()).startswith(b"refused")
    assert got == []
    assert parse_message(b"not json") is None and parse_message(b'{"open": ["x"]}') == ["x"]
    assert parse_message(b'{"open": ["' + b"x" * 9000 + b'"]}') is None
    server.close()


def test_a_stale_socket_from_a_crashed_app_is_taken_over(tmp_path: Path) -> None:
    first = InstanceServer(tmp_path)
    assert first.listening
    second = InstanceServer(tmp_path)  # the first still answers: the name is not stolen
    assert not second.listening
    first.close()
    third = InstanceServer(tmp_path)
    assert third.listening
    third.close()


def test_an_app_that_does_not_answer_is_reported_not_doubled(tmp_path: Path) -> None:
    """A name held by a process that never replies (a hung app): the second launch says so
    and exits 1 instead of starting a second app on the profile."""
    profile = tmp_path / "hung"
    profile.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys\n"
         "from PySide6.QtCore import QCoreApplication\n"
         "from PySide6.QtNetwork import QLocalServer\n"
         "from pathlib import Path\n"
         "from ui.app.single_instance import server_name\n"
         "app = QCoreApplication([])\n"
         "server = QLocalServer()\n"
         "assert server.listen(server_name(Path(sys.argv[1])))\n"
         "print('listening', flush=True)\n"
         "sys.stdin.readline()\n",  # never runs the event loop: accepts, never answers
         str(profile)],
        cwd=REPO_ROOT, env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "listening"
        second = _launch(profile, "mailto:a@harbor.example")
        out, err = second.communicate(timeout=120)
        assert second.returncode == 1
        assert "does not answer" in err
    finally:
        holder.kill()
        holder.communicate()
