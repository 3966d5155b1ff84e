"""Extraction after the capture, with a time budget.

A capture stores its highlight and queues the page's HTML (store
`add_capture`); this worker extracts queued pages one at a time, off the
request path, and writes the article and every highlight's context back;
then it hands the extracted pages to a `ReadAhead` (the app gives it the
hatch service's, which reads them ahead for a hatch).

Why a process and not a thread: Python cannot interrupt a thread stuck in
lxml or in a regex, and such a thread holds the GIL, so the whole server
would stop answering. The extractor runs in one child process (started from
a forkserver, so it is quick and safe from a threaded server); a page that
takes longer than the budget gets the child killed, keeps its plain text and
is marked `timed_out`. The thread and the child stop when there is no work.
"""

from __future__ import annotations

import html as html_lib
import logging
import multiprocessing
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass

from .. import extract
from ..contract.limits import MAX_HATCH_PAGES
from ..store import DONE, FAILED, TIMED_OUT, QueuedExtraction, Store

LOGGER = logging.getLogger(__name__)

# A real article takes well under a second; a page past this is hostile or
# broken, and waiting longer only delays the pages queued behind it.
DEFAULT_BUDGET_SECONDS = 20.0
# The thread and its child process stop after this long without work.
IDLE_SECONDS = 30.0
EXTENSION_KEY = "hatchery.extraction"

Extractor = Callable[[str, "str | None"], extract.Article]
# What is done with the pages just extracted, given way to new work: called
# with the store, the page ids and a `stop()`; returns the ids not done yet.
ReadAhead = Callable[[Store, list[int], Callable[[], bool]], list[int]]
# The most pages kept waiting for a read-ahead: the most one hatch takes.
UNREAD_PAGES = MAX_HATCH_PAGES


@dataclass
class ChildJob:
    """What the child process is sent: the HTML to extract (or an article
    already extracted) and the quotes to locate in it."""

    extractor: Extractor
    url: str
    html: str | None
    article: dict | None
    quotes: list[dict]


def _child_main(conn) -> None:
    """The child's loop: one job in, ("ok", article, contexts) or
    ("error", message) out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
    _die_with_parent()
    while True:
        try:
            job: ChildJob = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if job.article is not None:
                article = extract.Article.from_dict(job.article)
            else:
                article = job.extractor(job.html or "", job.url)
                # The highlight comes first: a passage the extractor left
                # out (a sidebar, a comment) joins the article, so every
                # highlight keeps its context whatever the page type.
                for quote in job.quotes:
                    article = extract.include_highlight_block(
                        article, job.html or "", quote["exact"], quote["prefix"],
                        quote["suffix"])
            contexts = {}
            if article.blocks:
                for quote in job.quotes:
                    contexts[quote["id"]] = extract.find_context(
                        article, quote["exact"], quote["prefix"], quote["suffix"]).to_dict()
            conn.send(("ok", article.to_dict(), contexts))
        except Exception as error:  # an odd page must not end the child
            conn.send(("error", f"{type(error).__name__}: {error}"[:500]))


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent (the forkserver, which
    ends with the server) goes: a child stuck on a hostile page would
    otherwise outlive a server that was killed."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the child ends at its next job
        pass


_PR_SET_PDEATHSIG = 1


class _Child:
    """One extraction process, started when needed and killed when a job
    runs over its budget."""

    def __init__(self) -> None:
        self.process = None
        self.conn = None

    def run(self, job: ChildJob, budget: float) -> tuple | None:
        """The child's answer, or None when it ran over `budget` seconds."""
        if self.process is None or not self.process.is_alive():
            self._start()
        try:
            self.conn.send(job)
            if self.conn.poll(budget):
                return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self.stop()
            return ("error", "the extraction process ended")
        self.stop()
        return None

    def _start(self) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["hatchery.extract"])
        parent, child = context.Pipe()
        self.process = context.Process(target=_child_main, args=(child,), daemon=True,
                                       name="hatchery-extractor")
        self.process.start()
        child.close()
        self.conn = parent

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(timeout=10)
            self.conn.close()
        self.process = self.conn = None


