import { Injectable } from '@nestjs/common';
import { decryptString, encryptString, type FieldContext } from '@lapata/crypto';
import { uuidv7 } from '@lapata/db';
import { AppConfig } from '../../config/app-config';
import { DatabaseContext } from '../../database/database-context';

/** A passkey's name is the user's own words (often a device name): encrypted like their other fields. */
const passkeyNameContext = (passkeyId: string): FieldContext => ({
  organizationId: null,
  table: 'webauthn_credentials',
  column: 'name_enc',
  rowId: passkeyId,
});

export type ChallengePurpose = 'registration' | 'authentication';

export interface StoredPasskey {
  id: string;
  credentialId: Uint8Array;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** Account data (no row-level security): reached by the user's or the session's own id only. */
@Injectable()
export class PasskeyRepository {
  constructor(
    private readonly db: DatabaseContext,
    private readonly config: AppConfig,
  ) {}

  async listForUser(userId: string): Promise<PasskeySummary[]> {
    const rows = await this.db.tx.webAuthnCredential.findMany({
      where: { userId },
      select: { id: true, nameEnc: true, createdAt: true, lastUsedAt: true },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((row) => ({
      id: row.id,
      name: row.nameEnc ? decryptString(row.nameEnc, this.config.keys.accountKeys, passkeyNameContext(row.id)) : '',
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
    }));
  }

  async findCredentialsOfUser(userId: string): Promise<StoredPasskey[]> {
    const rows = await this.db.tx.webAuthnCredential.findMany({
      where: { userId },
      select: { id: true, credentialId: true, publicKey: true, counter: true, transports: true },
    });
    return rows.map((row) => ({ ...row, counter: Number(row.counter) }));
  }

  async create(input: {
    userId: string;
    name: string;
    credentialId: Uint8Array;
    publicKey: Uint8Array;
    counter: number;
    transports: string[];
  }): Promise<PasskeySummary> {
    const id = uuidv7();
    const nameEnc = encryptString(input.name, this.config.keys.accountKey(), passkeyNameContext(id));
    const row = await this.db.tx.webAuthnCredential.create({
      data: {
        id,
        userId: input.userId,
        credentialId: new Uint8Array(input.credentialId),
        publicKey: new Uint8Array(input.publicKey),
        counter: BigInt(input.counter),
        transports: input.transports,
        nameEnc: new Uint8Array(nameEnc),
      },
      select: { createdAt: true },
    });
    return { id, name: input.name, createdAt: row.createdAt, lastUsedAt: null };
  }

  /** Whether the credential id is already registered (to this or another account). */
  async credentialIdTaken(credentialId: Uint8Array): Promise<boolean> {
    const row = await this.db.tx.webAuthnCredential.findUnique({
      where: { credentialId: new Uint8Array(credentialId) },
      select: { id: true },
    });
    return row !== null;
  }

  async recordUse(passkeyId: string, counter: number, now: Date): Promise<void> {
    await this.db.tx.webAuthnCredential.update({
      where: { id: passkeyId },
      data: { counter: BigInt(counter), lastUsedAt: now },
    });
  }

  /** False when the user has no passkey with this id. */
  async deleteOfUser(userId: string, passkeyId: string): Promise<boolean> {
    const { count } = await this.db.tx.webAuthnCredential.deleteMany({ where: { id: passkeyId, userId } });
    return count === 1;
  }

  async deleteAllOfUser(userId: string): Promise<void> {
    await this.db.tx.webAuthnCredential.deleteMany({ where: { userId } });
  }

  /** One live challenge per session and purpose: a new one replaces the last. */
  async storeChallenge(sessionId: string, purpose: ChallengePurpose, challenge: string, expiresAt: Date): Promise<void> {
    await this.db.tx.webAuthnChallenge.deleteMany({ where: { expiresAt: { lte: new Date() } } });
    await this.db.tx.webAuthnChallenge.upsert({
      where: { sessionId_purpose: { sessionId, purpose } },
      create: { sessionId, purpose, challenge, expiresAt },
      update: { challenge, expiresAt },
    });
  }

  /** Uses the challenge up; false when this session was not given it, it expired or was used. */
  async consumeChallenge(sessionId: string, purpose: ChallengePurpose, challenge: string, now: Date): Promise<boolean> {
    const { count } = await this.db.tx.webAuthnChallenge.deleteMany({
      where: { sessionId, purpose, challenge, expiresAt: { gt: now } },
    });
    return count === 1;
  }
}
