"""What runs after or around a sync: the per-account worker (`worker`), the sync child process
and its line protocol (`child`, `child_wire`), the IDLE watch (`watch`) and the steps after a
sync (`after_sync`: outbox flush, drafts push, policy refresh, quote states, received
invitations). Qt-free; blocking work on worker threads or in the child, never the GUI thread.
"""
