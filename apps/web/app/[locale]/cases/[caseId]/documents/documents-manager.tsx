'use client';

import type { FilingKind, FilingResponse, FilingUploadResponse } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useRef, useState, useTransition, type FormEvent } from 'react';
import { useRouter } from '../../../../../i18n/navigation';
import { HistoricDateField, readHistoricDate } from '../../../../../components/historic-date-field';
import { TextField } from '../../../../../components/form-field';
import { MessageBox, type Message } from '../../../../../components/message-box';
import { signInPath, type ApiError } from '../../../../../lib/api-error';
import { lazySchema, loadContracts } from '../../../../../lib/lazy-contracts';
import styles from './documents.module.css';
import { fileError, uploadFile, type UploadOutcome } from './upload-file';

export type FilingView = Omit<FilingResponse, 'versions'> & {
  versions: (FilingResponse['versions'][number] & { uploaded: string })[];
};

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

function contentPath(caseId: string, filingId: string, number: number, inline = false): string {
  return `/api/cases/${caseId}/filings/${filingId}/versions/${number}/content${inline ? '?disposition=inline' : ''}`;
}

const uploadResponse = lazySchema((contracts) => contracts.FilingUploadResponseSchema);

/**
 * The case's documents: upload with progress, list with versions, previews, new versions.
 * `kinds`: every kind of document, in order (FILING_KINDS).
 */
export function DocumentsManager({
  caseId,
  filings,
  canContribute,
  kinds,
}: {
  caseId: string;
  filings: FilingView[];
  canContribute: boolean;
  kinds: readonly FilingKind[];
}) {
  const t = useTranslations('documents');
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [message, setMessage] = useState<Message | null>(null);

  const refresh = () => startRefresh(() => router.refresh());

  return (
    <>
      {canContribute ? <UploadForm caseId={caseId} kinds={kinds} onDone={(text) => { setMessage(text); refresh(); }} /> : null}
      <section className="page-section" aria-labelledby="documents-list">
        <h2 id="documents-list">{t('list.heading')}</h2>
        {message ? <MessageBox message={message} /> : null}
        {filings.length === 0 ? <p>{t('list.empty')}</p> : null}
        <ul className={styles.list}>
          {filings.map((filing) => (
            <FilingItem
              key={filing.id}
              caseId={caseId}
              filing={filing}
              canContribute={canContribute}
              onVersionAdded={(text) => {
                setMessage(text);
                refresh();
              }}
            />
          ))}
        </ul>
      </section>
    </>
  );
}

/** The localised text for a refused upload: the API's file messages are matched by status. */
function useUploadFailure() {
  const t = useTranslations('documents');
  const tErrors = useTranslations('errors');
  return (outcome: Exclude<UploadOutcome<unknown>, { kind: 'ok' | 'signedOut' }>): string => {
    if (outcome.kind === 'unreachable') return tErrors('apiUnavailable');
    if (outcome.kind === 'aborted') return t('upload.cancelled');
    if (outcome.kind === 'notFound') return t('upload.notAllowed');
    if (outcome.status === 413) return t('upload.tooLarge');
    const file = fileError(outcome.error);
    if (file?.includes('empty')) return t('upload.empty');
    if (file?.startsWith('This file is not') || file?.startsWith('This image')) return t('upload.wrongType');
    if (file) return t('upload.noFile');
    return tErrors('unexpected');
  };
}

function duplicateNotice(t: ReturnType<typeof useTranslations<'documents'>>, data: FilingUploadResponse, saved: string): Message {
  return { tone: 'success', text: data.duplicates.length > 0 ? `${saved} ${t('upload.duplicate')}` : saved };
}

function Progress({ fraction, label }: { fraction: number | null; label: string }) {
  if (fraction === null) return null;
  return (
    <div className={styles.progress}>
      <label>
        {label}
        <progress max={1} value={fraction} />
      </label>
      <span aria-hidden="true">{Math.round(fraction * 100)}%</span>
    </div>
  );
}

