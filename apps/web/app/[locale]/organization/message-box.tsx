export type Message = { tone: 'success' | 'error'; text: string };

/** The outcome of the last action: announced politely when it worked, at once when it did not. */
export function MessageBox({ message }: { message: Message }) {
  return message.tone === 'success' ? (
    <div className="notice notice-success" role="status">
      <p>{message.text}</p>
    </div>
  ) : (
    <div className="notice notice-error" role="alert">
      <p>{message.text}</p>
    </div>
  );
}
