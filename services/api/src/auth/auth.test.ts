import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../test-support/world.js';
import { createJwtVerifier } from './jwt.js';

const ISSUER = 'https://idp.example/';
const AUDIENCE = 'trustwatch-api';

let world: World;
let ecKey: { publicKey: CryptoKey; privateKey: CryptoKey };

// Minted against the real clock, which the verifier uses; `claims` override any default.
function token(
  claims: Record<string, unknown>,
  options: { alg?: string; key?: CryptoKey | Uint8Array } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: 'soc-analyst',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + 600,
    scope: 'trustwatch:security',
    ...claims,
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: options.alg ?? 'ES256' })
    .sign(options.key ?? ecKey.privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const call = (authorization: string) =>
  world.app.inject({ method: 'GET', url: '/v1/alerts', headers: { authorization } });

beforeAll(async () => {
  ecKey = await generateKeyPair('ES256', { extractable: true });
  world = await buildWorld({
    jwt: createJwtVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      key: ecKey.publicKey,
      clockToleranceSec: 0,
    }),
  });
});
afterAll(async () => {
  await world.app.close();
});

describe('bearer tokens', () => {
  const realNow = () => Math.floor(Date.now() / 1000);

  it('accepts an ES256 token from the configured issuer for the API audience, with its role scope', async () => {
    const res = await call(`Bearer ${await token({ iat: realNow(), exp: realNow() + 600 })}`);
    expect(res.statusCode).toBe(200);
  });

  it('accepts RS256 and EdDSA tokens when the key is of that kind', async () => {
    for (const alg of ['RS256', 'EdDSA'] as const) {
      const pair = await generateKeyPair(alg);
      const verify = createJwtVerifier({ issuer: ISSUER, audience: AUDIENCE, key: pair.publicKey });
      const principal = await verify(await token({}, { alg, key: pair.privateKey }));
      expect(principal).toEqual({ subject: 'soc-analyst', role: 'security', via: 'jwt' });
    }
  });

  it('refuses an unsigned token (alg none)', async () => {
    const claims = { sub: 'x', iss: ISSUER, aud: AUDIENCE, exp: realNow() + 600, scope: 'trustwatch:admin' };
    const res = await call(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses an HS256 token MACed with the public key (algorithm confusion)', async () => {
    const pem = await exportSPKI(ecKey.publicKey);
    const forged = await token(
      { exp: realNow() + 600 },
      { alg: 'HS256', key: new TextEncoder().encode(pem) },
    );
    expect((await call(`Bearer ${forged}`)).statusCode).toBe(401);
  });

  it('refuses a token signed by another key, even with an allowed algorithm', async () => {
    const stranger = await generateKeyPair('ES256');
    expect(
      (await call(`Bearer ${await token({ exp: realNow() + 600 }, { key: stranger.privateKey })}`))
        .statusCode,
    ).toBe(401);
  });

  it('refuses an expired token', async () => {
    const expired = await token({ iat: realNow() - 7200, exp: realNow() - 3600 });
    expect((await call(`Bearer ${expired}`)).statusCode).toBe(401);
  });

  it('refuses a token for another issuer or another audience', async () => {
    const exp = realNow() + 600;
    expect((await call(`Bearer ${await token({ exp, iss: 'https://evil.example/' })}`)).statusCode).toBe(401);
    expect((await call(`Bearer ${await token({ exp, aud: 'another-api' })}`)).statusCode).toBe(401);
  });

  it('refuses with 403 a valid token that carries no Trustwatch role scope', async () => {
    const res = await call(`Bearer ${await token({ exp: realNow() + 600, scope: 'openid profile' })}`);
    expect(res.statusCode).toBe(403);
  });

  it('refuses with 403 an account-manager token on a security route', async () => {
    const res = await world.app.inject({
      method: 'GET',
      url: '/v1/silences',
      headers: {
        authorization: `Bearer ${await token({ exp: realNow() + 600, scope: 'trustwatch:account-manager' })}`,
      },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('API keys', () => {
  it('shows a new key once, stores only its hash, and refuses it as soon as it is revoked', async () => {
    const admin = { 'x-api-key': world.keys.admin };
    const created = await world.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: admin,
      payload: { name: 'ci', subject: 'ci-bot', role: 'security' },
    });
    expect(created.statusCode).toBe(201);
    const { key, record } = created.json<{ key: string; record: { id: string } }>();
    const listed = await world.app.inject({ method: 'GET', url: '/v1/api-keys', headers: admin });
    expect(listed.body).not.toContain(key);
    expect(listed.body).not.toContain('hash');
    expect((await call(`ApiKey ${key}`)).statusCode).toBe(200);
    const revoked = await world.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${record.id}`,
      headers: admin,
    });
    expect(revoked.statusCode).toBe(200);
    expect((await call(`ApiKey ${key}`)).statusCode).toBe(401);
  });

  it('refuses requests without credentials, and a key that was never issued', async () => {
    expect((await world.app.inject({ method: 'GET', url: '/v1/customers' })).statusCode).toBe(401);
    const guessed = `twk_0123456789abcdef_${'A'.repeat(43)}`;
    expect((await call(`ApiKey ${guessed}`)).statusCode).toBe(401);
  });
});
