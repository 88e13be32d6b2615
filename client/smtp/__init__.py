"""SMTP submission and the durable outbox."""
