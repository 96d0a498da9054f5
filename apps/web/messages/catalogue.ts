// One catalogue per locale: the shared file plus one file per area of the product, so that
// areas are translated (and edited) apart. Each area file holds its own top-level namespaces.
import en from './en.json';
import ur from './ur.json';
import enPerson from './en/person.json';
import enDisappearance from './en/disappearance.json';
import enRelatives from './en/relatives.json';
import enDiary from './en/diary.json';
import enDocuments from './en/documents.json';
import enCaseExport from './en/caseExport.json';
import enErasure from './en/erasure.json';
import enAuditTrail from './en/auditTrail.json';
import enProceedings from './en/proceedings.json';
import enHearings from './en/hearings.json';
import enCalendar from './en/calendar.json';
import urPerson from './ur/person.json';
import urDisappearance from './ur/disappearance.json';
import urRelatives from './ur/relatives.json';
import urDiary from './ur/diary.json';
import urDocuments from './ur/documents.json';
import urCaseExport from './ur/caseExport.json';
import urErasure from './ur/erasure.json';
import urAuditTrail from './ur/auditTrail.json';
import urProceedings from './ur/proceedings.json';
import urHearings from './ur/hearings.json';
import urCalendar from './ur/calendar.json';

/** The English messages' shape: every key the pages may use (global.d.ts gives it to next-intl). */
export type Messages = typeof en & typeof enPerson & typeof enDisappearance & typeof enRelatives & typeof enDiary & typeof enDocuments & typeof enCaseExport & typeof enErasure & typeof enAuditTrail & typeof enProceedings & typeof enHearings & typeof enCalendar;

type MessageTree = { [key: string]: string | MessageTree };

const enParts: MessageTree[] = [en, enPerson, enDisappearance, enRelatives, enDiary, enDocuments, enCaseExport, enErasure, enAuditTrail, enProceedings, enHearings, enCalendar];
const urParts: MessageTree[] = [ur, urPerson, urDisappearance, urRelatives, urDiary, urDocuments, urCaseExport, urErasure, urAuditTrail, urProceedings, urHearings, urCalendar];

function merge(parts: MessageTree[]): MessageTree {
  const catalogue: MessageTree = {};
  for (const part of parts) {
    for (const [namespace, messages] of Object.entries(part)) {
      if (namespace in catalogue) throw new Error(`Message namespace ${namespace} is defined twice`);
      catalogue[namespace] = messages;
    }
  }
  return catalogue;
}

export const catalogues = { en: merge(enParts) as Messages, ur: merge(urParts) as Messages } as const;
