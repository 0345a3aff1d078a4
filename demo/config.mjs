// Reads the demo's configuration from the environment. Every mistake becomes a DemoError whose
// message says what to change; `npm start` prints it instead of a stack trace.
import { DemoError } from './lib/http.mjs';

function port(env, name, fallback) {
  const value = env[name];
  if (value == null || value === '') return fallback;
  // 0 asks the system for a free port.
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new DemoError(`${name}=${JSON.stringify(value)} is not a port number (0-65535).`);
  }
  return Number(value);
}

function positiveInt(env, name, fallback) {
  const value = env[name];
  if (value == null || value === '') return fallback;
  if (!/^[1-9]\d*$/.test(value))
    throw new DemoError(`${name} must be a positive whole number (a Metabase id).`);
  return Number(value);
}

/** The real Metabase to sign for, or null for the built-in stand-in. */
function metabaseFromEnv(env, warnings) {
  const siteUrl = env.METABASE_SITE_URL?.trim();
  const secretKey = env.METABASE_SECRET_KEY?.trim();
  if (!siteUrl && !secretKey) return null;
  if (!siteUrl || !secretKey) {
    const [set, missing] = siteUrl
      ? ['METABASE_SITE_URL', 'METABASE_SECRET_KEY']
      : ['METABASE_SECRET_KEY', 'METABASE_SITE_URL'];
    throw new DemoError(
      `${set} is set but ${missing} is not. Set both to sign for a real Metabase ` +
        `(the site URL and the key from Admin settings > Embedding > Static embedding), or neither for the stand-in.`,
    );
  }
  let url;
  try {
    url = new URL(siteUrl);
  } catch {
    throw new DemoError(
      `METABASE_SITE_URL=${JSON.stringify(siteUrl)} is not a URL. Use the address you open Metabase at, e.g. https://metabase.example.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DemoError(
      `METABASE_SITE_URL must start with https:// or http:// (got ${url.protocol}).`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new DemoError(
      'METABASE_SITE_URL must be a plain site address: no credentials, query string or #hash.',
    );
  }
  if (!/^[0-9a-f]{64}$/i.test(secretKey)) {
    warnings.push(
      'METABASE_SECRET_KEY is not the 64 hexadecimal characters Metabase generates; embeds will fail with ' +
        '"Message seems corrupt or manipulated" if it is not the key from Admin settings > Embedding.',
    );
  }
  let lockedParams = {};
  if (env.METABASE_LOCKED_PARAMS) {
    try {
      lockedParams = JSON.parse(env.METABASE_LOCKED_PARAMS);
    } catch {
      lockedParams = null;
    }
    if (!lockedParams || typeof lockedParams !== 'object' || Array.isArray(lockedParams)) {
      throw new DemoError(
        'METABASE_LOCKED_PARAMS must be a JSON object, e.g. {"tenant":"northwind"}.',
      );
    }
  }
  return {
    siteUrl: url.href.replace(/\/+$/, ''),
    secretKey,
    dashboardId: positiveInt(env, 'METABASE_DASHBOARD_ID', 1),
    questionId: positiveInt(env, 'METABASE_QUESTION_ID', 1),
    lockedParams,
  };
}

/**
 * `DEMO_ALLOWED_ORIGINS`: a comma list of origins (a framework's dev server, e.g.
 * http://localhost:5173) whose pages may call the token endpoint (CORS) and frame the stand-in.
 */
function allowedOrigins(env) {
  const value = env.DEMO_ALLOWED_ORIGINS?.trim();
  if (!value) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      let url;
      try {
        url = new URL(item);
      } catch {
        url = null;
      }
      if (!url || !/^https?:$/.test(url.protocol) || url.origin !== item.replace(/\/$/, '')) {
        throw new DemoError(
          `DEMO_ALLOWED_ORIGINS: ${JSON.stringify(item)} is not an origin. Use scheme, host and port only, ` +
            'comma-separated, e.g. DEMO_ALLOWED_ORIGINS=http://localhost:5173,http://localhost:4200',
        );
      }
      return url.origin;
    });
}

/** Options for `startDemo`, plus warnings worth printing. Throws DemoError on bad settings. */
export function configFromEnv(env = process.env) {
  const warnings = [];
  const hostPort = port(env, 'PORT', 8080);
  const biPort = port(env, 'BI_PORT', 8081);
  if (hostPort === biPort && hostPort !== 0) {
    throw new DemoError(`PORT and BI_PORT are both ${hostPort}: the two servers need two ports.`);
  }
  const secret = env.BI_EMBED_SECRET || undefined;
  if (secret && secret.length < 32) {
    throw new DemoError(
      `BI_EMBED_SECRET is ${secret.length} characters long; use at least 32 (an HS256 key should be 256 bits), ` +
        'or leave it unset for a random secret per start.',
    );
  }
  return {
    hostPort,
    biPort,
    secret,
    metabase: metabaseFromEnv(env, warnings),
    allowedOrigins: allowedOrigins(env),
    warnings,
  };
}
