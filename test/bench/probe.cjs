// Preloaded into a measured Node process (node --require test/bench/probe.cjs ...) by `npm run bench`.
// With BENCH_PROBE_FILE set, its main thread samples its own event-loop delay; on SIGUSR2 it writes a
// snapshot (event-loop delay since the last snapshot, memory, CPU) to that file and starts a new
// interval; at exit it writes a last one. Writes nothing to stdout or stderr (an LSP server's stdout
// is its protocol). Worker threads (which inherit --require) do nothing.
'use strict';
const { isMainThread } = require('node:worker_threads');
const file = process.env.BENCH_PROBE_FILE;
if (file && isMainThread) {
  const fs = require('node:fs');
  const { monitorEventLoopDelay } = require('node:perf_hooks');
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let seq = 0;
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const snapshot = (final) => {
    const ru = process.resourceUsage();
    const mem = process.memoryUsage();
    const s = {
      seq: ++seq,
      final,
      eld: { p50: ms(h.percentile(50)), p95: ms(h.percentile(95)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean), n: h.count },
      mem: { rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal, external: mem.external, arrayBuffers: mem.arrayBuffers },
      cpu: { userMs: ru.userCPUTime / 1000, systemMs: ru.systemCPUTime / 1000, maxRssKB: ru.maxRSS },
    };
    try {
      fs.writeFileSync(file + '.tmp', JSON.stringify(s));
      fs.renameSync(file + '.tmp', file);
    } catch {
      // the bench reads what it can
    }
    h.reset();
  };
  process.on('SIGUSR2', () => snapshot(false));
  process.on('exit', () => snapshot(true));
}
