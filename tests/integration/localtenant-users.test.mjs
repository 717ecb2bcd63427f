// localtenant: GET and PATCH /api/v2/users/{id}, case by case against the
// Auth0 behaviour in docs/auth0.md (users endpoints, metadata merge), and persistence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADA, GITHUB, GOOGLE, m2mToken, startTenant, usersApi, userUrl } from './support/localtenant.mjs';

// A tenant with a generous rate limit (these tests are not about it) and a token.
async function setup(t, args = []) {
  const tenant = await startTenant(t, { args: ['--rate-limit', '1000', '--rate-burst', '1000', ...args] });
  return { ...tenant, token: await m2mToken(tenant.issuer) };
}

function patch(env, id, body, options = {}) {
  return usersApi(env.issuer, env.token, id, { method: 'PATCH', body, ...options });
}

test('GET returns the Auth0 user object for an URL-encoded id', async (t) => {
  const env = await setup(t);
  assert.equal(userUrl(env.issuer, ADA.id).pathname, '/api/v2/users/auth0%7Cada');
  const r = await usersApi(env.issuer, env.token, ADA.id);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json; charset=utf-8/);
  assert.equal(r.body.user_id, ADA.id);
  assert.equal(r.body.email, ADA.email);
  assert.deepEqual(r.body.identities, [{ connection: 'Username-Password-Authentication', user_id: 'ada', provider: 'auth0', isSocial: false }]);
  assert.deepEqual(r.body.user_metadata, { city: 'London', prefs: { theme: 'dark', lang: 'en' } });
  assert.deepEqual(r.body.app_metadata, { plan: 'gold' });
  assert.match(r.body.created_at, /Z$/);
  assert.equal(r.body.password, undefined);
  assert.equal(r.body.password_hash, undefined);
});

test('GET keeps non-ASCII names intact', async (t) => {
  const env = await setup(t);
  const r = await usersApi(env.issuer, env.token, 'auth0|zoe');
  assert.equal(r.body.name, 'Zoë Łukasiewicz · Софья · 李小龍');
  assert.equal(r.body.user_metadata.city, 'Kraków');
});

test('GET with fields and include_fields', async (t) => {
  const env = await setup(t);
  const only = await usersApi(env.issuer, env.token, ADA.id, { query: 'fields=email,name&include_fields=true' });
  assert.deepEqual(only.body, { email: ADA.email, name: 'Ada Lovelace' });
  const without = await usersApi(env.issuer, env.token, ADA.id, { query: 'fields=app_metadata&include_fields=false' });
  assert.equal(without.body.app_metadata, undefined);
  assert.equal(without.body.email, ADA.email);
});

test('GET of an unknown user is 404 inexistent_user', async (t) => {
  const env = await setup(t);
  const r = await usersApi(env.issuer, env.token, 'auth0|nobody');
  assert.equal(r.status, 404);
  assert.deepEqual(r.body, { statusCode: 404, error: 'Not Found', message: 'The user does not exist.', errorCode: 'inexistent_user' });
});

test('no token is 401, a bad token is 401', async (t) => {
  const env = await setup(t);
  const none = await usersApi(env.issuer, null, ADA.id);
  assert.equal(none.status, 401);
  assert.equal(none.body.statusCode, 401);
  assert.equal(none.body.error, 'Unauthorized');
  const forged = await usersApi(env.issuer, env.token.slice(0, -6) + 'AAAAAA', ADA.id);
  assert.equal(forged.status, 401);
  assert.equal(forged.body.message, 'Invalid signature received for JSON Web Token validation.');
  const garbage = await usersApi(env.issuer, 'not-a-jwt', ADA.id);
  assert.equal(garbage.status, 401);
});

test('an expired token is 401', async (t) => {
  const env = await setup(t, ['--m2m-token-ttl', '1']);
  await new Promise((r) => setTimeout(r, 2100));
  const r = await usersApi(env.issuer, env.token, ADA.id);
  assert.equal(r.status, 401);
  assert.match(r.body.message, /Expired token/);
});

