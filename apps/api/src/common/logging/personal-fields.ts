export const REDACTED = '[Redacted]';

/**
 * Keys whose values are personal or secret wherever they appear in a logged object, at any depth.
 * Compared after lower-casing and dropping `_` and `-`, so `adminEmail`, `admin_email` and
 * `ADMIN-EMAIL` all match. Add a key here when a new personal field appears in the domain.
 */
const PERSONAL_KEYS = new Set([
  'name',
  'displayname',
  'fullname',
  'givenname',
  'familyname',
  'fathername',
  'husbandname',
  'adminname',
  'alternatenames',
  'address',
  'dateofbirth',
  'phones',
  'mobile',
  'cookie',
  'setcookie',
  'authorization',
  'remoteaddress',
]);

/** Any key ending in one of these is personal or secret too (`newPassword`, `setupToken`, ...). */
const PERSONAL_SUFFIXES = ['email', 'password', 'token', 'secret', 'phone', 'cnic', 'nationalid'];

export function isPersonalKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[-_]/g, '');
  return PERSONAL_KEYS.has(normalised) || PERSONAL_SUFFIXES.some((suffix) => normalised.endsWith(suffix));
}

const MAX_DEPTH = 8;

/**
 * Copies `value` with every personal key's value replaced by "[Redacted]". Walks plain objects and
 * arrays only: class instances (a request, an error) are left to their serializers, which decide
 * field by field what is logged.
 */
export function redactPersonalFields<T>(value: T, depth = 0): T {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return value.map((item: unknown) => redactPersonalFields(item, depth + 1)) as T;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isPersonalKey(key) ? REDACTED : redactPersonalFields(item, depth + 1);
  }
  return copy as T;
}
