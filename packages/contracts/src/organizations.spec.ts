import { describe, expect, it } from 'vitest';
import { InvitationAcceptRequestSchema, InvitationCreateRequestSchema } from './invitations';
import { OrganizationUpdateRequestSchema, isTimeZone } from './organizations';

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('OrganizationUpdateRequestSchema', () => {
  it('accepts a rename or a new IANA time zone with the version read', () => {
    expect(OrganizationUpdateRequestSchema.parse({ version: 3, name: ' NGO ' })).toEqual({ version: 3, name: 'NGO' });
    expect(OrganizationUpdateRequestSchema.parse({ version: 1, timeZone: 'Asia/Karachi' }).timeZone).toBe('Asia/Karachi');
  });

  it('needs a change, a known time zone and a positive version', () => {
    expect(messages(OrganizationUpdateRequestSchema.safeParse({ version: 1 }))).toEqual({ name: 'Change the name or the time zone' });
    expect(messages(OrganizationUpdateRequestSchema.safeParse({ version: 0, timeZone: 'Asia/Lahore' }))).toEqual({
      version: 'Too small: expected number to be >0',
      timeZone: 'Choose a time zone from the list, e.g. Asia/Karachi',
    });
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Karachi')).toBe(false);
  });
});

describe('invitation requests', () => {
  it('normalise the email and refuse unknown fields', () => {
    expect(InvitationCreateRequestSchema.parse({ email: ' A@Example.ORG ', role: 'LAWYER' })).toEqual({
      email: 'a@example.org',
      role: 'LAWYER',
    });
    expect(messages(InvitationCreateRequestSchema.safeParse({ email: 'a@example.org', role: 'LAWYER', caseId: 'x' }))).toEqual({
      '': 'Unrecognized key: "caseId"',
    });
  });

  it('take the token in the body, and a display name only to create an account', () => {
    const signIn = InvitationAcceptRequestSchema.parse({ token: 't', email: 'a@example.org', password: 'x' });
    expect(signIn.displayName).toBeUndefined();
    expect(messages(InvitationAcceptRequestSchema.safeParse({ token: 't', email: 'a@example.org', password: '', displayName: ' ' }))).toEqual({
      password: 'Enter your password',
      displayName: 'Enter a name',
    });
  });
});