test('a token from another tenant is 401', async (t) => {
  const env = await setup(t);
  const other = await setup(t);
  const r = await usersApi(env.issuer, other.token, ADA.id);
  assert.equal(r.status, 401);
});

test('a token without read:users gets 403 insufficient_scope on GET', async (t) => {
  const env = await setup(t);
  const token = await m2mToken(env.issuer, { scope: 'update:users' });
  const r = await usersApi(env.issuer, token, ADA.id);
  assert.equal(r.status, 403);
  assert.equal(r.body.errorCode, 'insufficient_scope');
  assert.match(r.body.message, /^Insufficient scope, expected any of: read:users/);
});

test('a token without update:users gets 403 insufficient_scope on PATCH', async (t) => {
  const env = await setup(t);
  const token = await m2mToken(env.issuer, { clientId: 'reader', secret: 'reader-secret' });
  const r = await usersApi(env.issuer, token, ADA.id, { method: 'PATCH', body: { name: 'x' } });
  assert.equal(r.status, 403);
  assert.equal(r.body.errorCode, 'insufficient_scope');
  assert.match(r.body.message, /update:users/);
});

test('PATCH merges user_metadata one level deep', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { user_metadata: { lang: 'fr' } });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.user_metadata, { city: 'London', prefs: { theme: 'dark', lang: 'en' }, lang: 'fr' });
});

test('PATCH replaces a nested object whole', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { user_metadata: { prefs: { theme: 'light' } } });
  assert.deepEqual(r.body.user_metadata.prefs, { theme: 'light' });
});

test('PATCH with a null metadata key deletes it', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { user_metadata: { city: null } });
  assert.deepEqual(r.body.user_metadata, { prefs: { theme: 'dark', lang: 'en' } });
});

test('PATCH with {} wipes the metadata', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { user_metadata: {} });
  assert.deepEqual(r.body.user_metadata, {});
  assert.deepEqual(r.body.app_metadata, { plan: 'gold' }, 'app_metadata untouched');
});

test('PATCH merges app_metadata by the same rules', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { app_metadata: { tier: 2 } });
  assert.deepEqual(r.body.app_metadata, { plan: 'gold', tier: 2 });
});

test('PATCH replaces root attributes and null removes them', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { name: 'Augusta Ada King', given_name: null });
  assert.equal(r.status, 200);
  assert.equal(r.body.name, 'Augusta Ada King');
  assert.equal(r.body.given_name, undefined);
  const again = await usersApi(env.issuer, env.token, ADA.id);
  assert.equal(again.body.name, 'Augusta Ada King');
});

test('PATCH advances updated_at on every write', async (t) => {
  const env = await setup(t);
  const before = (await usersApi(env.issuer, env.token, ADA.id)).body.updated_at;
  const first = (await patch(env, ADA.id, { nickname: 'a1' })).body.updated_at;
  const second = (await patch(env, ADA.id, { nickname: 'a2' })).body.updated_at;
  assert.ok(first > before, `${first} > ${before}`);
  assert.ok(second > first, `${second} > ${first}`);
});

test('PATCH refuses read-only fields with Auth0\'s payload validation message', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { user_id: 'auth0|other', created_at: '2020-01-01T00:00:00.000Z', name: 'x' });
  assert.equal(r.status, 400);
  assert.equal(r.body.errorCode, 'invalid_body');
  assert.equal(r.body.error, 'Bad Request');
  assert.match(r.body.message, /^Payload validation error: 'Additional properties not allowed: created_at,user_id \(consider storing them in app_metadata or user_metadata/);
  assert.equal((await usersApi(env.issuer, env.token, ADA.id)).body.name, 'Ada Lovelace', 'nothing was written');
});

