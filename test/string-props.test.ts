// Every property accepts its attribute's string form: Vue and Svelte set a static attribute value
// (`bordered="false"`, `min-height="400"`) as a string on the property when the element has one.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import '../src/define.js';
import { BiEmbed } from '../src/bi-embed.js';
import { flag, fromString } from '../src/coerce.js';
import { nextEvent } from './helpers/events.js';
import { FakeClock } from './helpers/fake-clock.js';
import { command, nextMessage, visibleFrame } from './helpers/frames.js';
import { mountStandIn } from './helpers/mount.js';
import { FRAME_ORIGIN } from './helpers/origins.js';

/** Sets a property the way a framework does: by name, with whatever value the template has. */
function setProp(el: BiEmbed, name: string, value: unknown): void {
  (el as unknown as Record<string, unknown>)[name] = value;
}
const prop = (el: BiEmbed, name: string) => (el as unknown as Record<string, unknown>)[name];

/** Every property that has an attribute, with the attribute's name. */
function attributeProperties(): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, declaration] of BiEmbed.elementProperties) {
    if (declaration.attribute === false || typeof name !== 'string') continue;
    const attribute =
      typeof declaration.attribute === 'string' ? declaration.attribute : name.toLowerCase();
    out.push([name, attribute]);
  }
  return out;
}

const hashOf = (url: string) => Object.fromEntries(new URLSearchParams(new URL(url).hash.slice(1)));

