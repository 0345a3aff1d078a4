// Small helpers shared by the demo's two servers (host app and stand-in BI server).
// Node's http module only: the demo is meant to read like a server a user could port.
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Serialises data for a `<script type="application/json">` block: `<` is escaped so that no value
 * (a dashboard name, a filter value) can close the script element, and U+2028/2029 for old parsers.
 */
export function jsonForScript(data) {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Fills `{{name}}` placeholders with escaped values. Values wrapped with `raw()` are inserted as
 * they are (HTML built by the server itself); an unknown placeholder is a bug, so it throws.
 */
export function fillTemplate(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`template placeholder {{${name}}} has no value`);
    const value = values[name];
    return value instanceof RawHtml ? value.html : escapeHtml(value);
  });
}

class RawHtml {
  constructor(html) {
    this.html = html;
  }
}
/** Marks server-built HTML as safe for `fillTemplate` (every dynamic part in it already escaped). */
export const raw = (html) => new RawHtml(html);

export function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export function sendJson(res, status, data, headers = {}) {
  send(res, status, JSON.stringify(data), {
    'Content-Type': 'application/json; charset=utf-8',
    ...headers,
  });
}

export function sendText(res, status, text, headers = {}) {
  send(res, status, text, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
}

/**
 * Serves `relPath` from inside `root`. Anything resolving outside `root` (`..`, encoded slashes)
 * is a 404, as is an extension without a known type. Returns false when nothing was found so
 * the caller can fall through to its own 404.
 */
export async function serveFile(res, root, relPath, headers = {}) {
  let decoded;
  try {
    decoded = decodeURIComponent(relPath);
  } catch {
    return false;
  }
  const file = resolve(root, '.' + sep + decoded);
  if (!file.startsWith(resolve(root) + sep) || !TYPES[extname(file)]) return false;
  try {
    if (!(await stat(file)).isFile()) return false;
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)],
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    });
    res.end(res.req.method === 'HEAD' ? undefined : body);
    return true;
  } catch {
    return false;
  }
}

/**
 * Wraps a request handler so that a thrown error becomes a plain 500 (logged once), never a
 * crashed process or a stack trace in the browser.
 */
export function guard(handler, log) {
  return (req, res) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error) => {
        log?.(`${req.method} ${req.url.split('?')[0]}: ${error.message}`);
        if (!res.headersSent) sendText(res, 500, 'Internal error');
        else res.destroy();
      });
  };
}

/** `server.listen` as a promise that rejects with a readable message when the port is taken. */
export function listen(server, port, host, label) {
  return new Promise((resolvePromise, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(
          new DemoError(
            `${label}: port ${port} on ${host} is already in use. Stop whatever is using it ` +
              `(another \`npm start\`?) or choose other ports with PORT and BI_PORT.`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new DemoError(`${label}: not allowed to listen on port ${port}. Use a port above 1023.`),
        );
      } else {
        reject(
          new DemoError(
            `${label}: cannot listen on ${host}:${port} (${error.code || error.message}).`,
          ),
        );
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePromise(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** An error whose message is meant for the person running the demo (no stack trace needed). */
export class DemoError extends Error {
  name = 'DemoError';
}
