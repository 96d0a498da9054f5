import { describe, expect, it } from 'vitest';
import { DiaryEntryRequestSchema } from './diary';
import { DisappearanceRequestSchema } from './disappearances';
import { RelativeRequestSchema, RelativeUpdateRequestSchema } from './relatives';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('case record contracts', () => {
  it('takes a disappearance with empty text as not known, and fills the lists', () => {
    const parsed = DisappearanceRequestSchema.parse({ lastSeen: { from: '1994-06' }, lastSeenPlace: '  ', circumstances: 'Taken at night' });
    expect(parsed).toEqual({
      lastSeen: { from: '1994-06', to: null },
      lastSeenPlace: null,
      circumstances: 'Taken at night',
      perpetrators: [],
      witnesses: [],
    });
  });

  it('refuses an impossible, reversed or future last-seen date and an empty perpetrator entry', () => {
    expect(issues(DisappearanceRequestSchema.safeParse({ lastSeen: { from: '1994-02-30' } }))).toEqual({ 'lastSeen.from': 'This date does not exist' });
    expect(issues(DisappearanceRequestSchema.safeParse({ lastSeen: { from: '1995', to: '1994' } }))).toEqual({
      'lastSeen.to': 'The end of the range is before its start',
    });
    const future = String(new Date().getUTCFullYear() + 2);
    expect(issues(DisappearanceRequestSchema.safeParse({ lastSeen: { from: future } }))).toEqual({ 'lastSeen.from': 'This date is in the future' });
    expect(issues(DisappearanceRequestSchema.safeParse({ perpetrators: [{ agency: '', unit: '' }] }))).toEqual({
      'perpetrators.0.agency': 'Describe who took them, or remove the entry',
    });
  });

  it('needs a relationship and a name for a relative, and a version to change one', () => {
    expect(issues(RelativeRequestSchema.safeParse({ relationship: 'UNCLE', name: '' }))).toEqual({
      relationship: 'Choose how they are related',
      name: 'Enter a name',
    });
    expect(RelativeRequestSchema.parse({ relationship: 'SISTER', name: 'ثمینہ' })).toMatchObject({ phones: [], userId: null, notes: null });
    expect(issues(RelativeUpdateRequestSchema.safeParse({ relationship: 'SISTER', name: 'x' }))).toEqual({ version: 'Send the version you last read' });
  });

  it('needs a kind, a past date and a body for a diary entry', () => {
    expect(issues(DiaryEntryRequestSchema.safeParse({ kind: 'LETTER', occurred: { from: '2024-13' }, body: ' ' }))).toEqual({
      kind: 'Choose what kind of entry this is',
      'occurred.from': 'This date does not exist',
      body: 'Write what happened',
    });
  });
});
