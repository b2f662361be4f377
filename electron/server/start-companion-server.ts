import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError } from 'fastify';
import { z } from 'zod';
import { apiFailure } from '#shared/api/api-error.js';
import { apiPrefix, type CompanionService } from '#shared/api/companion-api.js';
import type { Companion } from '../companion/start-companion.js';
import { authenticate } from './authenticate.js';
import { smallBodyBytes } from './body-limit.js';
import { removeCompanionFile, writeCompanionFile } from './companion-file.js';
import { registerEventStream } from './event-stream.js';
import { ensureLocalTls } from './local-ca.js';
import { notBuiltPage } from './not-built-page.js';
import { guardRequest } from './request-guard.js';
import { hasRouteForPath, registerRoutes } from './routes.js';
import { cspFor } from './security-headers.js';
import { sendReply } from './send-reply.js';
import { createSignIn, sessionCookieName, signInLimits } from './sign-in.js';
import { registerAddinPages } from './addin-pages.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export type CompanionServerOptions = {
  readonly companion: Companion;
  readonly service: CompanionService;
  /** The `ui.port` setting; 0 picks a free port (tests). */
  readonly port: number;
  /** The window's build output (default renderer/dist) and the add-in's (default addin/dist). */
  readonly rendererDir?: string;
  readonly addinDir?: string;
};

export type CompanionServer = {
  /** `https://localhost:PORT`. */
  readonly url: string;
  readonly port: number;
  readonly caCertPath: string;
  /** The window's URL with a fresh one-time sign-in code in its fragment. */
  signInUrl(): string;
  close(): Promise<void>;
};

/** The port is taken (another companion, or another program): said in one line by the caller. */
export class PortInUseError extends Error {}

const sessionInput = z.strictObject({ code: z.string().min(1).max(200) });

/**
 * The companion's HTTPS server on localhost (docs/api.md): the API of the contract, server-sent events, the
 * window's files at `/` and the add-in's at `/addin/`, under the guards (Host, Origin, access, body limits,
 * Private Network Access) and with its own certificate authority. Writes `<store>/companion.json` once
 * listening and removes it at close.
 */
