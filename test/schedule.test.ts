import { expect } from '@open-wc/testing';
import { backoff, CHUNK, deadline, refreshDelay } from '../src/schedule.js';
import { FakeClock, MAX_TIMEOUT } from './helpers/fake-clock.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LIFETIMES: [string, number][] = [
  ['60 s', 60 * SECOND],
  ['10 min', 10 * MINUTE],
  ['1 h', HOUR],
  ['30 days', 30 * DAY],
];

function human(ms: number): string {
  if (ms >= DAY) return `${(ms / DAY).toFixed(2)} d`;
  if (ms >= HOUR) return `${(ms / HOUR).toFixed(2)} h`;
  if (ms >= MINUTE) return `${(ms / MINUTE).toFixed(2)} min`;
  return `${(ms / SECOND).toFixed(2)} s`;
}

describe('refreshDelay', () => {
  it('refreshes between 50 % and 80 % of any lifetime, jittered within 70–75 %', () => {
    for (const [, lifetime] of LIFETIMES) {
      for (const r of [0, 0.25, 0.5, 0.999999]) {
        const delay = refreshDelay(lifetime, () => r);
        expect(delay / lifetime).to.be.within(0.7, 0.75);
      }
    }
    expect(refreshDelay(HOUR, () => 0)).to.equal(0.75 * HOUR);
    expect(refreshDelay(HOUR, () => 1)).to.be.closeTo(0.7 * HOUR, 1e-6);
  });

  it('prints the schedule for 60 s, 10 min, 1 h and 30-day tokens', () => {
    const rows = LIFETIMES.map(([name, lifetime]) => {
      const latest = refreshDelay(lifetime, () => 0);
      const earliest = refreshDelay(lifetime, () => 1);
      // Count the timer wake-ups the code really arms on its way to the latest point.
      const clock = new FakeClock(0);
      let firedAt = -1;
      deadline(clock, latest, () => (firedAt = clock.now()));
      let wakeUps = 0;
      while (firedAt < 0) {
        clock.tick(Math.min(CHUNK, latest));
        wakeUps++;
      }
      expect(firedAt).to.equal(latest);
      expect(clock.longest).to.be.at.most(CHUNK);
      return `| ${name} | ${human(earliest)} – ${human(latest)} | ${human(lifetime - latest)} – ${human(lifetime - earliest)} | ${wakeUps} |`;
    });
    console.log(
      [
        '| token lifetime | refresh after (70–75 %) | lifetime left then | timer wake-ups |',
        '|---|---|---|---|',
        ...rows,
        '',
        `Retries after a failure (s, before up to 25 % jitter): ${[0, 1, 2, 3, 4, 5, 6, 7]
          .map((n) => backoff(n, () => 0) / SECOND)
          .join(', ')}, …`,
      ].join('\n'),
    );
  });
});

describe('backoff', () => {
  it('doubles from 1 s to a 60 s cap, with up to 25 % less at random', () => {
    const top = [0, 1, 2, 3, 4, 5, 6, 7, 12, 50].map((n) => backoff(n, () => 0));
    expect(top).to.deep.equal([1, 2, 4, 8, 16, 32, 60, 60, 60, 60].map((s) => s * SECOND));
    const bottom = [0, 1, 6, 50].map((n) => backoff(n, () => 0.999999));
    bottom.forEach((ms, i) => expect(ms / top[[0, 1, 6, 9][i]]).to.be.closeTo(0.75, 1e-6));
    for (let n = 0; n < 100; n++) expect(backoff(n)).to.be.within(750, 60 * SECOND);
  });
});

describe('deadline', () => {
  it('fires exactly when due, never earlier, never synchronously', () => {
    const clock = new FakeClock(1_000);
    let fired = 0;
    deadline(clock, 1_000 + 5 * MINUTE, () => fired++);
    clock.tick(5 * MINUTE - 1);
    expect(fired).to.equal(0);
    clock.tick(1);
    expect(fired).to.equal(1);
    clock.tick(DAY);
    expect(fired).to.equal(1);
    expect(clock.pending).to.equal(0);

    deadline(clock, clock.now() - HOUR, () => fired++);
    expect(fired, 'overdue: still on a timer').to.equal(1);
    clock.tick(0);
    expect(fired).to.equal(2);
  });

  it('waits 30 days without ever asking setTimeout for more than the browser range', () => {
    const clock = new FakeClock(0);
    let fired = -1;
    deadline(clock, 30 * DAY, () => (fired = clock.now()));
    clock.tick(30 * DAY - 1);
    expect(fired).to.equal(-1);
    clock.tick(1);
    expect(fired).to.equal(30 * DAY);
    expect(clock.longest).to.be.at.most(MAX_TIMEOUT);
  });

  it('fires within a chunk of waking when the computer slept past the deadline', () => {
    const clock = new FakeClock(0);
    let fired = -1;
    deadline(clock, 10 * MINUTE, () => (fired = clock.now()));
    clock.tick(2 * MINUTE);
    clock.sleep(HOUR);
    // A plain 10-minute setTimeout would still wait 8 more minutes here.
    clock.tick(CHUNK);
    expect(fired).to.be.within(HOUR + 2 * MINUTE, HOUR + 2 * MINUTE + CHUNK);
  });

  it('check() runs an overdue call at once and leaves a future one waiting', () => {
    const clock = new FakeClock(0);
    let fired = 0;
    const timer = deadline(clock, 10 * MINUTE, () => fired++);
    timer.check();
    expect(fired).to.equal(0);
    expect(clock.pending).to.equal(1);
    clock.sleep(HOUR);
    timer.check();
    expect(fired).to.equal(1);
    expect(clock.pending).to.equal(0);
    timer.check();
    clock.tick(DAY);
    expect(fired).to.equal(1);
  });

  it('cancel() leaves no timer and nothing fires', () => {
    const clock = new FakeClock(0);
    let fired = 0;
    const timer = deadline(clock, 10 * DAY, () => fired++);
    clock.tick(DAY);
    timer.cancel();
    expect(clock.pending).to.equal(0);
    timer.check();
    clock.sleep(30 * DAY);
    timer.check();
    expect(fired).to.equal(0);
  });
});
