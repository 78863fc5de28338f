/** Verifies the client's `Authorization` header for one call; throws `unauthorized(...)` on any failure. */
export interface RequestAuthenticator {
  authenticate(input: { authorization: string | undefined; audience: string }): Promise<void>;
}

/** `CDS_AUTH=off`: accepts every call (development only; start-up warns loudly). */
export const allowAllAuthenticator: RequestAuthenticator = {
  async authenticate() {},
};
