'use client';

import type { PhotoResponse } from '@lapata/contracts';
import { useTranslations } from 'next-intl';
import { useEffect, useState, type FormEvent } from 'react';
import { useRouter } from '../../../../../i18n/navigation';
import { MessageBox, type Message } from '../../../../../components/message-box';
import { callApi } from '../../../../../lib/api-client';
import { lazySchema } from '../../../../../lib/lazy-contracts';
import { signInPath } from '../../../../../lib/api-error';
import styles from '../documents/documents.module.css';
import { fileError, uploadFile } from '../documents/upload-file';

/**
 * The missing person's photos: a gallery read from the API in the browser (each image is its own
 * authenticated, uncached request), upload with progress, delete with confirmation.
 */
export function PersonPhotos({ caseId, canContribute }: { caseId: string; canContribute: boolean }) {
  const t = useTranslations('personPhotos');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const [photos, setPhotos] = useState<PhotoResponse[] | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  // Bumped after an upload or a delete: the list is read again.
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((value) => value + 1);

  useEffect(() => {
    let current = true;
    void callApi(`/cases/${caseId}/person/photos`, lazySchema((contracts) => contracts.PhotoListResponseSchema)).then((outcome) => {
      if (!current) return;
      if (outcome.kind === 'ok') setPhotos(outcome.data.items);
      else if (outcome.kind === 'signedOut') router.replace(signInPath(outcome.error));
      else setMessage({ tone: 'error', text: outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected') });
    });
    return () => {
      current = false;
    };
  }, [caseId, router, tErrors, generation]);

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = new FormData(form).get('file');
    if (!(file instanceof File) || file.size === 0) {
      setMessage({ tone: 'error', text: t('noFile') });
      return;
    }
    const body = new FormData();
    body.append('file', file);
    setMessage(null);
    setProgress(0);
    const outcome = await uploadFile(`/cases/${caseId}/person/photos`, body, lazySchema((contracts) => contracts.PhotoResponseSchema), setProgress);
    setProgress(null);
    if (outcome.kind === 'ok') {
      form.reset();
      setMessage({ tone: 'success', text: t('uploaded') });
      reload();
    } else if (outcome.kind === 'signedOut') {
      router.replace(signInPath(outcome.error));
    } else if (outcome.kind === 'failed' && outcome.status === 413) {
      setMessage({ tone: 'error', text: t('tooLarge') });
    } else if (outcome.kind === 'failed' && outcome.status === 409) {
      setMessage({ tone: 'error', text: t('personFirst') });
    } else if (outcome.kind === 'failed' && fileError(outcome.error)) {
      setMessage({ tone: 'error', text: fileError(outcome.error)?.includes('empty') ? t('noFile') : t('wrongType') });
    } else {
      setMessage({ tone: 'error', text: outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected') });
    }
  }

  async function remove(photoId: string) {
    setConfirming(null);
    const outcome = await callApi(`/cases/${caseId}/person/photos/${photoId}`, null, { method: 'DELETE' });
    if (outcome.kind === 'ok' || outcome.kind === 'notFound') {
      setMessage({ tone: 'success', text: t('deleted') });
      reload();
    } else if (outcome.kind === 'signedOut') {
      router.replace(signInPath(outcome.error));
    } else {
      setMessage({ tone: 'error', text: outcome.kind === 'unreachable' ? tErrors('apiUnavailable') : tErrors('unexpected') });
    }
  }

  return (
    <section className="page-section" aria-labelledby="person-photos">
      <h2 id="person-photos">{t('heading')}</h2>
      {message ? <MessageBox message={message} /> : null}
      {photos === null ? <p>{t('loading')}</p> : photos.length === 0 ? <p>{t('empty')}</p> : null}
      {photos && photos.length > 0 ? (
        <ul className={styles.gallery}>
          {photos.map((photo, index) => (
            <li key={photo.id}>
              <figure>
                {/* eslint-disable-next-line @next/next/no-img-element -- a private, encrypted photo: no optimisation or caching */}
                <img src={`/api/cases/${caseId}/person/photos/${photo.id}`} alt={t('alt', { number: index + 1 })} loading="lazy" />
                {canContribute ? (
                  <figcaption>
                    {confirming === photo.id ? (
                      <span className={styles.links}>
                        <button type="button" className="danger" onClick={() => void remove(photo.id)}>
                          {t('confirmDelete')}
                        </button>
                        <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                          {t('keep')}
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="secondary" onClick={() => setConfirming(photo.id)}>
                        {t('delete', { number: index + 1 })}
                      </button>
                    )}
                  </figcaption>
                ) : null}
              </figure>
            </li>
          ))}
        </ul>
      ) : null}
      {canContribute ? (
        <form onSubmit={upload} className={styles.versionForm} noValidate>
          <label htmlFor="person-photo-file">{t('choose')}</label>
          <span className="hint">{t('rules')}</span>
          <input id="person-photo-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" />
          {progress !== null ? (
            <div className={styles.progress}>
              <label>
                {t('progress')}
                <progress max={1} value={progress} />
              </label>
              <span aria-hidden="true">{Math.round(progress * 100)}%</span>
            </div>
          ) : null}
          <button type="submit" disabled={progress !== null}>
            {t('upload')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
