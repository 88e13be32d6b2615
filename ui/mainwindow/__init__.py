"""The main window (``ui.mainwindow.window.MainWindow``) and the commands it holds."""
