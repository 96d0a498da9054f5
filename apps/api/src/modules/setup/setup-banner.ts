/**
 * The one-time setup token, printed straight to standard output the way Jenkins and Grafana do:
 * deliberately not through the logger, whose lines are shipped and kept elsewhere.
 */
export function setupBanner(token: string, publicUrl: string): string {
  const rule = '*'.repeat(78);
  return [
    '',
    rule,
    '',
    '  Lapata has no administrator yet.',
    '',
    `  Open ${publicUrl}/en/setup and enter this one-time setup token:`,
    '',
    `      ${token}`,
    '',
    '  It creates the first organisation and its administrator, and works once.',
    '  Until setup is done, each start of the API prints a new token.',
    '',
    rule,
    '',
    '',
  ].join('\n');
}

export function printSetupBanner(token: string, publicUrl: string): void {
  process.stdout.write(setupBanner(token, publicUrl));
}
