"""Tradewind core: Qt-free store, sync, send and everything a rep's mail needs."""
