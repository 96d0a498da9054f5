import { Injectable } from '@nestjs/common';
import { ErrorCode, type PfifImportResponse, type PfifRecordError } from '@lapata/contracts';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { ApiError, ValidationError } from '../../common/errors/api-error';
import { AuditService } from '../audit/audit.service';
import { CaseService } from '../cases/case.service';
import { PersonService } from '../people/person.service';
import { fromPfifPerson } from '../pfif/pfif-person';
import { readPfifDocument } from '../pfif/pfif-xml';

/** Imported cases carry this tag, so that they can be found and reviewed. */
export const PFIF_IMPORT_TAG = 'pfif-import';

/** The PFIF fields an import keeps (audit events name them, never their values). */
const IMPORTED_FIELDS = ['full_name', 'alternate_names', 'sex', 'date_of_birth', 'description', 'home_street', 'home_neighborhood', 'home_city', 'home_state', 'home_postal_code', 'home_country'];

/** Some records of a PFIF file are not valid; nothing was created. */
export class PfifImportError extends ApiError {
  constructor(override readonly records: PfifRecordError[]) {
    const message = `${records.length} of the file's person records are not valid. Nothing was imported.`;
    super(422, ErrorCode.ValidationFailed, message);
  }
}

/**
 * Each `<pfif:person>` of a file becomes a new case with its missing person, through the case and
 * person use cases (so encryption, blind indexes, duplicate warnings and audit all apply). All or
 * nothing: every record is checked before the first case is opened, and the request's single
 * transaction rolls back whatever a later failure leaves half done.
 */
@Injectable()
export class PfifImportService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cases: CaseService,
    private readonly people: PersonService,
  ) {}

  /** `file` is the request body as read by PfifBodyMiddleware: its text, why it was refused, or nothing. */
  async importPfif(actor: Actor, file: { xml: string } | { error: ApiError } | undefined): Promise<PfifImportResponse> {
    const organizationId = this.access.require(actor, Permission.CaseCreate);
    if (file === undefined) {
      const message = 'Send the PFIF file as the request body, with Content-Type application/xml.';
      throw new ApiError(415, ErrorCode.ValidationFailed, message, { file: [message] });
    }
    if ('error' in file) throw file.error;
    const document = readPfifDocument(file.xml);
    if (!document.ok) throw new ValidationError({ file: [document.message] }, document.message);

    const records = document.persons.map((person) => {
      const mapped = fromPfifPerson(person.fields);
      const errors = { ...person.errors };
      if (!mapped.ok) {
        for (const [field, messages] of Object.entries(mapped.errors)) errors[field] = [...(errors[field] ?? []), ...messages];
      }
      return { index: person.index, personRecordId: person.fields.person_record_id ?? null, errors, mapped };
    });
    const failures = records.filter((record) => !record.mapped.ok || Object.keys(record.errors).length > 0);
    if (failures.length > 0) {
      throw new PfifImportError(failures.map(({ index, personRecordId, errors }) => ({ index, personRecordId, errors })));
    }

    const created: PfifImportResponse['cases'] = [];
    for (const record of records) {
      if (!record.mapped.ok) continue;
      const opened = await this.cases.create(actor, { tags: [PFIF_IMPORT_TAG] });
      const saved = await this.people.put(actor, opened.id, record.mapped.request);
      await this.audit.record({
        organizationId,
        actorId: actor.userId,
        caseId: opened.id,
        entity: 'case',
        entityId: opened.id,
        action: 'import',
        fields: IMPORTED_FIELDS,
      });
      created.push({
        index: record.index,
        personRecordId: record.mapped.personRecordId,
        caseId: opened.id,
        reference: opened.reference,
        duplicates: saved.duplicates,
      });
    }
    return { cases: created };
  }
}
