import { expect, oneEvent } from '@open-wc/testing';
import type { BiEmbed } from '../src/bi-embed.js';
import { newKey } from './helpers/endpoint.js';
import { command as sendCommand, frames } from './helpers/frames.js';
import { gate } from './helpers/gates.js';
import { mount as mountElement } from './helpers/mount.js';
import { FRAME_ORIGIN } from './helpers/origins.js';

// Real clock, real cross-origin frames (test page on localhost, frames on 127.0.0.1).
// Visible to the viewer (sizing aside: a hidden test page may get 0-height reports).
const shown = (frame: HTMLIFrameElement) =>
  frame.isConnected &&
  !frame.classList.contains('pending') &&
  getComputedStyle(frame).visibility === 'visible' &&
  getComputedStyle(frame).display !== 'none';

/**
 * Records which iframes the viewer can see after every change to the element's frames (a
 * MutationObserver sees each state the DOM passes through; animation frames stop in a hidden tab).
 */
function watchScreen(el: BiEmbed) {
  const samples: HTMLIFrameElement[][] = [];
  const sample = () => samples.push(frames(el).filter(shown));
  const observer = new MutationObserver(sample);
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true });
  sample();
  return () => {
    observer.disconnect();
    sample();
    return samples;
  };
}

/** Has the stand-in page run `test` (embed-page.js); resolves once it answered. */
const command = (frame: HTMLIFrameElement, test: { search?: string; post?: unknown[] }) =>
  sendCommand(frame.contentWindow!, FRAME_ORIGIN, test);

/** A live element whose refreshed frames wait at a gate of their own. */
async function mountGated() {
  const name = newKey('swap');
  const el = await mountElement({ 'token-endpoint': `/api/token?seq=1&ttl=600&gate=${name}` });
  await oneEvent(el, 'bi-embed-load');
  return { el, name };
}

