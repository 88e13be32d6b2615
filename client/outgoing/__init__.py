"""The one way a message goes from "the rep pressed Send" to "queued in the outbox".

`pipeline.queue_message` runs an ordered list of small steps, each a function
`(Store, Outgoing) -> Outgoing` with the typed `message.Outgoing` as input and output, then
queues (`queue_step.enqueue`):

1. `render_step.from_template` (optional): a rendered template's subject and bodies;
2. `signature_step.enforce` (always): the company signature policy (`client.signatures`);
3. `links_step.LinkUploads` (optional): big files become uploads the message waits for;
4. `calendar_step.with_calendar` (optional): the iCalendar part of an invitation or answer;
5. `queue_step.enqueue`: build, check the signature is carried, one durable enqueue.

Every step raises `ComposeError` (or its own error in words) before anything is queued.
Also here: opening a Drafts-folder message as a draft (`draft_open`) and the drafts push
(`drafts_push`). Store work on the caller's thread; only `drafts_push` uses the network.
"""
