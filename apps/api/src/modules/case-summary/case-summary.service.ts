import { Injectable } from '@nestjs/common';
import type { CaseSummaryQuery, CaseSummaryResponse, Hearing } from '@lapata/contracts';
import { AccessService } from '../../access/access.service';
import type { Actor } from '../../access/actor';
import { Permission } from '../../access/permission';
import { recordedOrNull } from '../../common/errors/api-error';
import { CaseService } from '../cases/case.service';
import { DiaryService } from '../diary/diary.service';
import { DisappearanceService } from '../disappearances/disappearance.service';
import { HearingService } from '../hearings/hearing.service';
import { PersonService } from '../people/person.service';
import { ProceedingService } from '../proceedings/proceeding.service';

/** The latest diary entries a summary shows unless asked for another number. */
const DIARY_ENTRIES = 50;

/**
 * The whole case in one request, read through each record's own use case (so each keeps its
 * decryption and its audit events), inside the request's one transaction: a page that shows the
 * whole case pays for authentication, its transaction and the audit append once, not per record.
 */
@Injectable()
export class CaseSummaryService {
  constructor(
    private readonly access: AccessService,
    private readonly cases: CaseService,
    private readonly people: PersonService,
    private readonly disappearances: DisappearanceService,
    private readonly proceedings: ProceedingService,
    private readonly hearings: HearingService,
    private readonly diary: DiaryService,
  ) {}

  async get(actor: Actor, caseId: string, query: CaseSummaryQuery): Promise<CaseSummaryResponse> {
    await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const found = await this.cases.get(actor, caseId);
    const person = await recordedOrNull(this.people.get(actor, caseId));
    const disappearance = await recordedOrNull(this.disappearances.get(actor, caseId));
    const { items: proceedings } = await this.proceedings.findByCase(actor, caseId);
    const hearings = proceedings.length > 0 ? await this.hearings.findByCase(actor, caseId) : [];
    const byProceeding = new Map<string, Hearing[]>();
    for (const hearing of hearings) byProceeding.set(hearing.proceedingId, [...(byProceeding.get(hearing.proceedingId) ?? []), hearing]);
    const diary = await this.diary.list(actor, caseId, { limit: query.diaryLimit ?? DIARY_ENTRIES });
    return {
      case: found,
      person,
      disappearance,
      proceedings: proceedings.map((proceeding) => ({ proceeding, hearings: byProceeding.get(proceeding.id) ?? [] })),
      diary,
    };
  }
}
