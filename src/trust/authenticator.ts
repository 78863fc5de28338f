/**
 * Verifies the client's `Authorization` header for one call; throws `unauthorized(...)` on any failure. `audience`:
 * the URL called, under each of the service's base URLs (PUBLIC_BASE_URL); the token's `aud` must be one of them.
 */
export interface RequestAuthenticator {
  authenticate(input: { authorization: string | undefined; audience: string | string[] }): Promise<void>;
}

/** `CDS_AUTH=off`: accepts every call (development only; start-up warns loudly). */
export const allowAllAuthenticator: RequestAuthenticator = {
  async authenticate() {},
};
