/**
 * Reading the settings: from `workspace/configuration` when the client supports it, otherwise
 * from `initializationOptions` and `workspace/didChangeConfiguration`. Bad values fall back to
 * their defaults instead of breaking the analysis.
 */
import { DEFAULT_SETTINGS, type SeveritySetting, type Settings } from './protocol';

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'off']);

/** Settings from whatever shape the client sent, with defaults for anything missing or invalid. */
export function normaliseSettings(raw: unknown): Settings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (input.rules && typeof input.rules === 'object') {
    for (const [id, value] of Object.entries(input.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as SeveritySetting;
    }
  }
  const maxFileSize = typeof input.maxFileSize === 'number' && input.maxFileSize > 0 ? input.maxFileSize : DEFAULT_SETTINGS.maxFileSize;
  const region = typeof input.region === 'string' && /^([a-z]{2}(-[a-z]+)+-\d)?$/.test(input.region) ? input.region : DEFAULT_SETTINGS.region;
  return {
    enable: typeof input.enable === 'boolean' ? input.enable : DEFAULT_SETTINGS.enable,
    rules,
    region,
    maxFileSize,
  };
}
