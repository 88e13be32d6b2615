"""Inquiry channels in the app (issue 18): the rule editor (Message → Channel rules…), the
Tags column of the message list. Store work runs on the thread pool (`jobs`)."""
