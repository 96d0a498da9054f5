import { notFound } from 'next/navigation';

// Unknown addresses inside a locale get the localised not-found page within the layout.
export default function UnknownPage() {
  notFound();
}
