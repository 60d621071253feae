# Python gipc doing the work of gipc-benchmarks' gipc side, so that both run in one sitting and their ratios mean
# something. Run by io.gipc.benchmarks.PythonGipc; needs gevent and Python gipc importable (PYTHONPATH).
# Usage: python3 python_gipc_side.py SECONDS
# Prints one "name<TAB>value" line per figure; the names are read by PythonGipc.
import sys
import time

import gipc

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0


def sink(reader, report):
    """Counts the bytes of COUNT messages, one get at a time, as gipc-benchmarks' sink with a window of 1."""
    report.put(b'ready')
    count = int(reader.get().decode())
    total = 0
    for _ in range(count):
        total += len(reader.get())
    report.put(str(total).encode())


def echo(end):
    """Sends back every message until an empty one."""
    while True:
        message = end.get()
        if message == b'':
            return
        end.put(message)


def trivial():
    pass


def timed_run(message, count):
    """Seconds for COUNT puts of MESSAGE into a sink child, from the first put to its report."""
    with gipc.pipe(encoder=None, decoder=None) as (reader, writer):
        with gipc.pipe(encoder=None, decoder=None) as (report_reader, report_writer):
            child = gipc.start_process(sink, args=(reader, report_writer))
            report_reader.get()  # the child runs: the clock starts now
            writer.put(str(count).encode())
            t0 = time.perf_counter()
            for _ in range(count):
                writer.put(message)
            total = int(report_reader.get().decode())
            elapsed = time.perf_counter() - t0
            child.join()
    if total != count * len(message):
        raise SystemExit('sink counted %d bytes, not %d' % (total, count * len(message)))
    return elapsed


def one_way(message):
    """Messages per second, calibrated so that a run takes about SECONDS."""
    count = 256
    while True:
        elapsed = timed_run(message, count)
        if elapsed >= SECONDS * 0.5:
            return count / elapsed
        count = int(count * max(2.0, SECONDS / max(elapsed, 1e-3)))


def round_trip_micros():
    with gipc.pipe(duplex=True, encoder=None, decoder=None) as (here, there):
        child = gipc.start_process(echo, args=(there,))
        for _ in range(2000):
            here.put(b'x')
            here.get()
        count = max(2000, int(20000 * SECONDS))
        t0 = time.perf_counter()
        for _ in range(count):
            here.put(b'x')
            here.get()
        elapsed = time.perf_counter() - t0
        here.put(b'')
        child.join()
    return elapsed / count * 1e6


def start_join_millis():
    times = []
    for i in range(12):
        t0 = time.perf_counter()
        child = gipc.start_process(trivial)
        child.join()
        if i >= 2:
            times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    return times[len(times) // 2]


if __name__ == '__main__':
    print('small_msg_per_s\t%.0f' % one_way(b'a'), flush=True)
    print('large_mib_per_s\t%.1f' % (one_way(b'A' * 64000) * 64000 / 2 ** 20), flush=True)
    print('round_trip_us\t%.2f' % round_trip_micros(), flush=True)
    print('start_join_ms\t%.2f' % start_join_millis(), flush=True)
