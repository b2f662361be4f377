import envPaths from 'env-paths';

/**
 * The per-user store in the operating system's data folder: ~/.local/share/crm-mail-logger on Linux,
 * ~/Library/Application Support/crm-mail-logger on macOS, %LOCALAPPDATA%\crm-mail-logger\Data on Windows.
 * `CRM_MAIL_LOGGER_STORE` overrides it (tests, portable installs).
 */
export function defaultStoreDir(): string {
  return process.env['CRM_MAIL_LOGGER_STORE'] ?? envPaths('crm-mail-logger', { suffix: '' }).data;
}
