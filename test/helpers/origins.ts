// The origins of the browser tests. The test page is http://localhost:<port>; the test server
// listens on every loopback address, so 127.0.0.1 and 127.0.0.2 are other origins (other sites)
// and cross-origin rules apply for real.

/** This page's origin (the token endpoint's too). */
export const PAGE_ORIGIN = location.origin;

/** Where the stand-in BI pages come from: another origin than this page's. */
export const FRAME_ORIGIN = `http://127.0.0.1:${location.port}`;

/** A third origin: another site, so another renderer process than the frames on FRAME_ORIGIN. */
export const CROWD_ORIGIN = `http://127.0.0.2:${location.port}`;
