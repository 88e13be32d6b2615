"""A Settings dialog on a profile, shown and loaded, for the Settings tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ui.qt.tasks import wait_for_background_tasks
from ui.settings.dialog import AppSettingsDialog, apply_appearance
from ui.settings.preferences import Preferences


def opened_dialog(qtbot, db: Path) -> Iterator[AppSettingsDialog]:  # type: ignore[no-untyped-def]
    """Yield the dialog once its values are loaded; afterwards wait for its background work and
    undo a forced appearance."""
    dialog = AppSettingsDialog(db, Preferences())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded):
        dialog.show()
    yield dialog
    wait_for_background_tasks()
    apply_appearance("system")
