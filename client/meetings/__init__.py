"""Meeting planning across time zones (Qt-free): zones, work weeks, slot search, DST checks.

Modules: `zones` (validation, countries, guessing), `sender_offsets` (Date offsets from the
cache), `contact_zones` (remembered zones per contact), `cn_schedule` (China's official
holiday/make-up-day table), `workweek` (weekends and holidays per country), `planner` (ranked
slots), `recurrence` (DST shifts of a weekly meeting).
"""
