import { apiBaseUrl } from './api-url';

/**
 * A malformed API_URL stops the start with a message naming it; Next.js would otherwise keep serving
 * and fail every request.
 */
export function checkConfiguration() {
  try {
    apiBaseUrl();
  } catch (error) {
    console.error(`Invalid configuration: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
