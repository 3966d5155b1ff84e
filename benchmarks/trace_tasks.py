"""What the long main-thread tasks of a Chromium trace were made of.

Used by `anchoring.py --trace DIR`: each anchoring run is recorded with
CDP `Tracing` (the categories below), and every task of the page's main
thread over LONG_TASK_MS is taken apart: garbage collection (which kind),
script (which function of which file), style and layout, paint, and the
time the thread was not running at all (wall time minus thread time: the
tab descheduled, another process on the core).

    python benchmarks/trace_tasks.py TRACE.json [...]   # a saved trace again
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

CATEGORIES = [
    "toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline",
    "v8", "v8.execute", "v8.gc", "disabled-by-default-v8.gc", "blink.user_timing",
    "blink_gc",
]
# The sampling profiler says which function ran (starting it is a task of
# 60-100 ms, given one of its own by `Tracer.start`): only on request.
SAMPLING = "disabled-by-default-v8.cpu_profiler"

# A task over this long misses a frame at 60 Hz (the goal of issue 14).
LONG_TASK_MS = 16.0

# The top-level task events Chromium's schedulers emit.
TASK_NAMES = {"ThreadControllerImpl::RunTask", "RunTask"}

# What a task's time is put down to, by event name (the first that matches).
KINDS = (
    ("gc-minor", ("MinorGC", "V8.GC_SCAVENGER", "V8.GCScavenger", "ScavengeTask", "MinorMS")),
    ("gc-major", ("MajorGC", "V8.GC_MARK_COMPACTOR", "V8.GCFinalizeMC", "V8.GCCompactor",
                  "V8.GCIncrementalMarking", "V8.GCFinalizeMCReduceMemory", "V8.GC_MC_")),
    ("gc-blink", ("BlinkGC", "CppGC", "BlinkGC.")),
    ("gc-other", ("V8.GC", "GCEvent")),
    ("style", ("UpdateLayoutTree", "RecalculateStyles", "ScheduleStyleRecalculation")),
    ("layout", ("Layout", "UpdateLayout", "LayoutShift")),
    ("paint", ("PrePaint", "Paint", "Layerize", "UpdateLayer", "Commit", "CompositeLayers",
               "PaintImage", "RasterTask")),
    ("script", ("FunctionCall", "v8.callFunction", "EvaluateScript", "v8.compile",
                "V8.Execute", "v8.run", "TimerFire", "FireAnimationFrame", "EventDispatch")),
)


def kind_of(name: str) -> str | None:
    for kind, prefixes in KINDS:
        if any(name == p or name.startswith(p) for p in prefixes):
            return kind
    return None


class Tracer:
    """Record a trace of the browser over a CDP session of `page`."""

    def __init__(self, context, page, sampling: bool = False):
        self.page = page
        self.categories = CATEGORIES + [SAMPLING] * sampling
        self.cdp = context.new_cdp_session(page)
        self.events: list[dict] = []
        self.complete = False
        self.cdp.on("Tracing.dataCollected", lambda p: self.events.extend(p["value"]))
        self.cdp.on("Tracing.tracingComplete", lambda p: setattr(self, "complete", True))

    def start(self) -> None:
        self.events, self.complete = [], False
        self.cdp.send("Tracing.start", {
            "traceConfig": {"includedCategories": self.categories, "recordMode": "recordAsMuchAsPossible"},
            "transferMode": "ReportEvents",
        })
        # Whatever script runs first after the start pays for starting the
        # sampling profiler (60-100 ms): let that be this, not the page's.
        self.page.evaluate("0")
        self.page.wait_for_timeout(100)

    def stop(self) -> list[dict]:
        self.cdp.send("Tracing.end")
        while not self.complete:
            self.page.wait_for_timeout(50)
        return self.events


def main_threads(events: list[dict]) -> list[tuple[int, int]]:
    """(pid, tid) of every renderer main thread, busiest first."""
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
             if e.get("ph") == "M" and e.get("name") == "thread_name"}
    busy: dict[tuple[int, int], float] = defaultdict(float)
    for e in events:
        if e.get("ph") == "X" and e.get("name") in TASK_NAMES:
            busy[(e["pid"], e["tid"])] += e.get("dur", 0)
    mains = [t for t, n in names.items() if n == "CrRendererMain"]
    return sorted(mains, key=lambda t: -busy[t])


def long_tasks(events: list[dict], thread: tuple[int, int], over_ms: float = LONG_TASK_MS) -> list[dict]:
    """The top-level tasks of `thread` longer than `over_ms`, each taken apart."""
    mine, tasks = top_tasks(events, thread)
    t0 = mine[0]["ts"] if mine else 0
    out = []
    starts = [t["ts"] for t in tasks]
    for task in tasks:
        if task["dur"] / 1000 <= over_ms:
            continue
        inside = [e for e in mine if task["ts"] <= e["ts"] and e["ts"] + e["dur"] <= task["ts"] + task["dur"]
                  and e is not task]
        out.append(describe(task, inside, t0))
    out.append({"tasks": len(starts)})  # the count of all top-level tasks, last
    return out


# The sources of the main thread's tasks that matter here, by Chromium's
# name for the function that posted them.
SOURCES = {
    "DOMTaskContinuation": "slices",           # after scheduler.yield(): our anchoring and observer slices
    "PostTaskToDeliverNotifications": "observer",  # an IntersectionObserver delivery
    "DOMTimer": "timers",                      # setTimeout: the paint batches
    "ScheduledActionSendBeginMainFrame": "frames",  # a rendering update
}

# V8's collections as the timeline names them, once per collection.
GC_EVENTS = {"MinorGC": "minor", "MajorGC": "major"}


def top_tasks(events: list[dict], thread: tuple[int, int]) -> tuple[list[dict], list[dict]]:
    """The events of `thread` in order, and its top-level tasks."""
    mine = sorted((e for e in events if e.get("ph") == "X" and (e["pid"], e["tid"]) == thread
                   and "dur" in e), key=lambda e: (e["ts"], -e["dur"]))
    tasks, end = [], -1
    for e in mine:
        if e["name"] in TASK_NAMES and e["ts"] >= end:
            tasks.append(e)
            end = e["ts"] + e["dur"]
    return mine, tasks


def profile(events: list[dict]) -> dict:
    """Every task of the busiest renderer main thread by source (SOURCES):
    how many, their CPU time in all and the longest; and V8's collections
    on that thread (each MinorGC / MajorGC event: count and ms)."""
    threads = main_threads(events)
    if not threads:
        return {}
    mine, tasks = top_tasks(events, threads[0])
    sources: dict[str, dict] = {}
    k = 0
    for task in tasks:
        while k < len(mine) and mine[k]["ts"] < task["ts"]:
            k += 1
        source, j = None, k
        while j < len(mine) and mine[j]["ts"] <= task["ts"] + task["dur"]:
            e = mine[j]
            j += 1
            if e["name"] in TASK_NAMES and e.get("args", {}).get("src_func"):
                source = e["args"]["src_func"]
                break
        kind = SOURCES.get(source)
        if not kind:
            continue
        cpu = (task.get("tdur") or 0) / 1000
        got = sources.setdefault(kind, {"tasks": 0, "cpu_ms": 0.0, "max_cpu_ms": 0.0})
        got["tasks"] += 1
        got["cpu_ms"] += cpu
        got["max_cpu_ms"] = max(got["max_cpu_ms"], cpu)
    gc = {kind: {"count": 0, "ms": 0.0} for kind in GC_EVENTS.values()}
    for e in mine:
        kind = GC_EVENTS.get(e["name"])
        if kind:
            gc[kind]["count"] += 1
            gc[kind]["ms"] += e["dur"] / 1000
    return {"sources": sources, "gc": gc}


def merge_profiles(profiles: list[dict]) -> dict:
    """`profile`s of several runs added up (the longest: the longest of all)."""
    sources: dict[str, dict] = {}
    gc = {kind: {"count": 0, "ms": 0.0} for kind in GC_EVENTS.values()}
    for p in profiles:
        for kind, got in p.get("sources", {}).items():
            into = sources.setdefault(kind, {"tasks": 0, "cpu_ms": 0.0, "max_cpu_ms": 0.0})
            into["tasks"] += got["tasks"]
            into["cpu_ms"] += got["cpu_ms"]
            into["max_cpu_ms"] = max(into["max_cpu_ms"], got["max_cpu_ms"])
        for kind, got in p.get("gc", {}).items():
            gc[kind]["count"] += got["count"]
            gc[kind]["ms"] += got["ms"]
    rounded = lambda d: {k: round(v, 2) if isinstance(v, float) else v for k, v in d.items()}  # noqa: E731
    return {"runs": len(profiles), "sources": {k: rounded(v) for k, v in sources.items()},
            "gc": {k: rounded(v) for k, v in gc.items()}}


def describe(task: dict, inside: list[dict], t0: float) -> dict:
    """A task's time by kind (outermost event of each kind counted, so a GC
    inside a function call is GC, not script), and its script's functions."""
    by_kind: dict[str, float] = defaultdict(float)
    claimed: list[tuple[float, float, str]] = []  # outermost intervals per kind
    functions: dict[str, float] = defaultdict(float)
    worlds = sorted({e["args"]["worldName"] for e in inside
                     if e["name"] == "v8.callFunction" and e.get("args", {}).get("worldName")})
    gcs = []
    # GC first: a collection inside a script call is put down to GC.
    order = sorted(inside, key=lambda e: (0 if (kind_of(e["name"]) or "").startswith("gc") else 1, e["ts"]))
    for e in order:
        kind = kind_of(e["name"])
        if not kind:
            continue
        a, b = e["ts"], e["ts"] + e["dur"]
        if kind.startswith("gc"):
            if any(k.startswith("gc") and a >= x and b <= y for x, y, k in claimed):
                continue
            gcs.append({"name": e["name"], "ms": round(e["dur"] / 1000, 2),
                        "at_ms": round((a - task["ts"]) / 1000, 2)})
            by_kind[kind] += e["dur"]
            claimed.append((a, b, kind))
            continue
        if any(a >= x and b <= y for x, y, _ in claimed):
            continue
        # Time of this event not already put down to a GC inside it.
        gc_inside = sum(y - x for x, y, k in claimed if k.startswith("gc") and x >= a and y <= b)
        by_kind[kind] += e["dur"] - gc_inside
        claimed.append((a, b, kind))
        if kind == "script":
            data = e.get("args", {}).get("data", {})
            where = f"{data.get('functionName') or '?'} ({Path(data.get('url') or '?').name})"
            functions[where] += e["dur"] - gc_inside
    counted = sum(by_kind.values())
    # Starting the sampling profiler (our tracing, not the page): set apart.
    tracing = any(e["name"] == "CpuProfiler::StartProfiling" for e in inside)
    tdur = task.get("tdur")
    return {
        "at_ms": round((task["ts"] - t0) / 1000, 1),
        "ms": round(task["dur"] / 1000, 2),
        "thread_ms": round(tdur / 1000, 2) if tdur is not None else None,
        # Wall time the thread did not run (descheduled): not the page's work.
        "off_cpu_ms": round((task["dur"] - tdur) / 1000, 2) if tdur is not None else None,
        "by_kind_ms": {k: round(v / 1000, 2) for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1])},
        "other_ms": round((task["dur"] - counted) / 1000, 2),
        "tracing": tracing,
        "gcs": gcs,
        # "Hatchery highlighter" when our content script ran in the task.
        "worlds": worlds,
        # The task's own kind: a timer, a message, a frame…
        "source": next((e["args"]["src_func"] for e in [task, *inside]
                        if e["name"] in TASK_NAMES and e.get("args", {}).get("src_func")), ""),
        "functions_ms": {k: round(v / 1000, 2) for k, v in sorted(functions.items(), key=lambda kv: -kv[1])},
    }


