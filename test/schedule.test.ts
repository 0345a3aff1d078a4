import { expect } from '@open-wc/testing';
import { backoff, refreshDelay } from '../src/schedule.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What `run` returns while `Math.random` returns `value`. */
function withRandom<T>(value: number, run: () => T): T {
  const random = Math.random;
  Math.random = () => value;
  try {
    return run();
  } finally {
    Math.random = random;
  }
}

const LIFETIMES: [string, number][] = [
  ['60 s', 60 * SECOND],
  ['10 min', 10 * MINUTE],
  ['1 h', HOUR],
  ['30 days', 30 * DAY],
];

describe('refreshDelay', () => {
  it('refreshes between 50 % and 80 % of any lifetime, jittered within 70–75 %', () => {
    for (const [, lifetime] of LIFETIMES) {
      for (const r of [0, 0.25, 0.5, 0.999999]) {
        const delay = withRandom(r, () => refreshDelay(lifetime));
        expect(delay / lifetime).to.be.within(0.7, 0.75);
      }
    }
    expect(withRandom(0, () => refreshDelay(HOUR))).to.equal(0.75 * HOUR);
    expect(withRandom(1, () => refreshDelay(HOUR))).to.be.closeTo(0.7 * HOUR, 1e-6);
  });
});

describe('backoff', () => {
  it('doubles from 1 s to a 60 s cap, with up to 25 % less at random', () => {
    const top = [0, 1, 2, 3, 4, 5, 6, 7, 12, 50].map((n) => withRandom(0, () => backoff(n)));
    expect(top).to.deep.equal([1, 2, 4, 8, 16, 32, 60, 60, 60, 60].map((s) => s * SECOND));
    const bottom = [0, 1, 6, 50].map((n) => withRandom(0.999999, () => backoff(n)));
    bottom.forEach((ms, i) => expect(ms / top[[0, 1, 6, 9][i]]).to.be.closeTo(0.75, 1e-6));
    for (let n = 0; n < 100; n++) expect(backoff(n)).to.be.within(750, 60 * SECOND);
  });
});
