import { createServer } from 'node:net';
import { describeExit } from './service.mjs';

function listenOnce(port, host) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

/** Throws a clear message when something already listens on `port`, naming the setting to change. */
export async function assertPortFree(port, host, setting) {
  try {
    await listenOnce(port, host);
  } catch (error) {
    if (error.code === 'EADDRINUSE') {
      throw new Error(`Port ${port} is already in use; stop what uses it or set ${setting} to another port`);
    }
    if (error.code === 'EACCES') throw new Error(`Port ${port} needs privileges; set ${setting} to a port above 1023`);
    throw error;
  }
}

/** A port nothing listens on right now (the kernel picks it). */
export function findFreePort(host) {
  return listenOnce(0, host);
}

/**
 * Polls `url` until it answers (any HTTP status satisfying `accept`). Fails early when `service`
 * exits first, and after `timeoutMs`.
 */
export async function waitForHttp(url, { service, timeoutMs, signal, accept = () => true }) {
  const deadline = Date.now() + timeoutMs;
  let serviceEnded;
  service.exited.then((exit) => {
    serviceEnded = exit;
  });
  for (;;) {
    signal?.throwIfAborted();
    if (serviceEnded) {
      throw new Error(`The ${service.name} stopped before it was ready (${describeExit(serviceEnded)}); see its output above`);
    }
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (accept(response.status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`The ${service.name} did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
