import { Injectable } from '@nestjs/common';
import {
  DisappearanceResponseSchema,
  historicDateBounds,
  historicDateFromBounds,
  type DisappearanceRequest,
  type DisappearanceResponse,
} from '@lapata/contracts';
import type { VersionedKey } from '@lapata/crypto';
import { uuidv7 } from '@lapata/db';
import type { Actor } from '../../access/actor';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/permission';
import { NotFoundError, StaleVersionError, ValidationError } from '../../common/errors/api-error';
import { AuditService } from '../audit/audit.service';
import { CaseKeyService } from '../people/case-key.service';
import { decryptPersonJson, decryptPersonText, encryptPersonJson, encryptPersonText, recordFieldContext } from '../people/person-fields';
import { DisappearanceRepository, type DisappearanceColumns, type DisappearanceRow } from './disappearance.repository';

/** The record's fields as the API names them (what audit events list, never with values). */
const DISAPPEARANCE_FIELDS = ['lastSeen', 'lastSeenPlace', 'circumstances', 'perpetrators', 'witnesses'] as const;

type DisappearanceColumn = 'last_seen_place_enc' | 'circumstances_enc' | 'perpetrators_enc' | 'witnesses_enc';

const PerpetratorsSchema = DisappearanceResponseSchema.shape.perpetrators;
const WitnessesSchema = DisappearanceResponseSchema.shape.witnesses;

const toDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

@Injectable()
export class DisappearanceService {
  constructor(
    private readonly access: AccessService,
    private readonly disappearances: DisappearanceRepository,
    private readonly caseKeys: CaseKeyService,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, caseId: string): Promise<DisappearanceResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseRead, caseId);
    const row = await this.disappearances.findByCase(caseId);
    if (!row) throw new NotFoundError();
    const disappearance = decrypt(row, await this.caseKeys.allKeys(caseId));
    await this.audit.record({
      organizationId: access.organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'disappearance',
      entityId: row.id,
      action: 'read',
      fields: [...DISAPPEARANCE_FIELDS],
      breakGlass: access.breakGlass,
    });
    return disappearance;
  }

  async put(actor: Actor, caseId: string, request: DisappearanceRequest): Promise<DisappearanceResponse> {
    const access = await this.access.requireCase(actor, Permission.CaseContribute, caseId);
    const organizationId = access.organizationId;
    const existing = await this.disappearances.findVersion(caseId);
    if (existing && request.version === undefined) {
      throw new ValidationError({ version: ['Send the version you last read'] });
    }
    if (existing && request.version !== existing.version) throw new StaleVersionError(existing.version);

    const id = existing?.id ?? uuidv7();
    const key = await this.caseKeys.currentKey(organizationId, caseId);
    const columns = encrypt(key, organizationId, id, request);
    let row: DisappearanceRow;
    if (existing) {
      const updated = await this.disappearances.update(id, existing.version, columns);
      if (!updated) {
        const current = await this.disappearances.findVersion(caseId);
        throw new StaleVersionError(current?.version ?? existing.version);
      }
      row = updated;
    } else {
      row = await this.disappearances.create({ id, organizationId, caseId, columns });
    }
    await this.audit.record({
      organizationId,
      actorId: actor.userId,
      caseId,
      entity: 'disappearance',
      entityId: id,
      action: existing ? 'update' : 'create',
      fields: [...DISAPPEARANCE_FIELDS],
      breakGlass: access.breakGlass,
    });
    return {
      caseId,
      lastSeen: row.lastSeenPrecision ? lastSeenOf(row) : null,
      lastSeenPlace: request.lastSeenPlace,
      circumstances: request.circumstances,
      perpetrators: request.perpetrators,
      witnesses: request.witnesses,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

function encrypt(key: VersionedKey, organizationId: string, id: string, request: DisappearanceRequest): DisappearanceColumns {
  const context = (column: DisappearanceColumn) => recordFieldContext(organizationId, 'disappearances', column, id);
  // The date stays in clear (day bounds only) so that case lists can filter and sort on it.
  const bounds = request.lastSeen ? historicDateBounds(request.lastSeen) : null;
  return {
    lastSeenFrom: bounds ? toDate(bounds.from) : null,
    lastSeenTo: bounds ? toDate(bounds.to) : null,
    lastSeenPrecision: bounds?.precision ?? null,
    lastSeenPlaceEnc: encryptPersonText(key, context('last_seen_place_enc'), request.lastSeenPlace),
    circumstancesEnc: encryptPersonText(key, context('circumstances_enc'), request.circumstances),
    perpetratorsEnc: request.perpetrators.length > 0 ? encryptPersonJson(key, context('perpetrators_enc'), request.perpetrators) : null,
    witnessesEnc: request.witnesses.length > 0 ? encryptPersonJson(key, context('witnesses_enc'), request.witnesses) : null,
  };
}

function lastSeenOf(row: DisappearanceRow) {
  if (!row.lastSeenFrom || !row.lastSeenTo || !row.lastSeenPrecision) return null;
  return historicDateFromBounds({ from: toDay(row.lastSeenFrom), to: toDay(row.lastSeenTo), precision: row.lastSeenPrecision });
}

function decrypt(row: DisappearanceRow, keys: VersionedKey[]): DisappearanceResponse {
  const context = (column: DisappearanceColumn) => recordFieldContext(row.organizationId, 'disappearances', column, row.id);
  return {
    caseId: row.caseId,
    lastSeen: lastSeenOf(row),
    lastSeenPlace: decryptPersonText(keys, context('last_seen_place_enc'), row.lastSeenPlaceEnc),
    circumstances: decryptPersonText(keys, context('circumstances_enc'), row.circumstancesEnc),
    perpetrators: decryptPersonJson(keys, context('perpetrators_enc'), row.perpetratorsEnc, PerpetratorsSchema) ?? [],
    witnesses: decryptPersonJson(keys, context('witnesses_enc'), row.witnessesEnc, WitnessesSchema) ?? [],
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
