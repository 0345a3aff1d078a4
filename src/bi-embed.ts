import type { PropertyValues } from '@lit/reactive-element';
import styles from './bi-embed.css';
import type { Clock } from './clock.js';
import { EmbedError } from './errors.js';
import { FilterMemory } from './filter-memory.js';
import { FrameController } from './frame-controller.js';
import { lazyGate } from './lazy-controller.js';
import { adoptHashOptions, INVALID_PARAMS, type DisplayOptions } from './options.js';
import { EmbedProperties, frameTitle, tokenArgs, tokenSource, urlInputs } from './properties.js';
import { TokenController } from './token-controller.js';
import type { BiEmbedErrorDetail, BiEmbedEventMap, EmbedStatus, Filters } from './types.js';
import { buildEmbedUrl, reportingBuilder } from './url.js';
import { statusReport } from './status.js';
import { views } from './views.js';

/**
 * Embeds a signed BI dashboard or chart in an iframe: fetches the signed URL or token from the host
 * app's server, builds the embed URL, and reports what happens as events.
 *
 * @fires {CustomEvent<BiEmbedLoadDetail>} bi-embed-load - The embed shows the BI tool's page.
 * @fires {CustomEvent<BiEmbedContentLoadedDetail>} bi-embed-content-loaded - The BI tool says its content finished loading.
 * @fires {CustomEvent<BiEmbedErrorDetail>} bi-embed-error - Something failed; `detail.code` says what.
 * @fires {CustomEvent<BiEmbedFilterChangeDetail>} bi-embed-filter-change - The viewer changed a filter.
 * @fires {CustomEvent<BiEmbedResizeDetail>} bi-embed-resize - The iframe height changed.
 * @fires {CustomEvent<BiEmbedTokenRefreshDetail>} bi-embed-token-refresh - A new token is in use.
 * @slot loading - Shown while the first frame loads (default: a spinner).
 * @slot error - Shown when loading failed and nothing is on screen (default: message and Retry).
 * @csspart frame - The iframe.
 * @csspart loading - The loading placeholder.
 * @csspart error - The error view.
 * @csspart retry - The Retry button of the default error view.
 * @cssprop [--bi-embed-height=600px] - Frame height when the embed does not report its own.
 * @cssprop [--bi-embed-placeholder-background=#f9fbfc] - Background of the loading and error views.
 */
export class BiEmbed extends EmbedProperties {
  static override styles = styles;

