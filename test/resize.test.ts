import { expect, oneEvent } from '@open-wc/testing';
import { FRAME_ORIGIN, command, mount, nextEvent, record, visibleFrame } from './frame-helpers.js';

const height = (frame: HTMLIFrameElement) => frame.getBoundingClientRect().height;

describe('sizing with the real iframe-resizer v4 child', () => {
  it('grows and shrinks the iframe to its content', async () => {
    const el = await mount('resizer');
    await oneEvent(el, 'bi-embed-load');
    const frame = visibleFrame(el);
    const win = frame.contentWindow!;
    const resizes = record(el, 'bi-embed-resize');

    const grown = nextEvent(el, 'bi-embed-resize', (d) => d.height === 1500);
    await command(win, FRAME_ORIGIN, { height: 1500 });
    expect((await grown).detail).to.deep.equal({ height: 1500, previousHeight: 600 });
    expect(height(frame)).to.equal(1500);

    const shrunk = nextEvent(el, 'bi-embed-resize', (d) => d.height === 300);
    await command(win, FRAME_ORIGIN, { height: 300 });
    expect((await shrunk).detail).to.deep.equal({ height: 300, previousHeight: 1500 });
    expect(height(frame)).to.equal(300);
    expect(resizes).to.deep.equal([
      { height: 1500, previousHeight: 600 },
      { height: 300, previousHeight: 1500 },
    ]);
  });
});
