/** The origin every URL of `addin/manifest.xml` names: the companion's own pages (docs/addin.md). */
export const defaultAddinOrigin = 'https://localhost:47806';

/**
 * A6: the manifest for another host. IT serves the add-in's pages from its own HTTPS server; only the origin
 * changes, so the result is as valid as the file it comes from. Throws with a sentence for a host that is not a
 * bare https origin (Office refuses http pages, and a path would break every URL).
 */
export function renderManifest(manifestXml: string, host: string): string {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new Error(`--host must be an https origin such as https://crm-addin.corp.example, not "${host}".`);
  }
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(
      `--host must be a bare https origin (scheme, name and optional port, no path), not "${host}": Outlook loads add-in pages over https only.`,
    );
  }
  return manifestXml.split(defaultAddinOrigin).join(url.origin);
}
