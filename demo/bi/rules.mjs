// The stand-in's token and parameter rules, written from what Metabase's and Lightdash's public
// source does: same checks, same status codes, same messages, so the element meets here what it
// will meet in production. Used by the demo's stand-in and by the browser tests' stand-in.
import { decodeProtectedHeader, errors, jwtVerify } from 'jose';

/** An error the stand-in answers with `status` and Metabase's/Lightdash's own `message`. */
export class EmbedError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** HS256 keys are the secret's UTF-8 bytes, as Metabase (buddy-sign) and Lightdash use them. */
export const hmacKey = (secret) => new TextEncoder().encode(secret);

/**
 * Metabase `metabase.embedding.jwt/unsign`: alg must be present and not `none`, the signature must
 * match, and `exp` is checked with 60 s of leeway. Every failure is a 400 with buddy-sign's message.
 */
export async function verifyMetabaseToken(jwt, secret) {
  let header;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    throw new EmbedError(400, 'Message seems corrupt or manipulated');
  }
  if (!header.alg) throw new EmbedError(400, 'JWT is missing `alg`.');
  if (header.alg === 'none') throw new EmbedError(400, 'JWT `alg` cannot be `none`.');
  try {
    const { payload } = await jwtVerify(jwt, hmacKey(secret), {
      algorithms: ['HS256'],
      clockTolerance: 60,
    });
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new EmbedError(400, 'Token is expired');
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
      throw new EmbedError(400, "Token can't be used yet");
    }
    throw new EmbedError(400, 'Message seems corrupt or manipulated');
  }
}

/**
 * What Metabase's embed API checks before it looks the object up: the token (`verifyMetabaseToken`),
 * its `params` claim and its resource id. Returns the verified claims and the id.
 */
export async function checkMetabaseEmbed(jwt, kind, secret) {
  const claims = await verifyMetabaseToken(jwt, secret);
  requireParams(claims);
  return { claims, id: resourceId(claims, kind) };
}

/** Metabase requires a `params` claim, even an empty one. */
export function requireParams(claims) {
  if (claims.params == null || typeof claims.params !== 'object') {
    throw new EmbedError(400, 'Token is missing value for keypath [:params]');
  }
}

const ENTITY_ID = /^[\w-]{21}$/;

/**
 * `resource.dashboard` / `resource.question` of verified claims (a positive integer or a 21-char
 * entity ID), or Metabase's 400.
 */
export function resourceId(claims, kind) {
  const id = claims.resource?.[kind];
  if (id == null)
    throw new EmbedError(400, `Token is missing value for keypath [:resource :${kind}]`);
  if (!(Number.isInteger(id) && id > 0) && !(typeof id === 'string' && ENTITY_ID.test(id))) {
    throw new EmbedError(
      400,
      `${kind === 'dashboard' ? 'Dashboard' : 'Card'} id should be a positive integer or an entity ID.`,
    );
  }
  return id;
}

// Metabase drops blank strings before checking (`valid-param-value?`).
const present = (params) =>
  Object.fromEntries(
    Object.entries(params ?? {}).filter(([, v]) => !(typeof v === 'string' && v.trim() === '')),
  );

/**
 * Metabase `check-params-are-allowed` + `check-params-exist` (embedding/api/common.clj):
 * locked must be in the JWT and not in the URL; enabled may be in either but not both; disabled
 * in neither; any parameter the object does not list is unknown. Returns the merged values
 * (the JWT's win), as `validate-and-merge-params` does.
 */
export function checkParams(embeddingParams, tokenParams, userParams) {
  const token = present(tokenParams);
  const user = present(userParams);
  for (const [slug, status] of Object.entries(embeddingParams)) {
    if (status === 'disabled' && (slug in token || slug in user)) {
      throw new EmbedError(400, `You're not allowed to specify a value for ${slug}.`);
    }
    if (status === 'enabled' && slug in token && slug in user) {
      throw new EmbedError(
        400,
        `You can't specify a value for ${slug} if it's already set in the JWT.`,
      );
    }
    if (status === 'locked') {
      if (token[slug] == null)
        throw new EmbedError(400, `You must specify a value for ${slug} in the JWT.`);
      if (slug in user)
        throw new EmbedError(400, `You can only specify a value for ${slug} in the JWT.`);
    }
  }
  for (const slug of Object.keys({ ...token, ...user })) {
    if (!(slug in embeddingParams)) throw new EmbedError(400, `Unknown parameter ${slug}.`);
  }
  return { ...user, ...token };
}

/** Query-string values by slug; a repeated key (`?category=A&category=B`) becomes a list. */
export function userParams(searchParams) {
  const params = {};
  for (const key of new Set(searchParams.keys())) {
    const all = searchParams.getAll(key);
    params[key] = all.length > 1 ? all : all[0];
  }
  return params;
}

/**
 * Lightdash's embed token check: a bad or expired token is a 403 (expired: "Your embed token has
 * expired."), and the token's `content` decides what may be shown.
 */
export async function verifyLightdashToken(jwt, secret) {
  if (!jwt) throw new EmbedError(403, 'Missing embed token');
  try {
    const { payload } = await jwtVerify(jwt, hmacKey(secret), { algorithms: ['HS256'] });
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      throw new EmbedError(403, 'Your embed token has expired.');
    throw new EmbedError(403, 'Invalid embed token');
  }
}

/**
 * Lightdash's embed API for a project: the token (`verifyLightdashToken`) and, when its content
 * names a project, that it is this one (404 otherwise). Returns the verified claims.
 */
export async function checkLightdashEmbed(jwt, projectUuid, secret) {
  const claims = await verifyLightdashToken(jwt, secret);
  const claimed = claims.content?.projectUuid;
  if (claimed && claimed !== projectUuid) throw new EmbedError(404, 'Project not found');
  return claims;
}

/**
 * Superset's guest-token check (`security/manager.py`): the `X-GuestToken` header is verified
 * with HS256 and the audience (`GUEST_TOKEN_JWT_AUDIENCE`, else the instance's own URL), and must
 * be `type: "guest"` with `user`, `resources` and `rls_rules`; otherwise there is no user (401).
 * The dashboard's access check then needs a `dashboard` resource naming the embedded dashboard
 * (403 otherwise). Returns the verified claims.
 */
export async function checkSupersetGuestToken(jwt, embedId, secret, audience) {
  let claims;
  try {
    ({ payload: claims } = await jwtVerify(jwt ?? '', hmacKey(secret), {
      algorithms: ['HS256'],
      audience,
    }));
  } catch {
    throw new EmbedError(401, 'Not authorized');
  }
  if (
    claims.type !== 'guest' ||
    !claims.user ||
    !Array.isArray(claims.resources) ||
    !Array.isArray(claims.rls_rules)
  ) {
    throw new EmbedError(401, 'Not authorized');
  }
  const granted = claims.resources.some(
    (r) => r && r.type === 'dashboard' && String(r.id) === String(embedId),
  );
  if (!granted) throw new EmbedError(403, 'Guest user cannot access this dashboard');
  return claims;
}
