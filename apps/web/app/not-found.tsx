import type { Metadata } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: 'Not found',
  robots: { index: false, follow: false },
};

// Only for addresses outside any locale (the proxy gives every page address a locale first).
export default function GlobalNotFound() {
  return (
    <html lang="en" dir="ltr">
      <body>
        <main id="main">
          <h1>Page not found</h1>
          <p>
            <Link href="/">Go to the start page</Link>
          </p>
        </main>
      </body>
    </html>
  );
}
