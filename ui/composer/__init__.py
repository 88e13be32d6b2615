"""The composer: a window to write, reply, forward and send mail (see ``window``)."""
