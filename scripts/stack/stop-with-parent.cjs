// Preloaded (node --require) into the API and the web when `npm start` runs them. They run in
// process groups of their own, so a Ctrl-C reaches only the orchestrator; if the orchestrator
// dies without stopping them (killed, out of memory), this stops them instead of leaving them
// running and holding their ports. The orchestrator opens an IPC channel only for this.
if (process.channel) {
  // The channel must not keep the process alive once its own work is done.
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