describe('properties in their attribute string form', () => {
  // Strings a template may hold; each property must read each one as its attribute does.
  const SAMPLES = ['true', 'false', '', '400', '400px', '-3', 'soon', 'night', 'lazy', '{"a":1}'];

  it('read every string as the attribute reads it, for every property with an attribute', async () => {
    const names = attributeProperties();
    expect(names.map(([n]) => n)).to.include.members([
      'bordered',
      'titled',
      'hideDownloadButton',
      'minHeight',
      'maxHeight',
      'noAutoResize',
      'tokenTimeout',
      'params',
    ]);
    for (const [name, attribute] of names) {
      for (const sample of SAMPLES) {
        const byAttribute = document.createElement('bi-embed');
        byAttribute.setAttribute(attribute, sample);
        const byProperty = document.createElement('bi-embed');
        setProp(byProperty, name, sample);
        expect(prop(byProperty, name), `${name} = ${JSON.stringify(sample)}`).to.deep.equal(
          prop(byAttribute, name),
        );
      }
    }
  });

  it('hold the typed value as soon as they are set', () => {
    const el = document.createElement('bi-embed');
    const cases: [string, string, unknown][] = [
      ['bordered', 'false', false],
      ['bordered', 'true', true],
      ['bordered', 'maybe', undefined],
      ['titled', 'false', false],
      ['hideDownloadButton', '', true],
      ['hideDownloadButton', 'true', true],
      ['hideDownloadButton', 'false', false],
      ['noAutoResize', '', true],
      ['noAutoResize', 'true', true],
      ['noAutoResize', 'false', false],
      ['minHeight', '400', 400],
      ['minHeight', '400px', 400],
      ['minHeight', 'tall', 0],
      ['maxHeight', '900', 900],
      ['maxHeight', '-20', undefined],
      ['tokenTimeout', '5000', 5000],
      ['params', '{"category":"Gizmo"}', { category: 'Gizmo' }],
      ['theme', 'night', 'night'],
      ['theme', 'dark', undefined],
      ['loading', 'lazy', 'lazy'],
      ['loading', 'soon', 'eager'],
      ['locale', 'pt-br', 'pt-BR'],
      ['downloads', 'pdf, results', 'pdf,results'],
      ['tokenEndpoint', '/api/token', '/api/token'],
    ];
    for (const [name, value, expected] of cases) {
      setProp(el, name, value);
      expect(prop(el, name), `${name} = ${JSON.stringify(value)}`).to.deep.equal(expected);
    }
    // Values of the property's own type pass through unchanged.
    setProp(el, 'bordered', false);
    setProp(el, 'minHeight', 120);
    setProp(el, 'params', { quarter: 'Q1-2024' });
    expect([el.bordered, el.minHeight, el.params]).to.deep.equal([
      false,
      120,
      { quarter: 'Q1-2024' },
    ]);
  });

  it('reflect the typed value, as the attribute would read', async () => {
    const el = await fixture<BiEmbed>(document.createElement('bi-embed'));
    setProp(el, 'bordered', 'false');
    setProp(el, 'minHeight', '400');
    setProp(el, 'noAutoResize', '');
    setProp(el, 'hideDownloadButton', 'false');
    await el.updateComplete;
    expect(el.getAttribute('bordered')).to.equal('false');
    expect(el.getAttribute('min-height')).to.equal('400');
    expect(el.getAttribute('no-auto-resize')).to.equal('');
    expect(el.hasAttribute('hide-download-button')).to.equal(false);
    setProp(el, 'noAutoResize', 'false');
    await el.updateComplete;
    expect(el.hasAttribute('no-auto-resize')).to.equal(false);
  });

  it('write "true"/"false" display options into the embed URL', async () => {
    const el = document.createElement('bi-embed');
    setProp(el, 'bordered', 'false');
    setProp(el, 'titled', 'true');
    setProp(el, 'hideDownloadButton', 'true');
    setProp(el, 'theme', 'night');
    el.setAttribute('token-endpoint', '/api/token?frame=metabase');
    const embedLoaded = oneEvent(el, 'bi-embed-load');
    await fixture(el);
    await embedLoaded;
    expect(hashOf(visibleFrame(el).src)).to.deep.equal({
      bordered: 'false',
      titled: 'true',
      downloads: 'false',
      theme: 'night',
    });
  });

  it('puts params given as a JSON string into the query string', async () => {
    const el = document.createElement('bi-embed');
    setProp(el, 'params', '{"category":"Widget"}');
    el.setAttribute('token-endpoint', '/api/token?frame=metabase');
    const embedLoaded = oneEvent(el, 'bi-embed-load');
    await fixture(el);
    await embedLoaded;
    expect(new URL(visibleFrame(el).src).searchParams.get('category')).to.equal('Widget');
  });

  it('clamps the frame to a min-height given as a string', async () => {
    const el = await mountStandIn('resizer');
    setProp(el, 'minHeight', '400');
    await oneEvent(el, 'bi-embed-load');
    const frame = visibleFrame(el);
    const floored = nextEvent(el, 'bi-embed-resize', (d) => d.height === 400);
    await command(frame.contentWindow!, FRAME_ORIGIN, { height: 100 });
    await floored;
    expect(frame.getBoundingClientRect().height).to.equal(400);
  });

  it('keeps the CSS height with noAutoResize = "" and follows the content with "false"', async () => {
    const el = await mountStandIn('resizer');
    setProp(el, 'noAutoResize', '');
    el.style.setProperty('--bi-embed-height', '350px');
    await oneEvent(el, 'bi-embed-load');
    const frame = visibleFrame(el);
    const win = frame.contentWindow!;
    const reported = nextMessage(win, (data) =>
      String(data).startsWith('[iFrameSizer]bi-embed:1500:'),
    );
    await command(win, FRAME_ORIGIN, { height: 1500 });
    await reported;
    expect(frame.getBoundingClientRect().height).to.equal(350);
    setProp(el, 'noAutoResize', 'false');
    await el.updateComplete;
    expect(frame.getBoundingClientRect().height).to.equal(1500);
  });

  it('times the token request out after a tokenTimeout given as a string', async () => {
    const clock = new FakeClock();
    const el = document.createElement('bi-embed');
    el.clock = clock;
    setProp(el, 'tokenTimeout', '5000');
    el.setAttribute('token-endpoint', '/api/token?delay=5000');
    await fixture(el);
    expect(clock.longest).to.equal(5_000);
    const failed = oneEvent(el, 'bi-embed-error');
    clock.tick(5_000);
    expect((await failed).detail.code).to.equal('token-timeout');
  });
});

describe('fromString and flag (DOM-free)', () => {
  it('runs a string through the declared converter, and leaves other values alone', () => {
    expect(fromString('false', { converter: flag })).to.equal(false);
    expect(fromString('', { converter: flag })).to.equal(true);
    expect(fromString('12', { type: Number })).to.equal(12);
    expect(fromString('x', { type: String })).to.equal('x');
    expect(fromString('x', {})).to.equal('x');
    expect(fromString('{}', { attribute: false })).to.equal('{}');
    expect(fromString(3, { type: String })).to.equal(3);
    const converter = (value: string | null) => `<${value}>`;
    expect(fromString('a', { converter })).to.equal('<a>');
  });

  it('flag: present or "true" is on; absent or "false" is off', () => {
    expect(
      [null, '', 'true', 'false', 'no-auto-resize'].map((v) => flag.fromAttribute!(v)),
    ).to.deep.equal([false, true, true, false, true]);
    expect([true, false].map((v) => flag.toAttribute!(v))).to.deep.equal(['', null]);
  });
});
