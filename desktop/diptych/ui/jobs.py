"""The window's one long job at a time (linking, fetching, comparing): its progress, label and
Cancel button in the status bar. A feature starts its :class:`~diptych.ui.worker.Job` with
:meth:`JobBar.run`; the bar shows it until the job ends."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from diptych.ui.plain import set_plain
from diptych.ui.worker import Job

WIDEST_STAGE = "Suggesting verdicts: reading the reference's words and numbers…"
JOB_SHARE = 0.95  # of the bar, a job whose result the window then shows in slices


class JobBar(QObject):
    changed = Signal()  # a job started or ended

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.job: Job | None = None  # the job running, if any
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(260)
        self.progress.setAccessibleName("Linking progress")
        self.label = set_plain(QLabel())
        # room for the longest stage with its counts, so the bar beside it stays put as they change
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(WIDEST_STAGE))
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel linking")
        self.cancel_button.clicked.connect(self.stop)
        for wdg in (self.label, self.progress, self.cancel_button):
            status_bar.addWidget(wdg)
            wdg.hide()
        self._idle: list[QWidget] = []  # what the status bar shows only while no job runs
        self._showing = False  # the window is taking a result over, slice by slice
        self._share = 1.0  # of the bar, the job's own progress fills this much

    def hide_while_running(self, widget: QWidget) -> None:
        """``widget`` (the idle hint, the review's figures) gives way to the job's progress."""
        self._idle.append(widget)
        self.changed.connect(lambda: widget.setVisible(self.job is None))

    def run(self, job: Job, first: str, shown_after: bool = False) -> None:
        """Start ``job`` (its stages shown as they come, ``first`` until the first one). With
        ``shown_after``, the window shows the result in slices afterwards (:meth:`showing`): the job
        fills the bar up to ``JOB_SHARE`` and the slices the rest."""
        self._share = JOB_SHARE if shown_after else 1.0
        job.progressed.connect(self._progressed)
        job.finished.connect(lambda j=job: self._finished(j))
        self.job = job
        for wdg in (self.label, self.progress, self.cancel_button):
            wdg.show()
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.label.setText(first)
        job.start()
        self.changed.emit()

    def stop(self) -> None:
        """The Cancel button: the job stops at its next check; the window never waits for it."""
        job = self.job
        if job is not None and not job.is_cancelled():
            job.cancel()
            self.label.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def cancel(self, wait_ms: int = 5000) -> None:
        job = self.job
        if job is not None:
            job.cancel()
            job.wait(wait_ms)

    def _progressed(self, stage: str, fraction: float) -> None:
        if self.job is None or self.job.is_cancelled():
            return
        self.label.setText(f"{stage}…")
        self.progress.setValue(int(fraction * self._share * 1000))

    def _finished(self, job: Job) -> None:
        if self.job is job:
            self.job = None
            if not self._showing:
                for wdg in (self.label, self.progress, self.cancel_button):
                    wdg.hide()
            self.changed.emit()
        job.deleteLater()

    def showing(self, step: int, steps: int) -> None:
        """The window takes a result over in slices (after the job, or from a file): say so, with
        the bar, until the last slice (``step == steps``)."""
        self._showing = step < steps
        if self._showing:
            self.cancel_button.hide()
            self.label.show()
            self.progress.show()
            self.label.setText(f"Showing the articles: step {step + 1} of {steps}…")
            self.progress.setValue(int(1000 * (JOB_SHARE + (1 - JOB_SHARE) * step / steps)))
        elif self.job is None:
            for wdg in (self.label, self.progress, self.cancel_button):
                wdg.hide()
