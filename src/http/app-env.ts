/** Per-request variables shared by the middleware and the routes. */
export type AppEnv = {
  Variables: {
    requestId: string;
    route: string;
    serviceId: string;
    hook: string;
    hookInstance: string;
    /** Milliseconds spent per phase (auth, parse, prefetch, engine, store), for the request log line. */
    timings: Record<string, number>;
    /** What went wrong, for the log only (never sent, never PHI). */
    problem: string;
    /** Headers every response carries: X-Request-Id and CORS. */
    standardHeaders: Record<string, string>;
    /** Set when the client hung up before its request was read: counted apart, never as a response status. */
    clientAborted: boolean;
    /** Set when the response was built with the standard headers (jsonResponse), so the middleware leaves it be. */
    standardHeadersSent: boolean;
  };
};