function UploadForm({ caseId, kinds, onDone }: { caseId: string; kinds: readonly FilingKind[]; onDone: (message: Message) => void }) {
  const t = useTranslations('documents');
  const router = useRouter();
  const failureText = useUploadFailure();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Partial<Record<'title' | 'kind' | 'file' | 'documentDate.from' | 'documentDate.to', string>>>({});
  const cancel = useRef<AbortController | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get('file');
    const metadata = {
      kind: data.get('kind'),
      title: String(data.get('title') ?? ''),
      documentDate: readHistoricDate(data, 'documentDate'),
    };
    const { FilingCreateRequestSchema } = await loadContracts();
    const parsed = FilingCreateRequestSchema.safeParse(metadata);
    const errors: typeof fields = {};
    if (!(file instanceof File) || file.size === 0) errors.file = t('upload.noFile');
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        if (path === 'title') errors.title = t('form.titleRequired');
        if (path === 'kind') errors.kind = t('form.kindRequired');
        if (path === 'documentDate.from' || path === 'documentDate.to') errors[path] = t('form.dateInvalid');
      }
    }
    setFields(errors);
    if (Object.keys(errors).length > 0 || !parsed.success || !(file instanceof File)) {
      setError(t('form.errorSummary'));
      return;
    }
    setError(null);
    const body = new FormData();
    body.append('metadata', JSON.stringify(parsed.data));
    body.append('file', file);
    cancel.current = new AbortController();
    setProgress(0);
    const outcome = await uploadFile(`/cases/${caseId}/filings`, body, uploadResponse, setProgress, cancel.current.signal);
    setProgress(null);
    cancel.current = null;
    if (outcome.kind === 'ok') {
      form.reset();
      onDone(duplicateNotice(t, outcome.data, t('upload.saved')));
    } else if (outcome.kind === 'signedOut') {
      router.replace(signInPath(outcome.error));
    } else {
      if (outcome.kind === 'failed' && outcome.error?.fields) applyApiFields(outcome.error, setFields, t);
      setError(failureText(outcome));
    }
  }

  return (
    <section className="page-section" aria-labelledby="documents-upload">
      <h2 id="documents-upload">{t('upload.heading')}</h2>
      <p className="hint">{t('upload.rules')}</p>
      {error ? <MessageBox message={{ tone: 'error', text: error }} /> : null}
      <form onSubmit={submit} noValidate className={styles.form}>
        <div className="field">
          <label htmlFor="document-kind">{t('form.kind')}</label>
          <select id="document-kind" name="kind" defaultValue="" aria-invalid={fields.kind ? true : undefined}>
            <option value="" disabled>
              {t('form.chooseKind')}
            </option>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </select>
          {fields.kind ? <span className="field-error">{fields.kind}</span> : null}
        </div>
        <TextField name="title" label={t('form.title')} hint={t('form.titleHint')} error={fields.title} maxLength={300} />
        <HistoricDateField
          name="documentDate"
          label={t('form.documentDate')}
          errors={{ from: fields['documentDate.from'], to: fields['documentDate.to'] }}
        />
        <div className="field">
          <label htmlFor="document-file">{t('form.file')}</label>
          <input
            id="document-file"
            name="file"
            type="file"
            accept="application/pdf,image/jpeg,image/png,image/webp,.docx"
            aria-invalid={fields.file ? true : undefined}
          />
          {fields.file ? <span className="field-error">{fields.file}</span> : null}
        </div>
        <Progress fraction={progress} label={t('upload.progress')} />
        <div className={styles.actions}>
          <button type="submit" disabled={progress !== null}>
            {t('upload.submit')}
          </button>
          {progress !== null ? (
            <button type="button" className="secondary" onClick={() => cancel.current?.abort()}>
              {t('upload.cancel')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function applyApiFields(
  error: ApiError,
  setFields: (fields: Partial<Record<'title' | 'kind' | 'file' | 'documentDate.from' | 'documentDate.to', string>>) => void,
  t: ReturnType<typeof useTranslations<'documents'>>,
) {
  const fields: Partial<Record<'title' | 'kind' | 'file' | 'documentDate.from' | 'documentDate.to', string>> = {};
  for (const path of Object.keys(error.fields ?? {})) {
    if (path === 'title') fields.title = t('form.titleRequired');
    if (path === 'kind') fields.kind = t('form.kindRequired');
    if (path === 'documentDate.from' || path === 'documentDate.to') fields[path] = t('form.dateInvalid');
  }
  setFields(fields);
}

function describeDate(date: FilingResponse['documentDate']): string | null {
  if (!date) return null;
  return date.to ? `${date.from} – ${date.to}` : date.from;
}

function FilingItem({
  caseId,
  filing,
  canContribute,
  onVersionAdded,
}: {
  caseId: string;
  filing: FilingView;
  canContribute: boolean;
  onVersionAdded: (message: Message) => void;
}) {
  const t = useTranslations('documents');
  const router = useRouter();
  const failureText = useUploadFailure();
  const [preview, setPreview] = useState<number | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const date = describeDate(filing.documentDate);
  const headingId = `filing-${filing.id}`;

  async function addVersion(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = new FormData(form).get('file');
    if (!(file instanceof File) || file.size === 0) {
      setError(t('upload.noFile'));
      return;
    }
    setError(null);
    const body = new FormData();
    body.append('file', file);
    setProgress(0);
    const outcome = await uploadFile(`/cases/${caseId}/filings/${filing.id}/versions`, body, uploadResponse, setProgress);
    setProgress(null);
    if (outcome.kind === 'ok') {
      form.reset();
      onVersionAdded(duplicateNotice(t, outcome.data, t('versions.saved')));
    } else if (outcome.kind === 'signedOut') {
      router.replace(signInPath(outcome.error));
    } else {
      setError(failureText(outcome));
    }
  }

  return (
    <li className={`card ${styles.filing}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className={styles.kind}>{t(`kinds.${filing.kind as FilingKind}`)}</span> {filing.title}
      </h3>
      {date ? (
        <p>
          {t('list.documentDate')} <bdi dir="ltr">{date}</bdi>
        </p>
      ) : null}
      <ol className={styles.versions} reversed>
        {filing.versions.map((version) => (
          <li key={version.number}>
            <span>
              {t('versions.label', { number: version.number, size: Math.max(1, Math.round(version.sizeBytes / 1024)), date: version.uploaded })}
            </span>
            <span className={styles.links}>
              <a href={contentPath(caseId, filing.id, version.number)} download>
                {t('versions.download')}
              </a>
              {IMAGE_TYPES.has(version.mimeType) ? (
                <button type="button" className="secondary" aria-expanded={preview === version.number} onClick={() => setPreview(preview === version.number ? null : version.number)}>
                  {preview === version.number ? t('versions.hidePreview') : t('versions.preview')}
                </button>
              ) : version.mimeType === 'application/pdf' ? (
                // A PDF opens in the browser's own viewer, in a new tab, under the API's sandboxing headers.
                <a href={contentPath(caseId, filing.id, version.number, true)} target="_blank" rel="noopener noreferrer">
                  {t('versions.open')}
                </a>
              ) : null}
            </span>
            {preview === version.number ? (
              // eslint-disable-next-line @next/next/no-img-element -- a private, encrypted file: no image optimisation or caching
              <img className={styles.preview} src={contentPath(caseId, filing.id, version.number, true)} alt={t('versions.previewAlt', { number: version.number })} />
            ) : null}
          </li>
        ))}
      </ol>
      {canContribute ? (
        <form onSubmit={addVersion} className={styles.versionForm} noValidate>
          <label htmlFor={`version-file-${filing.id}`}>{t('versions.newVersion')}</label>
          <input id={`version-file-${filing.id}`} name="file" type="file" accept="application/pdf,image/jpeg,image/png,image/webp,.docx" />
          <Progress fraction={progress} label={t('upload.progress')} />
          {error ? <MessageBox message={{ tone: 'error', text: error }} /> : null}
          <button type="submit" disabled={progress !== null}>
            {t('versions.upload')}
          </button>
        </form>
      ) : null}
    </li>
  );
}
