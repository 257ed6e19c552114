import { hasGnuTime, runOnce } from '../../../scripts/bench/measure';
import { BUSY_OTHER_CPUS, busyNote, machineBusySeconds, otherCpus } from '../../../scripts/bench/other-work';

// A command that burns `ms` milliseconds of CPU time (not of wall time: on a busy machine it gets
// less than a CPU, and the tests compare CPU time). It counts user and system time and asks for
// them only every 100,000 additions: a loop that calls getrusage on every turn spends most of its
// time in the kernel, and counting only user time made 0.5 s of user time cost about 3 s of CPU.
const burn = (ms: number) => ({
  file: process.execPath,
  args: [
    '-e',
    'const start = process.cpuUsage(); let x = 0; for (;;) { for (let i = 0; i < 1e5; i++) x += i; ' +
      `const used = process.cpuUsage(start); if (used.user + used.system >= ${ms * 1000}) break; }`,
  ],
  cwd: process.cwd(),
});

describe('other work during a benchmark run', () => {
  test("the machine's busy seconds are user, nice, system, irq, softirq and steal, in ticks of 1/100 s", () => {
    const stat = ['cpu  1000 200 300 90000 500 50 50 0 0 0', 'cpu0 500 100 150 45000 250 25 25 0 0 0', 'intr 1'].join('\n');
    expect(machineBusySeconds(stat)).toBeCloseTo((1000 + 200 + 300 + 50 + 50) / 100);
    expect(machineBusySeconds('intr 1\n')).toBeUndefined();
  });

  test('the busy seconds of this machine grow by at least the CPU time a process burns', async () => {
    const before = machineBusySeconds()!;
    await runOnce(burn(400));
    expect(machineBusySeconds()! - before).toBeGreaterThanOrEqual(0.3);
  });

  test('other work is the busy time the run did not use itself, per second of wall time', () => {
    // 10 s of wall: the machine was busy 25 CPU-s, the run used 20 of them.
    expect(otherCpus(100, 125, 20, 10)).toBeCloseTo(0.5);
    // The counters tick coarser than GNU time measures: never below 0.
    expect(otherCpus(100, 119.9, 20, 10)).toBe(0);
    expect(otherCpus(100, 125, 20, 0)).toBe(0);
  });

  test("a run that keeps both CPUs busy itself is not other work: the note speaks only of other processes' CPU", () => {
    const ownLoad = [0.1, 4.2, 3.9];
    const quiet = [
      { wallMs: 150_000, peakMb: 700, cpuS: 290, otherCpus: 0.05 },
      { wallMs: 180_000, peakMb: 700, cpuS: 350, otherCpus: BUSY_OTHER_CPUS },
    ];
    expect(busyNote(quiet, ownLoad, 2)).toBeUndefined();
    expect(busyNote([...quiet, { wallMs: 1000, peakMb: 80, cpuS: 1, otherCpus: 1.3 }], ownLoad, 2)).toMatch(
      /other processes kept up to 1\.3 of 2 CPUs busy during a run/,
    );
    // Without the CPU time of every run (no GNU time), only the load average is left to go by.
    expect(busyNote([{ wallMs: 1000, peakMb: 80 }], ownLoad, 2)).toMatch(/load average up to 4\.2 on 2 CPUs/);
    expect(busyNote([{ wallMs: 1000, peakMb: 80 }], [0.5, 1.5], 2)).toBeUndefined();
  });

  test("runOnce reports the run's own CPU time, from GNU time, and the other work beside it", async () => {
    // GNU time comes with `npm run setup`, which the tests need anyway.
    expect(hasGnuTime()).toBe(true);
    const sample = await runOnce(burn(500));
    expect(sample.cpuS).toBeGreaterThanOrEqual(0.4);
    // Seconds, not milliseconds or ticks: node's own threads add a little, not ten times as much.
    expect(sample.cpuS).toBeLessThan(2);
    expect(sample.otherCpus).toBeGreaterThanOrEqual(0);
  });
});
