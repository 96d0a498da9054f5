import { z } from 'zod';

export const RoleSchema = z.enum(['ORG_ADMIN', 'CASEWORKER', 'LAWYER', 'FAMILY']);
export type Role = z.infer<typeof RoleSchema>;

export const GrantLevelSchema = z.enum(['VIEW', 'CONTRIBUTE', 'MANAGE']);
export type GrantLevel = z.infer<typeof GrantLevelSchema>;

export const CaseStatusSchema = z.enum(['MISSING', 'LOCATED_ALIVE', 'LOCATED_DECEASED', 'RELEASED', 'CLOSED']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const ProceedingStatusSchema = z.enum([
  'DRAFT',
  'FILED',
  'PENDING',
  'HEARING_SCHEDULED',
  'ADJOURNED',
  'RESERVED',
  'DECIDED',
  'APPEALED',
  'CLOSED',
  'DISMISSED',
  'WITHDRAWN',
  'DISPOSED_OF',
]);
export type ProceedingStatus = z.infer<typeof ProceedingStatusSchema>;

export const ProceedingTypeSchema = z.enum(['PETITION', 'APPEAL', 'COMPLAINT', 'FIR', 'COMMUNICATION']);
export type ProceedingType = z.infer<typeof ProceedingTypeSchema>;

export const HearingOutcomeSchema = z.enum(['APPEARED', 'ADJOURNED', 'ORDER_PASSED', 'NOT_TAKEN_UP']);
export type HearingOutcome = z.infer<typeof HearingOutcomeSchema>;

export const DiaryEntryKindSchema = z.enum(['VISIT', 'CALL', 'POLICE_CONTACT', 'COMMISSION_APPEARANCE', 'MEDIA', 'OTHER']);
export type DiaryEntryKind = z.infer<typeof DiaryEntryKindSchema>;


export const SexSchema = z.enum(['MALE', 'FEMALE', 'OTHER', 'UNKNOWN']);
export type Sex = z.infer<typeof SexSchema>;

export const LocaleSchema = z.enum(['en', 'ur']);
export type Locale = z.infer<typeof LocaleSchema>;
