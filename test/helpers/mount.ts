// Putting a <bi-embed> on the test page. Every fixture is removed after its test
// (@open-wc/testing's fixture cleanup).
import { fixture, fixtureSync } from '@open-wc/testing';
import '../../src/define.js';
import type { BiEmbed } from '../../src/bi-embed.js';
import type { Clock } from '../../src/clock.js';
import { recordAll, type Recorded } from './events.js';

/** The element with these attributes, then these properties (a clock among them); not connected. */
export function create(attrs: Record<string, string> = {}, props: Partial<BiEmbed> = {}): BiEmbed {
  const el = document.createElement('bi-embed');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  Object.assign(el, props);
  return el;
}

/**
 * Connects an element made by `create` (or `create`s one) and resolves after its first update:
 * not after a rendered frame, which never comes in a page the browser keeps hidden while another
 * test file runs.
 */
export function mount(
  attrs: Record<string, string> | BiEmbed = {},
  props: Partial<BiEmbed> = {},
): Promise<BiEmbed> {
  // A node, not a template: fixture() then awaits the element's update only.
  return fixture<BiEmbed>(attrs instanceof HTMLElement ? attrs : create(attrs, props));
}

/**
 * Creates the element, records its events of `types` from before it was connected, then connects
 * it at once (no update awaited yet).
 */
export function mountRecorded(
  types: readonly string[],
  attrs: Record<string, string>,
  props: Partial<BiEmbed> = {},
): { el: BiEmbed; events: Recorded[] } {
  const el = create(attrs, props);
  const events = recordAll(el, types);
  fixtureSync(el);
  return { el, events };
}

/**
 * An element whose token makes the stand-in frame behave as `frame` (embed-page.js), with extra
 * attributes (`"min-height=100 no-auto-resize"`) and token endpoint query (`"&ttl=60"`).
 */
export function mountStandIn(
  frame: string,
  { attrs = '', query = '', clock }: { attrs?: string; query?: string; clock?: Clock } = {},
): Promise<BiEmbed> {
  const named: Record<string, string> = {};
  for (const attr of attrs.split(' ').filter(Boolean)) {
    const [name, value = ''] = attr.split('=');
    named[name] = value;
  }
  named['token-endpoint'] = `/api/token?frame=${frame}${query}`;
  return mount(named, clock ? { clock } : {});
}
