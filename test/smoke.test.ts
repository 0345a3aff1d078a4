import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/define.js';
import type { BiEmbed } from '../src/bi-embed.js';

describe('smoke', () => {
  it('loads a Metabase dashboard from a token endpoint on another origin', async () => {
    const el = await fixture<BiEmbed>(html`<bi-embed token-endpoint="/api/token"></bi-embed>`);
    const ev = await oneEvent(el, 'bi-embed-load');
    expect(ev.detail.provider).to.equal('metabase');
    expect(ev.detail.origin).to.equal(`http://127.0.0.1:${location.port}`);
    const frame = el.shadowRoot!.querySelector('iframe')!;
    expect(frame.src).to.match(/^http:\/\/127\.0\.0\.1:\d+\/embed\/dashboard\/ey/);
    expect(el.status).to.equal('ready');
  });
});
