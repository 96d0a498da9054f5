import 'server-only';
import { CaseResponseSchema, IdSchema, type CaseResponse } from '@lapata/contracts';
import { notFound } from 'next/navigation';
import { readFromApi, type ServerApiResult } from '../../../../lib/server-api';

/** The id from the address, checked before it goes into an API path; anything else is not found. */
export async function readCaseId(params: Promise<{ caseId: string }>): Promise<string> {
  const parsed = IdSchema.safeParse((await params).caseId);
  if (!parsed.success) notFound();
  return parsed.data;
}

export function readCase(caseId: string): Promise<ServerApiResult<CaseResponse>> {
  return readFromApi(`/cases/${caseId}`, CaseResponseSchema);
}