test('PATCH refuses identities, logins_count and other non-writable fields', async (t) => {
  const env = await setup(t);
  for (const field of ['identities', 'logins_count', 'last_login', 'updated_at', 'favourite_colour']) {
    const r = await patch(env, ADA.id, { [field]: 1 });
    assert.equal(r.status, 400, field);
    assert.match(r.body.message, new RegExp(`Additional properties not allowed: ${field}`), field);
  }
});

test('PATCH type errors are 400 with the property named', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { blocked: 'yes' });
  assert.equal(r.status, 400);
  assert.equal(r.body.message, "Payload validation error: 'Expected type boolean but found type string' on property blocked.");
  const long = await patch(env, ADA.id, { given_name: 'x'.repeat(151) });
  assert.match(long.body.message, /String is too long \(151 chars\), maximum 150/);
});

test('PATCH of name or picture for a Google user (sync on each login) is refused', async (t) => {
  const env = await setup(t);
  const r = await patch(env, GOOGLE.id, { name: 'New', picture: 'https://example.com/new.png' });
  assert.equal(r.status, 400);
  assert.equal(r.body.message,
    "The following user attributes cannot be updated: name, picture. The connection must either be a database connection (using the Auth0 store), a passwordless connection (email or sms) or has disabled 'Sync user profile attributes at each login'.");
  assert.equal((await usersApi(env.issuer, env.token, GOOGLE.id)).body.name, 'Gina Google');
});

test('PATCH of user_metadata for a Google user is allowed', async (t) => {
  const env = await setup(t);
  const r = await patch(env, GOOGLE.id, { user_metadata: { city: 'Zürich' } });
  assert.equal(r.status, 200);
  assert.equal(r.body.user_metadata.city, 'Zürich');
});

test('PATCH of names for a social connection without sync at each login is allowed', async (t) => {
  const env = await setup(t);
  const r = await patch(env, GITHUB.id, { name: 'Gus Renamed', nickname: 'gus' });
  assert.equal(r.status, 200);
  assert.equal(r.body.name, 'Gus Renamed');
});

test('PATCH of email for a non-database user is refused', async (t) => {
  const env = await setup(t);
  const r = await patch(env, GITHUB.id, { email: 'new@example.com' });
  assert.equal(r.status, 400);
  assert.equal(r.body.message, 'Cannot update email for non-database user.');
});

test('PATCH of email for a database user is lowercased and unverified', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { email: 'Ada.New@Example.com' });
  assert.equal(r.status, 200);
  assert.equal(r.body.email, 'ada.new@example.com');
  assert.equal(r.body.email_verified, false);
});

test('PATCH to an email another user of the connection has is refused', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { email: 'grace@example.com' });
  assert.equal(r.status, 400);
  assert.match(r.body.message, /^The specified new email already exists/);
});

test('PATCH of email with email_verified: true keeps it verified (a change verified by the caller)', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { email: 'ada.new@example.com', email_verified: true, connection: 'Username-Password-Authentication' });
  assert.equal(r.status, 200);
  assert.equal(r.body.email, 'ada.new@example.com');
  assert.equal(r.body.email_verified, true);
});

test('GET users-by-email: every user with exactly that address, read:users only', async (t) => {
  const env = await setup(t);
  const byEmail = async (email, token = env.token) => {
    const res = await fetch(new URL(`api/v2/users-by-email?email=${encodeURIComponent(email)}`, env.issuer),
      { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  };
  const found = await byEmail(ADA.email);
  assert.equal(found.status, 200);
  assert.deepEqual(found.body.map((u) => u.user_id), [ADA.id]);
  assert.equal(found.body[0].identities[0].connection, 'Username-Password-Authentication');
  assert.deepEqual((await byEmail('ADA@example.com')).body, [], 'case-sensitive, as Auth0');
  assert.deepEqual((await byEmail('nobody@example.com')).body, []);
  const missing = await fetch(new URL('api/v2/users-by-email', env.issuer), { headers: { authorization: `Bearer ${env.token}` } });
  assert.equal(missing.status, 400);
  const noScope = await m2mToken(env.issuer, { clientId: 'no-grant', secret: 'no-grant-secret' }).catch(() => null);
  if (noScope) assert.equal((await byEmail(ADA.email, noScope)).status, 403);
  assert.equal((await fetch(new URL(`api/v2/users-by-email?email=${ADA.email}`, env.issuer))).status, 401);
});

test('PATCH of password and email together is refused', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { password: 'new-password-1', email: 'x@example.com' });
  assert.equal(r.status, 400);
  assert.equal(r.body.message, 'Cannot update password and email simultaneously.');
});

