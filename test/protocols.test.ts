import { expect } from '@open-wc/testing';
import {
  changedSlugs,
  filtersFromSearch,
  parseResizer,
  RESIZER_ID,
  RESIZER_INIT,
  RESIZER_RESET,
  RESIZER_RESIZE,
  reportedHeight,
} from '../src/protocols.js';
import { clampHeight, HEIGHT_CAP, loopGuard, LOOP_STEPS } from '../src/sizing.js';

const sizer = (height: unknown, type = 'mutationObserver', id = RESIZER_ID) =>
  `[iFrameSizer]${id}:${height}:784:${type}`;

describe('iframe-resizer v4 messages', () => {
  it('builds the init message the v4 child reads: 16 fields, sizeWidth a boolean', () => {
    expect(RESIZER_INIT.startsWith('[iFrameSizer]')).to.be.true;
    const fields = RESIZER_INIT.slice('[iFrameSizer]'.length).split(':');
    expect(fields).to.have.length(16);
    expect(fields[0]).to.equal(RESIZER_ID);
    // The child tells an init message from others by field 2 being `true`/`false`.
    expect(fields[2]).to.equal('false');
    // autoResize on, resizeFrom the child's own window, no mouse events.
    expect([fields[6], fields[13], fields[15]]).to.deep.equal(['true', 'child', 'false']);
    expect(RESIZER_RESET).to.equal('[iFrameSizer]reset');
    expect(RESIZER_RESIZE).to.equal('[iFrameSizer]resize');
  });

  it('reads sizes from the child, with what made it send them', () => {
    expect(parseResizer(sizer(1234, 'init'))).to.deep.equal({
      height: 1234,
      event: 'init',
    });
    expect(parseResizer(sizer('456.5'))).to.deep.equal({
      height: 456.5,
      event: 'mutationObserver',
    });
    expect(parseResizer(sizer(300, 'reset'))).to.deep.equal({
      height: 300,
      event: 'reset',
    });
    expect(parseResizer('[iFrameResizerChild]Ready')).to.deep.equal({ ready: true });
  });

  it('takes a height of 0 as "not laid out" (a background tab), not as a size', () => {
    expect(parseResizer('[iFrameSizer]bi-embed:0:0:init')).to.deep.equal({
      height: undefined,
      event: 'init',
    });
    expect(reportedHeight(0)).to.equal(undefined);
    expect(reportedHeight('0')).to.equal(undefined);
    expect(reportedHeight(-1)).to.be.NaN;
    expect(reportedHeight('12.5')).to.equal(12.5);
  });

  it('recognises requests it does not serve as messages without a height', () => {
    for (const type of ['close', 'message', 'scrollTo', 'pageInfo', 'mouseenter', 'true']) {
      expect(parseResizer(`${sizer(0, type)}:{"a":1}`)).to.deep.equal({});
    }
    // As the v4 child sends them: a scroll position where a size would be, a mouse position in a
    // fifth field, a request with 0 for its height.
    for (const data of [
      sizer(250, 'scrollTo'),
      sizer(900, 'scrollToOffset'),
      `${sizer(0, 'mouseenter')}:120:300`,
    ]) {
      expect(parseResizer(data), data).to.deep.equal({});
    }
    for (const type of ['close', 'pageInfo', 'pageInfoStop']) {
      expect(parseResizer(sizer(0, type)), type).to.deep.include({ height: undefined });
    }
  });

  it('ignores other ids, bad heights and garbage', () => {
    for (const data of [
      sizer(100, 'init', 'iFrameResizer0'),
      sizer(-5),
      sizer('1e5'),
      sizer('0x10'),
      sizer(''),
      sizer('NaN'),
      sizer('Infinity'),
      `[iFrameSizer]${RESIZER_ID}`,
      `[iFrameSizer]${RESIZER_ID}:100`,
      '[iFrameSizer]',
      '[iFrameResizerChild]Ready!',
      'iFrameSizer]bi-embed:100:100:init',
      '',
    ]) {
      expect(parseResizer(data), data).to.equal(undefined);
    }
  });
});

describe('filters', () => {
  it('parses the query string by slug; tab is not a filter', () => {
    expect(
      filtersFromSearch(
        '?category=Gizmo&category=Widget&tab=2-sales&date=past7days&empty=&q=a+b%26c',
      ),
    ).to.deep.equal({
      category: ['Gizmo', 'Widget'],
      date: 'past7days',
      empty: '',
      q: 'a b&c',
    });
    expect(filtersFromSearch('')).to.deep.equal({});
  });

  it('keeps a __proto__ slug as a plain key', () => {
    const filters = filtersFromSearch('?__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(filters)).to.equal(Object.prototype);
    expect(Object.keys(filters)).to.deep.equal(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(filters, '__proto__')?.value).to.equal('x');
  });

  it('lists the slugs that were added, removed or changed', () => {
    expect(
      changedSlugs({ a: '1', b: ['1', '2'], c: 'x' }, { a: '1', b: ['1'], d: 'y' }),
    ).to.deep.equal(['b', 'c', 'd']);
    expect(changedSlugs({ a: ['1'] }, { a: '1' })).to.deep.equal(['a']);
    expect(changedSlugs({ a: '1' }, { a: '1' })).to.deep.equal([]);
  });
});

describe('sizing', () => {
  it('clamps to min/max, min winning as in CSS, and to the cap', () => {
    expect(clampHeight(500.2)).to.equal(501);
    expect(clampHeight(50, 100, 400)).to.equal(100);
    expect(clampHeight(900, 100, 400)).to.equal(400);
    expect(clampHeight(300, 500, 400)).to.equal(500);
    expect(clampHeight(1e308)).to.equal(HEIGHT_CAP);
    expect(clampHeight(10, 2 * HEIGHT_CAP)).to.equal(HEIGHT_CAP);
  });

  it('stops growth by the same amount after LOOP_STEPS steps, until the pattern breaks', () => {
    const guard = loopGuard();
    let height = 600;
    const allowed: boolean[] = [];
    for (let i = 0; i < LOOP_STEPS + 2; i++) {
      const ok = guard(height, height + 40);
      allowed.push(ok);
      if (ok) height += 40;
    }
    expect(allowed).to.deep.equal([true, true, true, false, false]);
    expect(height).to.equal(600 + LOOP_STEPS * 40);
    // It can always shrink, and grows again afterwards.
    expect(guard(height, 300)).to.be.true;
    expect(guard(300, 340)).to.be.true;
  });

  it('allows growth by changing amounts, and ±2 px counts as the same amount', () => {
    const guard = loopGuard();
    expect([600, 900, 1300, 1400, 2000].every((h, i, all) => guard(all[i - 1] ?? 0, h))).to.be.true;
    const jitter = loopGuard();
    expect([41, 39, 40, 42].map((d) => jitter(1000, 1000 + d))).to.deep.equal([
      true,
      true,
      true,
      false,
    ]);
    // Another amount starts a new streak.
    expect(jitter(1000, 1100)).to.be.true;
  });
});
