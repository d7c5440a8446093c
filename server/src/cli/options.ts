/**
 * What the commands share: parsing their arguments with Node's `util.parseArgs` (bad ones become a
 * one-line usage error), the options every command has (`--format`, `--output`, `--region`,
 * `--max-file-size`) with their checks, the analysis options they imply, and writing the output.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { AnalysisOptions } from '../ide/analysis';
import { UsageError } from './files';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options of every command; `format` gets each command's default. */
function commonOptions(defaultFormat: string) {
  return {
    format: { type: 'string', short: 'f', default: defaultFormat },
    output: { type: 'string', short: 'o' },
    region: { type: 'string' },
    'max-file-size': { type: 'string' },
  } as const;
}

/** The values of parsed options by name: a string, a boolean, a list of them for `multiple`, or unset. */
export type OptionValues = Readonly<Record<string, string | boolean | readonly (string | boolean)[] | undefined>>;

export interface ParsedCommand {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

/** Parse a command's arguments: the common options plus its own. */
export function parseCommand(args: readonly string[], defaultFormat: string, own: Options): ParsedCommand {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { ...commonOptions(defaultFormat), ...own } });
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'invalid arguments') : 'invalid arguments');
  }
}

export interface CommonArgs {
  readonly output: string | undefined;
  readonly region: string | undefined;
  readonly maxFileSizeMb: number;
}

/** The checked values of the common options. */
export function commonArgs(values: OptionValues): CommonArgs {
  const output = typeof values.output === 'string' ? values.output : undefined;
  const region = typeof values.region === 'string' ? values.region : undefined;
  const size = values['max-file-size'];
  const maxFileSizeMb = typeof size === 'string' ? Number(size) : 5;
  if (!Number.isFinite(maxFileSizeMb) || maxFileSizeMb <= 0) throw new UsageError('--max-file-size expects a positive number of megabytes');
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new UsageError(`--region expects a region such as us-east-1, got "${region}"`);
  if (output === '') throw new UsageError('--output expects a file name');
  return { output, region, maxFileSizeMb };
}

/** The strings given to a `multiple` option. */
export function stringList(value: OptionValues[string]): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((entry): entry is string => typeof entry === 'string');
}

/** A format among the allowed ones, or a usage error naming them. */
export function checkFormat<F extends string>(format: OptionValues[string], allowed: readonly F[], command: string): F {
  if (typeof format === 'string' && (allowed as readonly string[]).includes(format)) return format as F;
  const names = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1] ?? ''}` : (allowed[0] ?? '');
  throw new UsageError(`unknown format "${String(format)}" for ${command}; use ${names}`);
}

/** The analysis options the common arguments imply; rule failures go to stderr. */
export function analysisOptions(args: CommonArgs): AnalysisOptions {
  return {
    ...(args.region ? { region: args.region } : {}),
    limits: { maxLength: Math.floor(args.maxFileSizeMb * 1024 * 1024) },
    onRuleError: (ruleId, error) => process.stderr.write(`cfn-network-lens: rule ${ruleId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
  };
}

/** Write a command's output to `--output`, or to stdout. */
export function writeOutput(output: string | undefined, text: string): void {
  if (output === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch {
    throw new UsageError(`cannot write ${output}`);
  }
}