describe('refresh swap (cross-origin frames)', () => {
  it('keeps the old frame on screen until the refreshed one shows a sign of life', async () => {
    const { el, name } = await mountGated();
    const [old] = frames(el);
    expect(new URL(old.src).origin).to.equal(FRAME_ORIGIN);
    await gate(name, 'close');
    const stop = watchScreen(el);
    const refreshed = oneEvent(el, 'bi-embed-token-refresh');
    const loads: number[] = [];
    el.addEventListener('bi-embed-load', () => loads.push(frames(el).length));
    void el.refresh();
    expect(el.status).to.equal('refreshing');
    expect(el.matches(':state(refreshing)')).to.equal(true);

    // The new token arrived and its frame's page was requested, but is held back by the server.
    await gate(name, 'held');
    const [first, second] = frames(el);
    expect(first).to.equal(old);
    expect(second.classList.contains('pending')).to.equal(true);
    expect(second.getAttribute('aria-hidden')).to.equal('true');
    expect(shown(old)).to.equal(true);
    expect(shown(second)).to.equal(false);
    expect(second.src).to.not.equal(old.src);
    // Time for a premature swap to show, if there were one.
    expect((await gate(name, 'held')).waiting).to.equal(1);
    expect(el.status).to.equal('refreshing');
    expect(frames(el)).to.deep.equal([old, second]);

    await gate(name, 'open');
    const event = await refreshed;
    expect(event.detail.reloaded).to.equal(true);
    expect(event.detail.expiresAt).to.equal(el.expiresAt);
    expect(frames(el)).to.deep.equal([second]);
    expect(old.isConnected).to.equal(false);
    expect(second.classList.contains('pending')).to.equal(false);
    expect(second.hasAttribute('aria-hidden')).to.equal(false);
    expect(shown(second)).to.equal(true);
    expect(el.status).to.equal('ready');
    expect(loads, 'the old frame was gone by the swap').to.deep.equal([1]);

    const samples = stop();
    expect(samples.length).to.be.greaterThan(2);
    for (const visible of samples) expect(visible).to.have.length(1);
    expect(samples[0][0]).to.equal(old);
    expect(samples.at(-1)![0]).to.equal(second);
  });

  it('drops a refresh whose frame was still loading when the configuration changed', async () => {
    const { el, name } = await mountGated();
    await gate(name, 'close');
    let refreshes = 0;
    el.addEventListener('bi-embed-token-refresh', () => refreshes++);
    void el.refresh();
    await gate(name, 'held');
    el.tokenEndpoint = '/api/token?seq=1&ttl=600';
    const loaded = await oneEvent(el, 'bi-embed-load');
    expect(loaded.detail.provider).to.equal('metabase');
    await gate(name, 'open');
    expect(frames(el)).to.have.length(1);
    expect(el.status).to.equal('ready');
    expect(refreshes, 'a first load is no token refresh').to.equal(0);
  });

  it('carries a filter the viewer set inside the frame into the refreshed frame', async () => {
    const { el } = await mountGated();
    const [frame] = frames(el);
    // The stand-in page changes its own query string, as Metabase does when a filter changes, and
    // reports it with a Metabase `location` message before it acknowledges the command.
    const search = '?category=Gizmo&category=Widget&created_at=past30days';
    const location = { href: `${FRAME_ORIGIN}/embed/dashboard/x${search}`, search, hash: '' };
    await command(frame, { search, post: [{ metabase: { type: 'location', location } }] });
    const filters = { category: ['Gizmo', 'Widget'], created_at: 'past30days' };
    expect(el.filters).to.deep.equal(filters);

    const refreshed = oneEvent(el, 'bi-embed-token-refresh');
    void el.refresh();
    await refreshed;
    const [next] = frames(el);
    expect(next).to.not.equal(frame);
    const url = new URL(next.src);
    expect(url.searchParams.getAll('category')).to.deep.equal(['Gizmo', 'Widget']);
    expect(url.searchParams.get('created_at')).to.equal('past30days');
    expect(el.filters).to.deep.equal(filters);
  });

  it('carries a filter changed in the old frame while the refreshed one loads behind it', async () => {
    const { el, name } = await mountGated();
    const [old] = frames(el);
    // The page's first report (no filters), which sets `filters` without an event.
    const start = { href: `${FRAME_ORIGIN}/embed/dashboard/x`, search: '', hash: '' };
    await command(old, { post: [{ metabase: { type: 'location', location: start } }] });
    await gate(name, 'close');
    let refreshes = 0;
    el.addEventListener('bi-embed-token-refresh', () => refreshes++);
    const changes: unknown[] = [];
    el.addEventListener('bi-embed-filter-change', (e) => changes.push((e as CustomEvent).detail));
    void el.refresh();
    // The refreshed frame's page is held by the server: it loads behind the old one.
    await gate(name, 'held');
    const [, pending] = frames(el);
    expect(pending.classList.contains('pending')).to.equal(true);
    expect(new URL(pending.src).searchParams.has('category')).to.equal(false);

    // Meanwhile the viewer sets a filter in the old frame, which reports it.
    const search = '?category=Doohickey';
    const location = { href: `${FRAME_ORIGIN}/embed/dashboard/x${search}`, search, hash: '' };
    await command(old, { search, post: [{ metabase: { type: 'location', location } }] });
    expect(el.filters).to.deep.equal({ category: 'Doohickey' });
    expect(changes).to.have.length(1);
    // The frame behind is replaced by one whose URL has the filter; the old one stays on screen.
    const behind = frames(el).filter((f) => f.classList.contains('pending'));
    expect(behind).to.have.length(1);
    expect(new URL(behind[0].src).searchParams.get('category')).to.equal('Doohickey');
    expect(shown(old)).to.equal(true);

    const refreshed = oneEvent(el, 'bi-embed-token-refresh');
    await gate(name, 'open');
    await refreshed;
    const [next] = frames(el);
    expect(frames(el)).to.have.length(1);
    expect(next).to.equal(behind[0]);
    expect(new URL(next.src).searchParams.get('category')).to.equal('Doohickey');
    expect(el.filters).to.deep.equal({ category: 'Doohickey' });
    expect(refreshes).to.equal(1);
  });
});
