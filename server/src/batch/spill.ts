// Pass 2's packed reports, held by the CLI's main thread until pass 3 writes them in the files'
// order. Kept in memory, 30,000 articles' reports were about 86 MB of buffers, growing with the
// corpus; here they go to a temporary file as they come and are read back one at a time, so the
// CLI's memory does not grow with the reports. The file is removed as soon as it is open where the
// system allows it (POSIX), so that nothing is left behind even if the process is killed; otherwise
// when the store is closed. If no temporary file can be made or written (a read-only or full
// disk), the reports stay in memory from then on: slower to grow, never lost.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ReportStoreOptions {
  /** Where the temporary file goes (default: os.tmpdir()); null keeps every report in memory. */
  dir?: string | null;
}

export class ReportStore {
  /** The temporary file, open for reading and writing (undefined: none could be made). */
  private fd: number | undefined;
  /** False after a write failed: the file is then only read, and new reports stay in memory. */
  private writable = true;
  private folder: string | undefined;
  private file: string | undefined;
  private size = 0;
  /** Per file: where its report is in the temporary file, or the report itself. */
  private readonly at = new Map<string, { offset: number; length: number } | Uint8Array>();
  /** How many reports went to the temporary file; how many stayed in memory. */
  readonly counts = { spilled: 0, inMemory: 0 };

  constructor(opts: ReportStoreOptions = {}) {
    const dir = opts.dir === undefined ? os.tmpdir() : opts.dir;
    if (dir === null) return;
    try {
      this.folder = fs.mkdtempSync(path.join(dir, 'corpus-curator-reports-'));
      this.file = path.join(this.folder, 'reports.bin');
      this.fd = fs.openSync(this.file, 'w+', 0o600);
    } catch {
      this.drop();
      return;
    }
    try {
      fs.unlinkSync(this.file);
      fs.rmdirSync(this.folder);
      this.file = this.folder = undefined;
    } catch {
      /* an open file cannot be removed here (Windows): close() removes it */
    }
  }

  /** Keeps `file`'s report (replacing one kept before). */
  put(file: string, report: Uint8Array): void {
    if (this.fd !== undefined && this.writable) {
      try {
        let done = 0;
        while (done < report.length) done += fs.writeSync(this.fd, report, done, report.length - done, this.size + done);
        this.at.set(file, { offset: this.size, length: report.length });
        this.size += report.length;
        this.counts.spilled++;
        return;
      } catch {
        // the disk is full or gone: this report and the next stay in memory (those written can still be read)
        this.writable = false;
      }
    }
    this.at.set(file, report);
    this.counts.inMemory++;
  }

  has(file: string): boolean {
    return this.at.has(file);
  }

  /** `file`'s report, forgotten by the store (undefined if none was kept). */
  take(file: string): Uint8Array | undefined {
    const where = this.at.get(file);
    if (where === undefined) return undefined;
    this.at.delete(file);
    if (where instanceof Uint8Array) return where;
    const out = new Uint8Array(where.length);
    let done = 0;
    while (done < where.length) {
      const n = fs.readSync(this.fd!, out, done, where.length - done, where.offset + done);
      if (n === 0) throw new Error(`the temporary file of reports ended early (${where.offset + done} of ${this.size} bytes)`);
      done += n;
    }
    return out;
  }

  /** Closes and removes the temporary file. */
  close(): void {
    this.at.clear();
    if (this.fd !== undefined) {
      try { fs.closeSync(this.fd); } catch { /* closed already */ }
      this.fd = undefined;
    }
    this.drop();
  }

  private drop(): void {
    if (this.file) try { fs.rmSync(this.file, { force: true }); } catch { /* gone */ }
    if (this.folder) try { fs.rmSync(this.folder, { recursive: true, force: true }); } catch { /* gone */ }
    this.file = this.folder = undefined;
  }
}
