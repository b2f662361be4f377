/**
 * The window's Content Security Policy (docs/api.md "Static files"): scripts only from the companion itself, no
 * inline script, calls only to itself, and no framing. Styles may be inline: Fluent UI writes its styles at run
 * time.
 */
export const windowCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The add-in's pages: Office.js from Microsoft's CDN, and framed by Outlook's own hosts only. */
export const addinCsp = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  'frame-ancestors https://outlook.office.com https://outlook.office365.com https://outlook.live.com https://*.officeapps.live.com',
].join('; ');

export function cspFor(pathname: string): string {
  return pathname.startsWith('/addin/') ? addinCsp : windowCsp;
}
