"""The app's side of quotes (issue 12): the template picker, the Quote action, the quotes view.
GUI thread only; the store, rendering and PDF work runs in ``ui.quotes.jobs`` off it."""
