import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A long-running part of the stack (API, web, embedded database) started in its own process group,
 * so that a Ctrl-C in the terminal reaches only the orchestrator, which then stops the parts in
 * order. `stop()` signals the whole group, so grandchildren (PostgreSQL under its launcher, workers
 * of `next start`) go too.
 */
export function startService({ name, command, args, cwd, env, onLine, ipc = false, requestStop, stopTimeoutMs = 5000 }) {
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])],
  });
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // A spawn failure (missing executable) emits 'error' and never 'exit'.
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  for (const [stream, source] of [
    [child.stdout, 'stdout'],
    [child.stderr, 'stderr'],
  ]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => onLine(line, source));
  }

  let exitedAlready = false;
  exited.then(() => {
    exitedAlready = true;
  });

  function signalGroup(signal) {
    if (exitedAlready || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
  }

  return {
    name,
    child,
    exited,
    /**
     * Asks the part to stop (SIGTERM to its group, or the `requestStop` it was started with) and
     * kills the group if it is still there after `stopTimeoutMs`. Resolves once it is gone.
     */
    async stop() {
      if (exitedAlready) return exited;
      if (requestStop) requestStop(child, signalGroup);
      else signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), stopTimeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
    kill: () => signalGroup('SIGKILL'),
  };
}

/** Describes how a service ended, for messages: "exit code 1", "signal SIGKILL". */
export function describeExit({ code, signal, error }) {
  if (error) return error.message;
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/**
 * Runs a command to completion (a build step, the migrations) in this process group, so a Ctrl-C
 * in the terminal stops it too. Its output is kept and shown only when it fails, so the start
 * prints short progress lines instead of compiler chatter.
 */
export function runStep({ command, args, cwd, env, signal }) {
  // Resolves with what the command printed.
  return new Promise((resolve, reject) => {
    const output = [];
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGTERM' });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.once('error', (error) => {
      if (error.name === 'AbortError') reject(error);
      else reject(new Error(`Could not run ${command}: ${error.message}`));
    });
    child.once('close', (code, exitSignal) => {
      if (code === 0) return resolve(Buffer.concat(output).toString('utf8'));
      if (signal?.aborted) return reject(signal.reason);
      const failure = new Error(`${[command, ...args].join(' ')} failed (${describeExit({ code, signal: exitSignal })})`);
      failure.output = Buffer.concat(output).toString('utf8');
      reject(failure);
    });
  });
}
