// Runs once when the server starts. The check lives in a Node-only module (it may end the process).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkConfiguration } = await import('./lib/check-configuration');
    checkConfiguration();
  }
}
