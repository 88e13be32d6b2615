"""Customers built from the mail (issue 18, the trade desk).

`domains` (address → registrable domain, free-mail check), `records` (the customer rows,
editing, merging, duplicates), `build` (customers from cached messages, incremental),
`view` (one customer's history), `local_time` (the buyer's clock and working day),
`send_time` (`--at` values: a time in a zone, `buyer-morning`). Qt-free; the caller's Store
and thread; no network.
"""
