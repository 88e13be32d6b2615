-- Schema 9: a message being sent belongs to exactly one flusher (client/smtp/outbox.py).
-- version: bumped by every change of state, content or claimant (compare-and-set).
-- claim_pid/claim_started/claim_token: the claimant (process id, process start time, random
-- token of the claim); NULL when nobody holds the message. claimed_at: when it was taken.
-- handed_over_at: when the server's 354 was answered by the message bytes (the point after
-- which the message may have gone out); NULL while it has not been handed over.
ALTER TABLE outbox ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN claim_pid INTEGER;
ALTER TABLE outbox ADD COLUMN claim_started REAL;
ALTER TABLE outbox ADD COLUMN claim_token TEXT;
ALTER TABLE outbox ADD COLUMN claimed_at REAL;
ALTER TABLE outbox ADD COLUMN handed_over_at REAL;
-- An older Tradewind wrote 'sending' only after the server's 354: such a row was handed over,
-- and its process is gone (it has no claimant), so it is checked against Sent as before.
UPDATE outbox SET handed_over_at = created WHERE state = 'sending';
