"""The Statistics window: the figures of a period as charts and a table, and Export CSV.

Top: the period (From / To dates, the rep's zone; the last 30 days at first) and "By" (reps
only, channel, country, customer). Middle: a bar chart (sent, received and replied
conversations per rep or group) and a line chart (sent and received per day). Bottom: the
table of `client.analytics.table.stat_rows` and a sentence with the total reply rate and
first-response times. Export CSV asks for a file and writes it on the thread pool. All
figures are computed off the GUI thread (`ui.stats.jobs`); a stale result is dropped.
Definitions: docs/analytics.md. GUI thread only.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from client.analytics.table import HEADERS
from ui.qt.tasks import run_in_background
from ui.stats import jobs
from ui.stats.jobs import StatsData

MAX_BARS = 12


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class StatsWindow(QWidget):
    """See the module."""

    loaded = Signal()  # figures shown (tests wait on it)
    exported = Signal(str)

    def __init__(self, db_path: Path, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db_path = db_path
        self.data: StatsData | None = None
        self._generation = 0
        self.setWindowTitle(self.tr("Statistics"))
        self.resize(1100, 760)
        last = today or date.today()
        self.first_edit = QDateEdit(_qdate(last - timedelta(days=29)), self)
        self.last_edit = QDateEdit(_qdate(last), self)
        for edit in (self.first_edit, self.last_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.reload())
        self.by_box = QComboBox(self)
        for text, value in ((self.tr("Reps only"), None), (self.tr("Channel"), "channel"),
                            (self.tr("Country"), "country"), (self.tr("Customer"), "customer")):
            self.by_box.addItem(text, value)
        self.by_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.clicked.connect(self.ask_export)
        self.export_button.setEnabled(False)
        top = QHBoxLayout()
        for label, widget in ((self.tr("From"), self.first_edit), (self.tr("To"), self.last_edit),
                              (self.tr("By"), self.by_box)):
            top.addWidget(QLabel(label, self))
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.export_button)

        self.bar_chart = QChart()
        self.bar_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.bar_view = QChartView(self.bar_chart, self)
        self.line_chart = QChart()
        self.line_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.line_view = QChartView(self.line_chart, self)
        for view in (self.bar_view, self.line_view):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(260)
            view.chart().setMargins(QMargins(4, 4, 4, 4))
        charts = QSplitter(Qt.Orientation.Horizontal, self)
        charts.addWidget(self.bar_view)
        charts.addWidget(self.line_view)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(self._headers())
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(charts)
        body.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        layout.addWidget(self.summary)
        self.reload()

    def _headers(self) -> list[str]:
        return [self.tr("Dimension"), self.tr("Key"), self.tr("Name"), self.tr("Sent"),
                self.tr("Received"), self.tr("Inquiries"), self.tr("Replied"),
                self.tr("Reply rate"), self.tr("Median first response (h)"),
                self.tr("90th percentile (h)"), self.tr("Quotes sent"), self.tr("Won"),
                self.tr("Lost"), self.tr("Quoted"), self.tr("Won value"), self.tr("Lost value")]

    # -- loading ------------------------------------------------------------------------------
    def period(self) -> tuple[date, date, str | None]:
        return (_pydate(self.first_edit.date()), _pydate(self.last_edit.date()),
                self.by_box.currentData())

    def reload(self) -> None:
        first, last, by = self.period()
        if last < first:
            self.summary.setText(self.tr("The period ends before it starts: choose a later "
                                         "end date."))
            return
        self._generation += 1
        generation = self._generation
        self.summary.setText(self.tr("Counting…"))
        run_in_background(lambda: jobs.load(self.db_path, first, last, by),
                          lambda data: self._show(generation, data), self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(str(exc))

    def _show(self, generation: int, data: StatsData) -> None:
        if generation != self._generation:
            return  # a newer choice is being counted
        self.data = data
        self._fill_table(data)
        self._fill_bars(data)
        self._fill_line(data)
        total = data.stats.total
        rate = "–" if total.reply_rate is None else f"{total.reply_rate * 100:.0f} %"
        median = "–" if total.median_hours is None else f"{total.median_hours:.1f}"
        p90 = "–" if total.p90_hours is None else f"{total.p90_hours:.1f}"
        self.summary.setText(self.tr(
            "{0} sent, {1} received; {2} of {3} inquiries answered ({4}); first response "
            "{5} h median, {6} h at the 90th percentile, in working hours (09:00–18:00, {7})."
        ).format(total.sent, total.received, total.replied, total.inquiries, rate, median,
                 p90, data.stats.zone))
        self.export_button.setEnabled(True)
        self.loaded.emit()

    def _label(self, dimension: str, label: str) -> str:
        if label:
            return label
        return self.tr("untagged") if dimension == "channel" else self.tr("unknown")

    def _fill_table(self, data: StatsData) -> None:
        self.table.setRowCount(len(data.rows))
        dimensions = {"rep": self.tr("Rep"), "total": self.tr("Total"),
                      "channel": self.tr("Channel"), "country": self.tr("Country"),
                      "customer": self.tr("Customer")}
        for index, row in enumerate(data.rows):
            shown = list(row)
            shown[2] = self._label(row[0], row[2]) if row[0] not in ("rep", "total") else (
                self.tr("Total") if row[0] == "total" else row[2])
            shown[0] = dimensions.get(row[0], row[0])
            for column, text in enumerate(shown):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _fill_bars(self, data: StatsData) -> None:
        chart = self.bar_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        by = data.stats.by
        figures = (data.stats.groups if by else data.stats.reps)[:MAX_BARS]
        chart.setTitle(self.tr("Per rep") if not by else self.tr("Per {0}").format(
            self.by_box.currentText().lower()))
        sets = [QBarSet(self.tr("Sent")), QBarSet(self.tr("Received")),
                QBarSet(self.tr("Answered inquiries"))]
        for fig in figures:
            sets[0].append(fig.sent)
            sets[1].append(fig.received)
            sets[2].append(fig.replied)
        series = QBarSeries()
        for bar_set in sets:
            series.append(bar_set)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([self._label(by or "rep", fig.label or fig.key)[:24] for fig in figures])
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setMin(0)
        values.setMax(max([1, *[max(f.sent, f.received) for f in figures]]))
        chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(values)

    def _fill_line(self, data: StatsData) -> None:
        chart = self.line_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(self.tr("Per day"))
        sent, received = QLineSeries(), QLineSeries()
        sent.setName(self.tr("Sent"))
        received.setName(self.tr("Received"))
        for index, day in enumerate(data.days):
            sent.append(index, day.sent)
            received.append(index, day.received)
        chart.addSeries(sent)
        chart.addSeries(received)
        days = QValueAxis()
        days.setRange(0, max(1, len(data.days) - 1))
        days.setLabelFormat("%d")
        days.setTitleText(self.tr("Days from {0}").format(
            data.days[0].day.isoformat() if data.days else ""))
        values = QValueAxis()
        values.setMin(0)
        values.setMax(max([1, *[max(d.sent, d.received) for d in data.days]]))
        values.setLabelFormat("%d")
        chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        for series in (sent, received):
            series.attachAxis(days)
            series.attachAxis(values)

    # -- export -------------------------------------------------------------------------------
    def ask_export(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), "tradewind-stats.csv", self.tr("CSV files (*.csv)"))
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        if self.data is None:
            return
        stats = self.data.stats
        run_in_background(lambda: jobs.export(stats, path), self._exported, self._export_failed,
                          owner=self)

    def _exported(self, path: Path) -> None:
        self.summary.setText(self.tr("Exported to {0}.").format(str(path)))
        self.exported.emit(str(path))

    def _export_failed(self, exc: BaseException) -> None:
        reason = getattr(exc, "strerror", None) or str(exc)
        self.summary.setText(self.tr("The CSV file could not be written: {0}").format(reason))
