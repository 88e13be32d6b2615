"""The Outbox entry of the folder tree and its view (issue 14, with issue 11's "the outbox
is a folder"): `controller.connect_outbox(window)`."""
