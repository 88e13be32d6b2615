"""Company signature policy: schema, Ed25519 integrity, distribution, rendering, send-time enforcement.

Modules: `schema` (policy.json / directory.json, versioned), `fields` (per-rep value kinds and
checks), `integrity` (keys and the signed manifest), `bundle` (a verified policy with its logo),
`fetch` (file path, shared folder or HTTPS), `provision` (the profile's last valid policy),
`render` (template choice and rendering to a `SignatureBlock`), `enforce` (the check every queued
message goes through), `example` (`tradewind policy init`). The schema is documented in
docs/signature-policy.md.
"""