class ExtractionWorker:
    """The queue's one consumer for a database.

    :param database: the SQLite file
    :param budget: seconds one page may take
    :param extractor: `extract.extract_article` or a function like it
        (module level, so the child process can import it)
    :param read_ahead: what to do with extracted pages once the queue is
        empty (nothing when None)
    """

    def __init__(self, database: str, *, budget: float = DEFAULT_BUDGET_SECONDS,
                 extractor: Extractor = extract.extract_article,
                 read_ahead: ReadAhead | None = None):
        self.database = database
        self.budget = budget
        self.extractor = extractor
        self.read_ahead = read_ahead
        self._lock = threading.Lock()
        self._settled = threading.Condition(self._lock)
        self._work = threading.Event()
        self._thread: threading.Thread | None = None
        self._busy = False
        self._unread: list[int] = []  # extracted, not yet read ahead for a hatch

    def wake(self) -> None:
        """Say there is work; starts the thread when it is not running."""
        with self._lock:
            self._busy = True
            self._work.set()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="hatchery-extraction")
                self._thread.start()

    def wait_until_settled(self, timeout: float) -> bool:
        """Block until the queue is empty; False after `timeout` seconds."""
        with self._settled:
            return self._settled.wait_for(lambda: not self._busy, timeout)

    def _run(self) -> None:
        store, child = Store(self.database), _Child()
        try:
            while self._next_round(store, child):
                pass
        finally:
            child.stop()
            store.close()

    def _next_round(self, store: Store, child: _Child) -> bool:
        """Extract every queued page, then wait for more; False to stop."""
        self._work.clear()
        while (job := store.next_extraction()) is not None:
            try:
                self._extract(store, child, job)
            except Exception:  # the next page must still get its turn
                LOGGER.exception("extraction of page %s failed", job.page_id)
                store.finish_extraction(job, state=FAILED, article=None,
                                        text=plain_text(job.html))
            if self.read_ahead is not None:
                self._unread = [i for i in self._unread if i != job.page_id] + [job.page_id]
        if self._unread:
            # Extraction first: a page queued meanwhile stops the reading,
            # and the pages not read yet wait for the next round.
            self._unread = self.read_ahead(store, self._unread[-UNREAD_PAGES:],
                                           self._work.is_set)
        with self._lock:
            if not self._work.is_set():
                self._busy = False
                self._settled.notify_all()
        if self._work.wait(IDLE_SECONDS):
            return True
        with self._lock:
            if self._work.is_set():
                return True
            self._thread = None
            return False

    def _extract(self, store: Store, child: _Child, job: QueuedExtraction) -> None:
        answer = child.run(ChildJob(self.extractor, job.url, job.html, None, job.highlights),
                           self.budget)
        if answer is None or answer[0] != "ok":
            state = TIMED_OUT if answer is None else FAILED
            LOGGER.warning("page %s: extraction %s%s", job.url, state,
                           "" if answer is None else f" ({answer[1]})")
            store.finish_extraction(job, state=state, article=None, text=plain_text(job.html))
            return
        _, article, contexts = answer
        late = store.finish_extraction(job, state=DONE, article=article, contexts=contexts)
        if late:  # highlights captured while the page was being extracted
            answer = child.run(ChildJob(self.extractor, job.url, None, article, late),
                               self.budget)
            if answer is not None and answer[0] == "ok":
                store.save_contexts(job.page_id, answer[2])


def install_worker(app, *, read_ahead: ReadAhead | None = None) -> ExtractionWorker:
    """Give the app its extraction worker (the app factory does, once).

    :param app: the Flask app (config `DATABASE`, `EXTRACTION_SECONDS`,
        `EXTRACTOR`)
    :param read_ahead: see `ExtractionWorker`
    """
    return app.extensions.setdefault(EXTENSION_KEY, ExtractionWorker(
        app.config["DATABASE"],
        budget=float(app.config.get("EXTRACTION_SECONDS", DEFAULT_BUDGET_SECONDS)),
        extractor=app.config.get("EXTRACTOR", extract.extract_article),
        read_ahead=read_ahead))


def worker_for(app) -> ExtractionWorker:
    """The app's extraction worker (one without a read-ahead when the
    factory did not install one)."""
    return app.extensions.get(EXTENSION_KEY) or install_worker(app)


# Tags whose content is not page text, and tags that end a paragraph.
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "noembed", "template", "textarea",
                           "svg", "math", "head", "title", "iframe", "object"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                         "section", "article", "blockquote", "pre", "table", "ul", "ol",
                         "header", "footer", "dd", "dt", "figure", "hr"})


def plain_text(html: str) -> str:
    """The text of an HTML page without its tags, in one pass: what a page
    keeps when its extraction failed. Linear in the page's length, whatever
    the page holds (every search moves forward and never rescans)."""
    # ASCII-only lowering keeps every index where it was (str.lower does not).
    lowered = html.encode("ascii", "replace").lower().decode("ascii")
    pieces, pos, size = [], 0, len(html)
    while pos < size:
        start = html.find("<", pos)
        if start < 0:
            pieces.append(html[pos:])
            break
        pieces.append(html[pos:start])
        if lowered.startswith("<!--", start):
            end = lowered.find("-->", start + 4)
            pos = size if end < 0 else end + 3
            continue
        end = html.find(">", start)
        if end < 0:
            break
        name = _tag_name(lowered[start + 1:end])
        pos = end + 1
        if name in _SKIPPED_TAGS and not lowered.startswith("</", start):
            close = lowered.find(f"</{name}", pos)
            close_end = lowered.find(">", close) if close >= 0 else -1
            pos = size if close_end < 0 else close_end + 1
        elif name in _BLOCK_TAGS:
            pieces.append("\n\n")
    paragraphs = (" ".join(p.split()) for p in html_lib.unescape("".join(pieces)).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _tag_name(inside: str) -> str:
    """`p` for `p class="x"`, `/p` and `br/`."""
    words = inside.lstrip("/").split(None, 1)
    return words[0].rstrip("/") if words else ""
