"""The app's sync driver: workers, IDLE watchers, the interval timer and Send/Receive."""
