import type { InputHTMLAttributes, ReactNode } from 'react';

/** What a control needs to be named by its label and described by its hint and error. */
export interface FieldControl {
  id: string;
  name: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

interface FieldTexts {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

/**
 * A label, an optional hint and an optional error around one control (input, select, textarea),
 * wired so that screen readers read the hint and the error with the control.
 */
export function FormField({ name, label, hint, error, children }: FieldTexts & { children: (control: FieldControl) => ReactNode }) {
  const id = `field-${name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="field-error">
          {error}
        </span>
      ) : null}
      {children({ id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined })}
    </div>
  );
}

type TextFieldProps = FieldTexts & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>;

/** A labelled input (text, email, password, date…). */
export function TextField({ name, label, hint, error, ...input }: TextFieldProps) {
  return (
    <FormField name={name} label={label} hint={hint} error={error}>
      {(control) => <input {...control} {...input} />}
    </FormField>
  );
}

type FixedTextFieldProps = Omit<TextFieldProps, 'type' | 'dir' | 'required'>;

/** An email address: written left to right and never spell-checked, on Urdu pages too. */
export function EmailField(props: FixedTextFieldProps) {
  return <TextField {...props} type="email" dir="ltr" spellCheck={false} required />;
}

/** A password: typed left to right, on Urdu pages too. */
export function PasswordField(props: FixedTextFieldProps) {
  return <TextField {...props} type="password" dir="ltr" required />;
}
