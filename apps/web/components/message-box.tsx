import type { ReactNode } from 'react';

export type Message = { tone: 'success' | 'error'; text: string };

/** The outcome of the last action: announced politely when it worked, at once when it did not. */
export function MessageBox({ message, children }: { message: Message; children?: ReactNode }) {
  return message.tone === 'success' ? (
    <div className="notice notice-success" role="status">
      <p>{message.text}</p>
      {children}
    </div>
  ) : (
    <div className="notice notice-error" role="alert">
      <p>{message.text}</p>
      {children}
    </div>
  );
}

/** Why a form (or a request) was refused, announced at once; nothing while there is no error. */
export function ErrorNotice({ message, children }: { message: string | null; children?: ReactNode }) {
  return message ? <MessageBox message={{ tone: 'error', text: message }}>{children}</MessageBox> : null;
}
