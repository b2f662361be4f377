/** Served at / when the window's build output is missing: says what to do instead of a bare 404. */
export const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>crm-mail-logger</title></head>
<body>
<h1>The window is not built</h1>
<p>The companion is running and its API answers, but the window's files are missing. Run <code>npm run build</code>
in the project folder, then reload this page.</p>
</body></html>
`;
