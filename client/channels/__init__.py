"""Inquiry channels (issue 18): rules that tag incoming mail by where it came from (web form,
trade-show lead lists, B2B platforms, referrals), the buyer a platform notification names,
and the first-reply timer of inquiry conversations. Qt-free; the caller's Store and thread.

Modules: `rules` (model and store), `platforms` (the bundled B2B platforms and their
notification reader), `evaluate` (which rule matches and why), `leads` (CSV lead lists),
`apply` (after a sync and over existing mail), `buyers` (customers from notifications),
`tags` (reading, tagging by hand, explaining), `inquiries` (the first-reply timer).
"""
