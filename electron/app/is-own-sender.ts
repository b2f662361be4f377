/** What ipc-main.ts knows about the frame that sent an IPC message (Electron's `event.senderFrame`). */
export type SenderFrame = {
  readonly url: string;
  /** True for the window's top frame; a sub-frame (an iframe) never speaks for the window. */
  readonly isMainFrame: boolean;
};

/** The window's origin: the app's own privileged scheme, served from renderer/dist by app-protocol.ts. */
export const appScheme = 'app';
export const appOrigin = `${appScheme}://crm-mail-logger`;

/**
 * Whether `url` is on the origin `origin` (scheme and host:port). Compared by parts, because Node's URL gives
 * the origin "null" for a scheme it does not know, such as app:.
 */
export function isSameOrigin(url: string, origin: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(url);
    b = new URL(origin);
  } catch {
    return false;
  }
  return (
    a.protocol === b.protocol && a.host === b.host && a.host !== '' && a.username === '' && a.password === ''
  );
}

/**
 * Whether an IPC message comes from the app's own page (docs/security.md "Electron"): the window's top frame, on
 * exactly the app's origin. A `file://` page, any https site, `about:blank` (a fresh pop-up or a frame whose page
 * failed), a sub-frame, or a destroyed frame (null) is refused, so a page that got into the renderer by
 * navigation or framing can call nothing.
 */
export function isOwnSender(frame: SenderFrame | null | undefined, ownOrigin: string): boolean {
  return frame != null && frame.isMainFrame && isSameOrigin(frame.url, ownOrigin);
}
