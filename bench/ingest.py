"""Ingest throughput and memory: `rasid ingest` on N SaudiNewsNet articles with 1 and 2 workers and on a local
Dask cluster. Prints articles/s (pipeline + store, including loading the pipeline), wall and CPU time, the speed-up of 2
workers over 1 and the peak resident memory of the whole process tree (sampled every 0.2 s).

    .venv/bin/python bench/ingest.py            # 5,000 articles (targets: >= 50/s per core, x1.7, < 1.5 GB)
    .venv/bin/python bench/ingest.py --n 500 --modes 1,2
    .venv/bin/python bench/ingest.py --repeat 3  # 1-then-2 pairs; the speed-up of each pair and their median

On a shared 2-core machine one run's speed-up moves by several per cent with whatever else runs (the 2-worker run
has no idle core to absorb it); `--repeat` runs the modes that many times, alternating, and prints every figure.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def tree_memory(pid: int, pss: bool = True) -> tuple[int, int]:
    """(RSS, PSS) bytes of a process and all its descendants, summed. RSS counts a page shared by several
    processes (libraries, copy-on-write pages) once in each; PSS divides it between them, so the PSS sum is
    what the tree really occupies. RSS is cheap to read (/proc/PID/statm); PSS is not (the kernel walks the
    page tables: ~8 ms per 700 MB process), so with `pss=False` it is left at 0."""
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    rss = pss_sum = 0
    for q in procs:
        try:
            if pss:
                m = q.memory_full_info()
                rss += m.rss
                pss_sum += getattr(m, "pss", m.rss)
            else:
                rss += q.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return rss, pss_sum


#: Seconds between memory samples: RSS (the target's figure) every RSS_EVERY, PSS every PSS_EVERY. Reading PSS
#: of three 700 MB processes every 0.2 s took ~15% of a core, which slowed the 2-worker run (no idle core
#: to absorb it) by ~7% and not the 1-worker run: the bench was lowering the speed-up it measures.
RSS_EVERY, PSS_EVERY = 0.2, 5.0


def run(mode: str, src: Path, tmp: Path, pin: bool = False) -> dict[str, float]:
    db = tmp / f"bench-{mode}.db"
    for f in tmp.glob(f"bench-{mode}.db*"):
        f.unlink()
    cmd = [sys.executable, "-m", "rasid.cli", "ingest", str(src), "--db", str(db), "--no-incidents",
           "--no-progress"]
    cmd += ["--dask", "local"] if mode == "dask" else ["--workers", mode]
    if pin and mode != "dask":
        # N workers get exactly N cores: 1 worker cannot borrow the second core through ONNX's threads
        cmd = ["taskset", "-c", ",".join(str(i) for i in range(int(mode))), *cmd]
    peak = peak_pss = 0
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        last_pss = 0.0
        while not done.is_set():
            with_pss = time.perf_counter() - last_pss >= PSS_EVERY
            rss, pss = tree_memory(proc.pid, pss=with_pss)
            if with_pss:
                last_pss = time.perf_counter()
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(RSS_EVERY)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    done.set()
    th.join()
    m = re.search(r"(\d+) processed in ([\d.]+) s \(([\d.]+) articles/s\)", err)
    if proc.returncode not in (0, 1) or not m:
        raise SystemExit(f"ingest failed ({mode}):\n{err[-2000:]}")
    ev = re.search(r"(\d+) event\(s\)", err)
    return {"processed": int(m.group(1)), "seconds": float(m.group(2)), "rate": float(m.group(3)),
            "wall": wall, "cpu": cpu, "peak_mb": peak / 2**20, "peak_pss_mb": peak_pss / 2**20,
            "events": int(ev.group(1)) if ev else -1}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000, help="articles (default 5000)")
    ap.add_argument("--modes", default="1,2,dask", help="comma-separated: worker counts and/or 'dask'")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=1, help="run the modes this many times (default 1)")
    ap.add_argument("--pin", action="store_true",
                    help="run N workers on exactly N cores (taskset), so the 1-worker figure is one core")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="rasid-bench-") as d:
        tmp = Path(d)
        src = tmp / "articles.jsonl"
        with gzip.open(args.corpus, "rt", encoding="utf-8") as fh, src.open("w", encoding="utf-8") as out:
            out.writelines(itertools.islice(fh, args.n))
        print(f"rasid ingest on {args.n} SaudiNewsNet articles; {os.cpu_count()} core(s) on this machine "
              "(shared: figures vary with load)")
        print(f"{'mode':>6} {'processed':>9} {'events':>7} {'art/s':>7} {'art/s/core':>10} {'wall s':>7} "
              f"{'cpu s':>7} {'art/cpu-s':>9} {'peak MB':>8} {'PSS MB':>7}")
        runs: list[dict[str, dict[str, float]]] = []
        for rep in range(args.repeat):
            res: dict[str, dict[str, float]] = {}
            for mode in args.modes.split(","):
                r = run(mode, src, tmp, args.pin)
                res[mode] = r
                cores = (os.cpu_count() or 1) if mode == "dask" else int(mode)
                label = mode if args.repeat == 1 else f"{mode}#{rep + 1}"
                print(f"{label:>6} {r['processed']:>9.0f} {r['events']:>7.0f} {r['rate']:>7.1f} "
                      f"{r['rate'] / cores:>10.1f} {r['wall']:>7.1f} {r['cpu']:>7.0f} "
                      f"{r['processed'] / max(r['cpu'], 1e-9):>9.1f} {r['peak_mb']:>8.0f} {r['peak_pss_mb']:>7.0f}",
                      flush=True)
            runs.append(res)
        ups = [res["2"]["rate"] / res["1"]["rate"] for res in runs if "1" in res and "2" in res]
        if ups:
            each = " ".join(f"x{u:.2f}" for u in ups)
            print(f"speed-up 2 workers / 1: {each}" + (f" (median x{statistics.median(ups):.2f})" if len(ups) > 1 else "")
                  + " (target >= 1.7)")
        res = {m: max((r[m] for r in runs), key=lambda x: x["peak_mb"]) for m in runs[0]}
        print("art/cpu-s = articles per CPU-second of the whole process tree: the per-core rate without the "
              "other load on a shared machine")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        print(f"peak memory: {max(r['peak_mb'] for r in res.values()):.0f} MB (target < 1536 MB): the sum of the "
              "processes' resident sizes, sampled every 0.2 s; PSS MB shares each page between the processes that "
              f"map it (what the tree really occupies), sampled every {PSS_EVERY:.0f} s, peak {max(r['peak_pss_mb'] for r in res.values()):.0f} MB")


if __name__ == "__main__":
    main()
