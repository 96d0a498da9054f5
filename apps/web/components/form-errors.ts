import { useState } from 'react';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * Moves focus to the first field in `order` that has an error, so keyboard and screen-reader users
 * land where the fix is. `inputName` maps a field to its input's name where the two differ.
 */
export function focusFirstInvalid<F extends string>(
  form: HTMLFormElement | null,
  order: readonly F[],
  errors: FieldErrors<F>,
  inputName: (field: F) => string = (field) => field,
): void {
  const first = order.find((field) => errors[field]);
  if (first) form?.querySelector<HTMLElement>(`[name="${inputName(first)}"]`)?.focus();
}

/**
 * The errors a form shows: one per field (next to it) and one for the whole form (see ErrorNotice).
 * `order` is the order of the fields on the page.
 */
export function useFormErrors<F extends string>(order: readonly F[]) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);

  /** Shows why the form was refused and moves focus to the first field at fault, if any. */
  function showErrors(form: HTMLFormElement | null, errors: FieldErrors<F>, message: string | null) {
    setFieldErrors(errors);
    setFormError(message);
    focusFirstInvalid(form, order, errors);
  }

  function clearErrors() {
    setFieldErrors({});
    setFormError(null);
  }

  return { fieldErrors, formError, setFormError, showErrors, clearErrors };
}