  #report = statusReport(this.attachInternals());
  /** The failure on record until something new starts or a frame shows life. */
  #error: BiEmbedErrorDetail | undefined;
  #tokens = new TokenController(this, {
    _tokenSource: () => tokenSource(this),
    _accept: (grant) => void buildEmbedUrl(this.#inputs(grant)),
    _onGrant: (grant, refreshed) => {
      // Options in the endpoint URL's hash appear on the element, unless the page set them.
      if (grant.url) this.#adopted = adoptHashOptions(this, grant.url, this.#adopted);
      this.#announce = refreshed;
      // Same URL as on screen (the endpoint answered the same token): nothing to reload.
      if (this.#show(false)) {
        this.#error = undefined;
        this.#announced(false);
      }
      this.#changed();
    },
    _onTokenError: (error) => this.#fail(error),
    _onDue: () => void this.refresh(),
  });
  /** Whether a `loading="lazy"` element may load yet. */
  #lazyAllows = lazyGate(this);
  #frames = new FrameController(this, {
    _onLive: ({ _target: { provider, origin }, _signal: signal, _session: session }) => {
      this.#error = undefined;
      // Before the event, so its listeners see the new status in the custom states too.
      this.#changed();
      this.#emit('bi-embed-load', { provider, origin, signal: signal! });
      this.#announced(!session);
    },
    // The one path to `bi-embed-filter-change`. Values are kept to carry into new URLs, and a
    // change of them is an event; a tool that tells only a count gets its event as it is.
    _onFilters: (event, first, slot) => {
      const { _pending: pending } = this.#frames;
      const { provider } = slot._target;
      if (event.type === 'filter-count') {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { type, ...detail } = { filters: null, changed: [], ...event, provider };
        return this.#emit('bi-embed-filter-change', detail);
      }
      // The old frame's first report while a newer one loads says only what its outdated URL said.
      if (first && pending && slot !== pending) return;
      const { filters } = event;
      const changed = this.#filters._report(filters);
      const news = !first && changed.length;
      // Changed in the old frame while the new one loads behind it: the new one loads with them.
      if (pending && news) this.#show(false);
      else if (!pending) {
        // The visible frame shows these values: its URL with them is no new navigation.
        try {
          slot._target = buildEmbedUrl(this.#inputs());
        } catch {
          // Options that cannot build a URL are reported by the next #show.
        }
      }
      if (news)
        this.#emit('bi-embed-filter-change', { filters: { ...filters }, changed, provider });
    },
    _onError: (error) => this.#fail(error),
    _emit: (type, detail) => this.#emit(type, detail),
  });
  /** What the current token belongs to, compared by identity (as lit's `Task` compares args). */
  #source: unknown[] | undefined;
  /** A refreshed token is on its way to the screen: announce it when its frame is in. */
  #announce = false;
  #filters = new FilterMemory();
  /** Display options taken from an endpoint URL's hash (attributes set by the page win). */
  #adopted: DisplayOptions = {};
  /** Builds the embed URL; a failure is reported once per set of inputs. */
  #build = reportingBuilder((error) => this.#fail(error));
  /** Shows the loading or error view while no frame is on screen. */
  #showView = views(this);

  /** `idle`, `loading`, `ready`, `refreshing` or `error`; derived here and nowhere else. */
  get status(): EmbedStatus {
    if (!this.isConnected || !this.#source) return 'idle';
    if (this.#error) return 'error';
    if (!this.#frames._live) return 'loading';
    return this.#tokens.busy || (this.#frames._pending && this.#announce) ? 'refreshing' : 'ready';
  }

  /** When the token in use expires (ms since epoch, local clock), or null. */
  get expiresAt(): number | null {
    return this.#tokens.expiresAt;
  }

  /** The filter values last reported by the embed. */
  get filters(): Filters {
    return { ...this.#filters._values };
  }

  /** @internal The time source of every timer, replaceable in tests. */
  set clock(clock: Clock) {
    this.#tokens.clock = this.#frames.clock = clock;
  }

  /** Requests a new token now and shows the embed with it (resolves when the request settled). */
  refresh(): Promise<void> {
    if (!tokenSource(this)) return this.reload();
    this.#error = undefined;
    const settled = this.#tokens.request();
    this.#changed();
    return settled;
  }

  /** Reloads the frame with the token in use (a new token if it has expired). */
  async reload(): Promise<void> {
    if (tokenSource(this) && !this.#tokens.valid) return this.refresh();
    this.#show(true);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-inserted, its frames gone: show the still-valid token (before the first update, a no-op).
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The failure stays on record: re-inserted, a refusal shows its error view again.
    this.#changed();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('params')) this.#filters._paramsSet(changed.get('params') ?? {}, this.params);
    // Every update (unchanged values change nothing), so frames are named before any `title`.
    this.#frames._setTitle(frameTitle(this));
    this.#frames._setSizing(this.minHeight, this.maxHeight, !this.noAutoResize);
    // Before the update ends, so what it changes (status, adopted options) is in this update.
    this.#sync();
  }

  /** Draws the frames and, while none is on screen, the loading or error view. */
  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    if (!this.#frames._container.parentNode) this.renderRoot.append(this.#frames._container);
    this.#showView(this.#frames._live ? 'ready' : this.status, this.#error?.message);
  }

  /** Brings the embed in line with the configuration: a new token, or a new URL, or nothing. */
  #sync(): void {
    if (!this.isConnected || !this.#lazyAllows(this.loading === 'lazy')) return;
    const source = tokenArgs(this);
    const token = tokenSource(this);
    if (this.#source?.every((value, i) => value === source[i])) {
      // An expired token is never a reason to request here: the token controller's schedule
      // (refresh, backoff, Retry-After) decides when the next request goes out, and a refusal
      // (401/403, an answer not understood) waits for the user or a configuration change.
      if (!this.#tokens.busy && (token ? this.#tokens.valid : this.src)) this.#show(false);
      return;
    }
    this.#source = source;
    this.#tokens.reset();
    this.#frames.clear();
    this.#filters._clear();
    this.#adopted = {};
    this.#announce = false;
    this.#error = undefined;
    // Without a token source, the URL builder says what is missing if `src` is not set either.
    if (!token) this.#show(false);
    else if (!this.src) void this.refresh();
    else this.#fail(new EmbedError('config', 'Set src or token-endpoint/fetchToken, not both.'));
  }

  /** `bi-embed-token-refresh` once the refreshed token is in use. */
  #announced(reloaded: boolean): void {
    if (!this.#announce) return;
    this.#announce = false;
    this.#emit('bi-embed-token-refresh', { expiresAt: this.expiresAt, reloaded });
  }

  /**
   * Builds the URL for the current options and navigates when it differs from what is on screen
   * or loading (`force`: always). True when the live frame shows it already.
   */
  #show(force: boolean): boolean | void {
    const target = this.#build(this.#inputs(), this.params === INVALID_PARAMS, force);
    if (!target) return;
    const { _pending: pending, _current: current, _live: live } = this.#frames;
    if (!force && (pending ?? current)?._target.url === target.url) {
      // A page that takes its token over a channel gets a new one there, with no reload.
      this.#frames._handOver(target);
      return !pending && live;
    }
    this.#frames._navigate(target);
    if (!live) this.#error = undefined;
    this.#changed();
  }

  /** What the URL is built from: the token (by default the one in use), options and filters. */
  #inputs(grant = this.#tokens._grant) {
    return urlInputs(this, grant, this.#filters._query(this.params));
  }

  #fail(error: EmbedError): void {
    this.#error = error.toDetail();
    this.#changed();
    this.#emit('bi-embed-error', this.#error);
  }

  /** Something the status depends on changed: the custom states and (next update) the views. */
  #changed(): void {
    // Lit's `requestUpdate()` does nothing while an update is pending.
    if (this.#report(this.status, this.#error?.message)) this.requestUpdate();
  }

  #emit<K extends keyof BiEmbedEventMap>(type: K, detail: BiEmbedEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