test('PATCH refuses metadata keys with "." or "$"', async (t) => {
  const env = await setup(t);
  const dot = await patch(env, ADA.id, { user_metadata: { 'a.b': 1 } });
  assert.equal(dot.status, 400);
  assert.equal(dot.body.errorCode, 'invalid_body');
  const dollar = await patch(env, ADA.id, { user_metadata: { nested: { $set: 1 } } });
  assert.equal(dollar.status, 400);
  const value = await patch(env, ADA.id, { user_metadata: { site: 'example.com' } });
  assert.equal(value.status, 200, 'dots are fine in values');
});

test('PATCH refuses reserved app_metadata keys', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { app_metadata: { user_id: 'x' } });
  assert.equal(r.status, 400);
});

test('PATCH that would take the profile over 10 KB is refused', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { user_metadata: { bio: 'x'.repeat(10 * 1024) } });
  assert.equal(r.status, 400);
  assert.match(r.body.message, /10 KB/);
  const fits = await patch(env, ADA.id, { user_metadata: { bio: 'x'.repeat(8 * 1024) } });
  assert.equal(fits.status, 200);
});

test('PATCH with a body that is not JSON is 400', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, '{"name":', {});
  assert.equal(r.status, 400);
  assert.equal(r.body.statusCode, 400);
});

test('PATCH of an unknown user is 404', async (t) => {
  const env = await setup(t);
  const r = await patch(env, 'auth0|nobody', { name: 'x' });
  assert.equal(r.status, 404);
  assert.equal(r.body.errorCode, 'inexistent_user');
});

test('a password changed through PATCH signs in; the old one does not', async (t) => {
  const env = await setup(t);
  const r = await patch(env, ADA.id, { password: 'brand-new-password' });
  assert.equal(r.status, 200);
  assert.ok(r.body.last_password_reset);
  const { signIn } = await import('./support/localtenant.mjs');
  const old = await signIn(env.issuer, { user: ADA });
  assert.equal(old.response.status, 400);
  const fresh = await signIn(env.issuer, { user: { ...ADA, password: 'brand-new-password' } });
  assert.equal(fresh.response.status, 302);
});

test('edits survive a restart on the same database', async (t) => {
  const first = await setup(t);
  await patch(first, ADA.id, { user_metadata: { city: 'Paris' }, name: 'Persisted' });
  await first.stop();
  const second = await startTenant(t, { dir: first.dir, db: first.db });
  const token = await m2mToken(second.issuer);
  const r = await usersApi(second.issuer, token, ADA.id);
  assert.equal(r.body.name, 'Persisted');
  assert.equal(r.body.user_metadata.city, 'Paris');
});

test('concurrent PATCHes of different keys are all kept', async (t) => {
  const env = await setup(t);
  const keys = Array.from({ length: 10 }, (_, i) => `k${i}`);
  const results = await Promise.all(keys.map((k) => patch(env, ADA.id, { user_metadata: { [k]: k } })));
  assert.ok(results.every((r) => r.status === 200));
  const user = (await usersApi(env.issuer, env.token, ADA.id)).body;
  for (const k of keys) assert.equal(user.user_metadata[k], k);
});