export async function startCompanionServer(options: CompanionServerOptions): Promise<CompanionServer> {
  const { companion } = options;
  const logger = companion.health.logger;
  const tls = ensureLocalTls(companion.config.store);
  const token = randomBytes(32).toString('base64url');
  const signIn = createSignIn(token);
  const verifyPaneToken = (t: string): string | null => companion.pairings.verify(t);
  let port = options.port;

  const app = Fastify({
    https: { cert: tls.cert, key: tls.key },
    logger: false,
    bodyLimit: smallBodyBytes,
    forceCloseConnections: true,
    return503OnClosing: true,
  });

  app.addHook('onRequest', async (request, reply) => {
    const verdict = guardRequest({
      host: request.headers.host,
      origin: request.headers.origin,
      port,
      addinOrigins: companion.prefs.read().addinOrigins,
    });
    if (!verdict.ok) {
      logger.warn('request refused', {
        code: verdict.code,
        host: request.headers.host,
        origin: request.headers.origin,
      });
      return sendReply(reply, apiFailure(verdict.code, verdict.message));
    }
    if (verdict.corsOrigin !== null) {
      reply.header('access-control-allow-origin', verdict.corsOrigin).header('vary', 'Origin');
    }
    if (request.method === 'OPTIONS') {
      // A preflight from the companion's own origin never happens; one from a listed add-in host is answered,
      // and only such a host is told it may reach this private address (Private Network Access).
      if (verdict.corsOrigin === null) {
        return sendReply(
          reply,
          apiFailure('REQUEST.ORIGIN', 'Preflight requests are answered for listed add-in hosts only.'),
        );
      }
      reply
        .header('access-control-allow-methods', 'GET, POST, PUT, DELETE')
        .header('access-control-allow-headers', 'authorization, content-type')
        .header('access-control-max-age', '600');
      if (request.headers['access-control-request-private-network'] === 'true') {
        reply.header('access-control-allow-private-network', 'true');
      }
      return reply.code(204).send();
    }
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (request.url.startsWith(apiPrefix)) {
      reply.header('cache-control', 'no-store');
    } else {
      reply.header('content-security-policy', cspFor(request.url));
    }
    return payload;
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendReply(
        reply,
        apiFailure('REQUEST.TOO_LARGE', 'The request body is over the limit of this route.'),
      );
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendReply(reply, apiFailure('INPUT.INVALID', `The request cannot be read: ${error.message}`));
    }
    logger.error('request failed', { error: error.message });
    return sendReply(
      reply,
      apiFailure('INTERNAL', 'The companion failed on this request; its log says why.'),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (hasRouteForPath(pathname)) {
      return sendReply(
        reply,
        apiFailure('REQUEST.METHOD', `${request.method} is not how ${pathname} is called (see docs/api.md).`),
      );
    }
    return sendReply(reply, apiFailure('NOT_FOUND', `Nothing at ${pathname}.`));
  });

  registerRoutes(app, { service: options.service, signIn, verifyPaneToken, logger });
  registerEventStream(app, companion.events, { signIn, verifyPaneToken });

  // Sign-in (docs/api.md "Sign-in"): the code from the URL's fragment becomes an HttpOnly session cookie.
  app.post(`${apiPrefix}session`, async (request, reply) => {
    const input = sessionInput.safeParse(request.body ?? {});
    if (!input.success) {
      return sendReply(
        reply,
        apiFailure('INPUT.INVALID', 'code: the sign-in code from the URL is required.'),
      );
    }
    const session = signIn.redeem(input.data.code);
    if (session === null) {
      return sendReply(
        reply,
        apiFailure(
          'AUTH.INVALID',
          'This sign-in link was used already or has expired: run crm-mail-logger open.',
        ),
      );
    }
    const maxAge = Math.floor(signInLimits.sessionTtlMs / 1000);
    reply.header(
      'set-cookie',
      `${sessionCookieName}=${session}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=${maxAge}`,
    );
    return sendReply(reply, { ok: true, value: { signedIn: true } });
  });
  // `crm-mail-logger open`: a fresh sign-in URL, for the companion.json token only.
  app.post(`${apiPrefix}session/codes`, async (request, reply) => {
    const caller = authenticate(
      'owner',
      { authorization: request.headers.authorization, cookie: undefined, origin: null },
      { signIn, verifyPaneToken },
    );
    if (!caller.ok) {
      return sendReply(reply, caller);
    }
    return sendReply(reply, { ok: true, value: { url: signInUrl() } });
  });

  const rendererDir = options.rendererDir ?? path.join(repoRoot, 'renderer', 'dist');
  const addinDir = options.addinDir ?? path.join(repoRoot, 'addin', 'dist');
  if (fs.existsSync(path.join(rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: rendererDir, prefix: '/', index: ['index.html'] });
  } else {
    app.get('/', (_request, reply) => reply.code(503).type('text/html; charset=utf-8').send(notBuiltPage));
  }
  if (fs.existsSync(addinDir)) {
    await registerAddinPages(app, addinDir, () => companion.prefs.read().officeJsSource);
  }

  try {
    await app.listen({ port, host: 'localhost' });
  } catch (error) {
    await app.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new PortInUseError(
        `port ${port} is in use (is another companion running?): stop it, or set "ui": {"port": N} in the config`,
      );
    }
    throw error;
  }
  const address = app.server.address();
  port = typeof address === 'object' && address !== null ? address.port : port;
  const url = `https://localhost:${port}`;
  function signInUrl(): string {
    return `${url}/#signin=${signIn.mintCode()}`;
  }
  writeCompanionFile(companion.config.store, {
    url,
    token,
    pid: process.pid,
    version: companion.version,
    ca: tls.caCertPath,
  });
  logger.info('local API listening', { url, ca: tls.caCertPath, certificateExpires: tls.leafExpiresAt });
  return {
    url,
    port,
    caCertPath: tls.caCertPath,
    signInUrl,
    async close() {
      removeCompanionFile(companion.config.store);
      await app.close();
    },
  };
}