def label_of(task: dict) -> str:
    """What a long task mostly was: our script, a collection, the page's paint…"""
    if task.get("tracing"):
        return "profiler start (tracing)"
    kinds = task["by_kind_ms"]
    top = max(kinds, key=kinds.get) if kinds else "other"
    if top == "script" and "Hatchery highlighter" in task["worlds"]:
        top = "our script"
    return top


def summary(tasks: list[dict]) -> dict:
    """Tasks over LONG_TASK_MS of wall time, and those over it on the CPU
    (thread time), each counted by what it mostly was."""
    def count(ts):
        out: dict[str, int] = defaultdict(int)
        for t in ts:
            out[label_of(t)] += 1
        return dict(out)
    tasks = [t for t in tasks if not t.get("tracing")]
    on_cpu = [t for t in tasks if (t["thread_ms"] or 0) > LONG_TASK_MS]
    return {
        "over_16ms": len(tasks), "kinds": count(tasks),
        "over_16ms_on_cpu": len(on_cpu), "kinds_on_cpu": count(on_cpu),
        "longest_ms": max((t["ms"] for t in tasks), default=0),
        "longest_on_cpu_ms": max((t["thread_ms"] or 0 for t in tasks), default=0),
    }


def print_summaries(summaries: dict[str, dict]) -> None:
    """Print `summary` of each scenario's runs."""
    print("Main-thread tasks over 16 ms in the traces (all runs), by what each mostly was;")
    print("'on cpu' counts those whose thread time alone was over 16 ms (the others")
    print("were long because the thread was not running: the machine's load).")
    for name, t in summaries.items():
        print(f"  {name:<11} {t['over_16ms']:>3} tasks {t['kinds']}, longest {t['longest_ms']} ms; "
              f"on cpu {t['over_16ms_on_cpu']} {t['kinds_on_cpu']}, longest {t['longest_on_cpu_ms']} ms")
    if not any("profile" in t for t in summaries.values()):
        return
    print("Every task by source, all runs: count, CPU ms in all / the longest; and V8's")
    print("collections on the main thread (count, ms), the trace's MinorGC and MajorGC:")
    for name, t in summaries.items():
        p = t.get("profile")
        if not p:
            continue
        tasks = "; ".join(f"{k} {v['tasks']} {v['cpu_ms']:.0f}/{v['max_cpu_ms']:.1f}"
                          for k, v in sorted(p["sources"].items()))
        gc = ", ".join(f"{k} {v['count']} ({v['ms']:.1f} ms)" for k, v in p["gc"].items())
        print(f"  {name:<11} {p['runs']} runs: {tasks}; gc {gc}")


def report(events: list[dict], label: str = "") -> list[dict]:
    """Print the long tasks of the busiest renderer main thread; return them."""
    threads = main_threads(events)
    if not threads:
        print(f"{label}: no renderer main thread in the trace")
        return []
    found = long_tasks(events, threads[0])
    count = found.pop()["tasks"]
    print(f"{label}: {len(found)} of {count} tasks over {LONG_TASK_MS:g} ms")
    for t in found:
        print(f"  at {t['at_ms']:>8} ms: {t['ms']:>6} ms (thread {t['thread_ms']} ms, off cpu "
              f"{t['off_cpu_ms']} ms) {t['source']} {t['worlds']} {t['by_kind_ms']} other {t['other_ms']}")
        for g in t["gcs"]:
            if g["ms"] >= 0.5:
                print(f"      {g['name']} {g['ms']} ms at +{g['at_ms']} ms")
        for f, ms in list(t["functions_ms"].items())[:4]:
            print(f"      script {f}: {ms} ms")
    return found


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        data = json.loads(Path(arg).read_text())
        report(data["traceEvents"] if isinstance(data, dict) else data, arg)
