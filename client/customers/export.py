"""A customer's cached mail as one mbox file or a folder of .eml files (for a CRM or ERP).

`export_customer(store, customer_id, mbox=PATH | eml_dir=DIR) -> ExportReport`: every message
of the customer (`customer_messages`) whose raw body is cached, oldest first; an mbox is
written to a temporary file beside the target and renamed into place (a failure leaves no
half file); .eml files are named `<row>.eml` and never overwrite a different file. Rows
without a cached body are counted in `missing`. Raises `CustomerError` (unknown id) or
`OSError`. Caller's Store and thread; blocking file I/O.
"""

from __future__ import annotations

import mailbox
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from client.customers.records import get_customer
from client.store.db import Store


@dataclass(frozen=True, slots=True)
class ExportReport:
    customer: int
    target: str
    written: int
    missing: int

    def as_json(self) -> dict[str, object]:
        return {"customer": self.customer, "target": self.target, "written": self.written,
                "missing": self.missing}


def export_customer(store: Store, customer_id: int, *, mbox: Path | None = None,
                    eml_dir: Path | None = None) -> ExportReport:
    """See the module; exactly one of `mbox` and `eml_dir`."""
    if (mbox is None) == (eml_dir is None):
        raise ValueError("give exactly one of mbox and eml_dir")
    customer = get_customer(store, customer_id)
    rows = [int(r[0]) for r in store.conn.execute(
        "SELECT c.message_row FROM customer_messages c JOIN messages m ON m.id = c.message_row"
        " WHERE c.customer_id = ? ORDER BY m.date_utc, m.id", (customer.id,))]
    missing: list[int] = []

    def cached() -> Iterator[tuple[int, bytes]]:  # one body at a time, never all in memory
        for row in rows:
            try:
                yield row, store.get_raw(row)
            except KeyError:  # the body is not cached yet
                missing.append(row)

    written = 0
    if mbox is not None:
        temp = mbox.with_name(mbox.name + ".part")
        temp.unlink(missing_ok=True)
        box = mailbox.mbox(str(temp), create=True)
        try:
            for _, raw in cached():
                box.add(mailbox.mboxMessage(raw))
                written += 1
            box.flush()
        finally:
            box.close()
        os.replace(temp, mbox)
        return ExportReport(customer.id, str(mbox), written, len(missing))
    assert eml_dir is not None
    eml_dir.mkdir(parents=True, exist_ok=True)
    for row, raw in cached():
        path = eml_dir / f"{row}.eml"
        if path.exists() and path.read_bytes() != raw:
            raise FileExistsError(17, "a different file is already there", str(path))
        path.write_bytes(raw)
        written += 1
    return ExportReport(customer.id, str(eml_dir), written, len(missing))
