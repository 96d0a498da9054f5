import { Injectable } from '@nestjs/common';
import {
  CASE_EXPORT_FORMAT,
  CASE_EXPORT_VERSION,
  type CaseExport,
  type CaseResponse,
  type DiaryEntryResponse,
  type DisappearanceResponse,
} from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { recordedOrNull } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { CaseService } from '../cases/case.service';
import { DiaryService } from '../diary/diary.service';
import { DisappearanceService } from '../disappearances/disappearance.service';
import { FilingService } from '../filings/filing.service';
import { HearingService } from '../hearings/hearing.service';
import { PersonService } from '../people/person.service';
import { PhotoService } from '../photos/photo.service';
import { ProceedingService } from '../proceedings/proceeding.service';
import { RelativeService } from '../relatives/relative.service';
import { NOTE_STATUS, pfifTime, toPfifPersonFields } from '../pfif/pfif-person';
import { writePfifDocument } from '../pfif/pfif-xml';
import { CaseExportRepository } from './case-export.repository';

/** The sections a JSON export holds (what its audit event names, never with values). */
const JSON_SECTIONS = ['case', 'statusHistory', 'missing_person', 'photos', 'disappearance', 'relatives', 'diary', 'proceedings', 'hearings', 'filings'];
/** What a PFIF export carries. */
const PFIF_FIELDS = ['missing_person', 'fullNameNative', 'fullNameLatin', 'aliases', 'sex', 'dateOfBirth', 'addresses', 'physicalDescription', 'status', 'lastSeenPlace'];

const DIARY_PAGE = 100;

export interface CaseFile {
  /** A file name made of the case reference only (no personal data). */
  fileName: string;
  content: string;
}

/**
 * Exports compose the other modules' reads: each checks access, decrypts and audits its own
 * record, so an export holds exactly what the same user could open one page at a time. The
 * export itself needs MANAGE (case.export) and is audited once more, naming what it held.
 */
@Injectable()
export class CaseExportService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly exports: CaseExportRepository,
    private readonly cases: CaseService,
    private readonly people: PersonService,
    private readonly photos: PhotoService,
    private readonly disappearances: DisappearanceService,
    private readonly relatives: RelativeService,
    private readonly diary: DiaryService,
    private readonly proceedings: ProceedingService,
    private readonly hearings: HearingService,
    private readonly filings: FilingService,
  ) {}

  async exportJson(actor: Actor, caseId: string): Promise<{ fileName: string; document: CaseExport }> {
    const access = await this.access.requireCase(actor, Permission.CaseExport, caseId);
    const { access: _viewerAccess, ...found } = await this.cases.get(actor, caseId);
    // One at a time: every read appends to the case's audit chain in this transaction.
    const proceedings: CaseExport['case']['proceedings'] = [];
    for (const proceeding of (await this.proceedings.findByCase(actor, caseId)).items) {
      proceedings.push({
        ...(await this.proceedings.getById(actor, caseId, proceeding.id)),
        hearings: (await this.hearings.findByProceeding(actor, caseId, proceeding.id)).items,
      });
    }
    const document: CaseExport = {
      format: CASE_EXPORT_FORMAT,
      version: CASE_EXPORT_VERSION,
      exportedAt: new Date().toISOString(),
      case: {
        ...found,
        person: await recordedOrNull(this.people.get(actor, caseId)),
        photos: (await this.photos.list(actor, caseId)).items,
        disappearance: await recordedOrNull(this.disappearances.get(actor, caseId)),
        relatives: (await this.relatives.list(actor, caseId)).relatives,
        diary: await this.wholeDiary(actor, caseId),
        proceedings,
        filings: (await this.filings.list(actor, caseId)).items,
      },
    };
    await this.recordExport(actor, access, caseId, 'json', JSON_SECTIONS);
    return { fileName: `${fileStem(found.reference)}.json`, document };
  }

  /**
   * The missing person as a PFIF 1.4 person, with one note telling what the case's status means
   * for a person finder (and where the person was last seen, when recorded). The record id is
   * `<domain>/<case id>`: the organisation's PFIF domain, or this instance's host name.
   */
  async exportPfif(actor: Actor, caseId: string): Promise<CaseFile> {
    const access = await this.access.requireCase(actor, Permission.CaseExport, caseId);
    const found = await this.cases.get(actor, caseId);
    const person = await this.people.get(actor, caseId);
    const disappearance = await recordedOrNull(this.disappearances.get(actor, caseId));
    const settings = await this.exports.findPfifSettings(access.organizationId);
    const domain = settings.pfifDomain ?? new URL(this.config.publicUrl).host;
    const now = new Date();
    const personRecordId = `${domain}/${caseId}`;
    const expiry = settings.pfifExpiryDays === null ? undefined : pfifTime(new Date(now.getTime() + settings.pfifExpiryDays * 86_400_000));
    const content = writePfifDocument([
      {
        fields: {
          person_record_id: personRecordId,
          entry_date: pfifTime(now),
          expiry_date: expiry,
          source_name: domain,
          source_date: pfifTime(new Date(person.updatedAt)),
          ...toPfifPersonFields(person),
        },
        notes: [
          {
            note_record_id: `${domain}/note.${caseId}`,
            person_record_id: personRecordId,
            entry_date: pfifTime(now),
            author_name: domain,
            source_date: pfifTime(new Date(found.updatedAt)),
            status: NOTE_STATUS[found.status],
            last_known_location: lastKnownLocation(disappearance),
            text: `Case status: ${found.status.toLowerCase().replace(/_/g, ' ')}.`,
          },
        ],
      },
    ]);
    await this.recordExport(actor, access, caseId, 'pfif', PFIF_FIELDS);
    return { fileName: `${fileStem(found.reference)}.pfif.xml`, content };
  }

  private async wholeDiary(actor: Actor, caseId: string): Promise<DiaryEntryResponse[]> {
    const entries: DiaryEntryResponse[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.diary.list(actor, caseId, { cursor, limit: DIARY_PAGE });
      entries.push(...page.entries);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return entries;
  }

  private recordExport(
    actor: Actor,
    access: { organizationId: string; breakGlass: boolean },
    caseId: string,
    format: 'json' | 'pfif',
    sections: string[],
  ): Promise<void> {
    return this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: format === 'json' ? 'case_export' : 'case_export_pfif',
      entityId: caseId,
      action: 'export',
      fields: sections,
      breakGlass: access.breakGlass,
    });
  }
}

function lastKnownLocation(disappearance: DisappearanceResponse | null): string | undefined {
  return disappearance?.lastSeenPlace ?? undefined;
}

/** The case reference, kept to characters safe in any file system and header. */
function fileStem(reference: CaseResponse['reference']): string {
  return `case-${reference.replace(/[^A-Za-z0-9_-]/g, '')}`;
}
