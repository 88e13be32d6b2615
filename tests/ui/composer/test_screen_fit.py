"""At 150 % on a 1440x900 screen (960x600 points) the composer's Send button is on screen,
however much the content grows (address errors, the link offer, the quote) and wherever the
window manager first put the window. Runs the composer in a child process with
QT_SCALE_FACTOR=1.5 and an offscreen screen of that size."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
CHILD = r"""
import json, sys, time
from datetime import date
from pathlib import Path
import PySide6.QtWebEngineWidgets  # noqa: F401
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from ui.reader.html_view import register_mail_scheme
register_mail_scheme()
app = QApplication([])
from client.demo import build_demo_profile
from client.store.db import Store
from ui.composer.window import ComposerWindow
profile = Path(sys.argv[1])
build_demo_profile(profile, anchor=date(2026, 11, 27))
db = profile / "tradewind.db"
with Store.open(db) as store:
    row = store.list_messages(None, 5, 0)[0].id
w = ComposerWindow(db, "reply", row)
w.move(300, 250)  # where a window manager might put it, below the main window's title
w.show()
end = time.time() + 30
while time.time() < end and not (w.is_ready and w.signature is not None):
    app.processEvents()
for field in (w.to_field, w.cc_field, w.bcc_field):
    field.setText("bad@@x, worse@@y")
    field.editingFinished.emit()
w.send_button.click()
w.link_offer.offer([db])  # any file: the offer line shows
for _ in range(200):
    app.processEvents()
room = w.screen().availableGeometry()
corner = w.send_button.mapToGlobal(w.send_button.rect().bottomRight())
print(json.dumps({"room": [room.width(), room.height()], "frame": list(w.frameGeometry().getRect()),
                  "send": [corner.x(), corner.y()], "ready": w.is_ready,
                  "inside": room.contains(corner) and room.contains(w.frameGeometry())}))
w.sent = True
w.close()
"""


def test_send_is_on_screen_at_150_percent(tmp_path: Path) -> None:
    screens = tmp_path / "screen.json"
    screens.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1440,
                                                "height": 900, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5",
           "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
           "QTWEBENGINE_DISABLE_SANDBOX": "1", "TRADEWIND_LANG": "en_US",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "profile")], env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["ready"] and result["room"] == [960, 600]
    assert result["inside"], result
