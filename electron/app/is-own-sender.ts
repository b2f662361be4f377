/** What ipc-main.ts knows about the frame that sent an IPC message (Electron's `event.senderFrame`). */
export type SenderFrame = {
  readonly url: string;
  /** True for the window's top frame; a sub-frame (an iframe) never speaks for the window. */
  readonly isMainFrame: boolean;
};

/**
 * Whether an IPC message comes from the app's own page (docs/security.md "Electron"): the window's top frame, at
 * exactly the companion's origin (`https://localhost:PORT`). A `file://` page, any other https site, `about:blank`
 * (a fresh pop-up or a frame whose page failed), plain http on the same port, a sub-frame, or a destroyed frame
 * (null) is refused, so a page that got into the renderer by navigation or framing can call nothing.
 */
export function isOwnSender(frame: SenderFrame | null | undefined, ownOrigin: string): boolean {
  if (frame == null || !frame.isMainFrame) {
    return false;
  }
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.origin === ownOrigin;
}

/** The companion's own origin for a port: what the window loads and what isOwnSender accepts. */
export function ownOriginFor(port: number): string {
  return `https://localhost:${port}`;
}
