"""The cache's refusals in the rep's language (``client.i18n``): a full disk during a sync is a
sync error the rep reads in the main window."""

from __future__ import annotations

import sqlite3

from client import i18n
from client.store.base import write_error
from client.store.errors import StoreCorruptError, StoreVersionError, StoreWriteError


def test_a_full_disk_is_said_in_the_current_language() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    english = write_error(full)
    assert isinstance(english, StoreWriteError)
    assert str(english).startswith("Could not save to the local mail cache: the disk is full")
    i18n.set_language("zh_CN")
    try:
        chinese = write_error(full)
        version = StoreVersionError("/p/tradewind.db", 9, 5)
        damaged = StoreCorruptError("/p/tradewind.db", "{0} not a database")
    finally:
        i18n.set_language("en")
    assert str(chinese) == ("无法写入本地邮件缓存：磁盘已满（或缓存已达到大小上限）。此次更改未保存，"
                            "已保存的内容没有丢失；请释放一些磁盘空间或检查磁盘后重试。")
    assert str(version).startswith("邮件缓存 /p/tradewind.db 的数据库版本为 9，")
    assert version.found == 9 and version.known == 5
    assert "（{0} not a database）" in str(damaged)
