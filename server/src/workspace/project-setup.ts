/**
 * From a project file, the parameter files it names and the deployment and samconfig files found in
 * the workspace to what linking needs: pinned parameter values, stack names and regions per
 * template, plus the project's rule severities and ignored paths. Texts come in (the caller reads the
 * files it is asked for), values and problems go out. When several stacks deploy one template, a
 * parameter is pinned only to a value they all give; otherwise it is unknown, never one of them.
 */
import { str, unknown, type Value } from '../template';
import { readParameterFile, type ParameterSetting, type StackSettings, type WorkspaceProblem } from './parameter-files';
import { isInside, isRemoteLocation, parentOf, resolveAgainst } from './paths';
import type { ProjectConfig, SeverityName } from './project-file';

export interface SetupInput {
  /** The workspace root folder (a path or a `file:` URI). */
  readonly root: string;
  readonly project?: ProjectConfig;
  /** The texts of the files `filesToRead` asked for; undefined for a file that does not exist. */
  readonly texts: ReadonlyMap<string, string | undefined>;
  /** Git-sync deployment files and `samconfig.toml` files found in the workspace. */
  readonly discovered?: readonly string[];
  /** Whether a template file exists. */
  readonly exists: (file: string) => boolean;
  /** Why a file that exists may not be read (a symbolic link out of the workspace), if it may not. */
  readonly refused?: (file: string) => string | undefined;
}

export interface WorkspaceSetup {
  readonly parameters: ReadonlyMap<string, ReadonlyMap<string, Value>>;
  readonly stackNames: ReadonlyMap<string, string>;
  readonly regions: ReadonlyMap<string, string>;
  /** The project file's rule severities. */
  readonly severities: Readonly<Record<string, SeverityName>>;
  /** Glob patterns relative to the root. */
  readonly ignore: readonly string[];
  readonly problems: readonly WorkspaceProblem[];
  /** Which stacks deploy each template, for hovers and messages. */
  readonly stacks: ReadonlyMap<string, readonly ResolvedStack[]>;
}

/** A stack as the project and parameter files describe it. */
export interface ResolvedStack {
  readonly template: string;
  readonly name?: string;
  readonly region?: string;
  readonly parameters: ReadonlyMap<string, ParameterSetting>;
  /** The files the stack's settings come from. */
  readonly sources: readonly string[];
}

/** The files `resolveWorkspaceSetup` needs the texts of. */
export function filesToRead(project: ProjectConfig | undefined, discovered: readonly string[] = []): string[] {
  const files = new Set(discovered);
  for (const stack of project?.stacks ?? []) {
    for (const path of [stack.parameterFile, stack.deployment, stack.samconfig]) if (path) files.add(path.file);
  }
  return [...files];
}

const TEMPLATE_NAMES = ['template.yaml', 'template.yml', 'template.json'];

/** Resolve the stacks of a workspace into link inputs. */
export function resolveWorkspaceSetup(input: SetupInput): WorkspaceSetup {
  const problems: WorkspaceProblem[] = [...(input.project?.problems ?? [])];
  const stacks: ResolvedStack[] = [];
  const named = new Set<string>();
  const used = new Set<string>();
  const read = (file: string, range: readonly [number, number], environment?: string): StackSettings | undefined => {
    const text = input.texts.get(file);
    if (text === undefined) {
      problems.push({ file: input.project?.file ?? file, range, severity: 'error', message: `File "${file}" ${input.refused?.(file) ?? 'does not exist'}.` });
      return undefined;
    }
    const settings = readParameterFile(file, text, environment !== undefined ? { environment } : {});
    problems.push(...settings.problems);
    return settings;
  };
  /** The template a deployment or samconfig file names, checked to stay inside the root. */
  const templateOf = (settings: StackSettings, kind: 'deployment' | 'samconfig'): string | undefined => {
    const base = kind === 'deployment' ? input.root : parentOf(settings.file);
    if (settings.templatePath) {
      const written = settings.templatePath.value;
      const resolved = isRemoteLocation(written) ? undefined : resolveAgainst(base, written);
      if (resolved === undefined || !isInside(input.root, resolved)) {
        const why = resolved === undefined ? 'is not a local path' : 'points outside the workspace folder';
        problems.push({ file: settings.file, range: settings.templatePath.range, severity: 'error', message: `The template "${written}" ${why}; only templates inside the workspace folder are read.` });
        return undefined;
      }
      return resolved;
    }
    if (kind === 'deployment') {
      problems.push({ file: settings.file, range: [0, 0], severity: 'error', message: 'This deployment file has no "template-file-path".' });
      return undefined;
    }
    return TEMPLATE_NAMES.map((name) => resolveAgainst(base, name)).find((file): file is string => file !== undefined && input.exists(file)) ?? resolveAgainst(base, 'template.yaml');
  };
  const checkTemplate = (template: string, file: string, range: readonly [number, number]): boolean => {
    if (input.exists(template)) return true;
    problems.push({ file, range, severity: 'error', message: `Template "${template}" ${input.refused?.(template) ?? 'does not exist'}.` });
    return false;
  };

  for (const stack of input.project?.stacks ?? []) {
    const project = input.project as ProjectConfig;
    const parameters = new Map<string, ParameterSetting>();
    const sources: string[] = [project.file];
    let template = stack.template?.file;
    let stackName = stack.name?.value;
    let region = stack.region?.value;
    const external = stack.deployment ?? stack.samconfig;
    if (external) {
      used.add(external.file);
      const kind = stack.deployment ? 'deployment' : 'samconfig';
      const settings = read(external.file, external.range, stack.samconfig ? stack.environment?.value : undefined);
      if (settings) {
        sources.push(settings.file);
        for (const [name, value] of settings.parameters) parameters.set(name, value);
        stackName ??= settings.stackName;
        region ??= settings.region;
        if (template === undefined) template = templateOf(settings, kind);
      }
    }
    if (stack.parameterFile) {
      used.add(stack.parameterFile.file);
      const settings = read(stack.parameterFile.file, stack.parameterFile.range);
      if (settings) {
        sources.push(settings.file);
        for (const [name, value] of settings.parameters) parameters.set(name, value);
      }
    }
    for (const [name, value] of stack.parameters ?? []) parameters.set(name, value);
    if (template === undefined) continue;
    if (stack.template && !checkTemplate(template, project.file, stack.template.range)) continue;
    if (!stack.template && !checkTemplate(template, external?.file ?? project.file, [0, 0])) continue;
    named.add(template);
    region ??= project.region?.value;
    stacks.push({ template, parameters, sources, ...(stackName ? { name: stackName } : {}), ...(region ? { region } : {}) });
  }

  // Deployment and samconfig files name their template themselves; the project file wins for the templates it names.
  for (const file of input.discovered ?? []) {
    if (used.has(file)) continue;
    const text = input.texts.get(file);
    if (text === undefined) continue;
    const kind = /\.toml$/i.test(file) ? 'samconfig' : 'deployment';
    const settings = readParameterFile(file, text);
    if (settings.kind !== kind) continue;
    const template = templateOf(settings, kind);
    problems.push(...settings.problems);
    if (template === undefined || named.has(template) || !input.exists(template)) continue;
    const region = settings.region ?? input.project?.region?.value;
    stacks.push({ template, parameters: settings.parameters, sources: [file], ...(settings.stackName ? { name: settings.stackName } : {}), ...(region ? { region } : {}) });
  }

  return { ...combineStacks(stacks), severities: input.project?.rules ?? {}, ignore: input.project?.ignore ?? [], problems };
}

/** Per template: the parameter values, stack name and region every stack of it agrees on. */
function combineStacks(stacks: readonly ResolvedStack[]): Pick<WorkspaceSetup, 'parameters' | 'stackNames' | 'regions' | 'stacks'> {
  const byTemplate = new Map<string, ResolvedStack[]>();
  for (const stack of stacks) {
    const list = byTemplate.get(stack.template) ?? [];
    list.push(stack);
    byTemplate.set(stack.template, list);
  }
  const parameters = new Map<string, Map<string, Value>>();
  const stackNames = new Map<string, string>();
  const regions = new Map<string, string>();
  for (const [template, list] of byTemplate) {
    const values = new Map<string, Value>();
    const names = new Set(list.flatMap((stack) => [...stack.parameters.keys()]));
    for (const name of names) {
      const settings = list.map((stack) => stack.parameters.get(name));
      const first = settings[0];
      const agreed = first !== undefined && first.value !== undefined && settings.every((setting) => setting?.value === first.value);
      if (agreed) values.set(name, str(first.value as string));
      else if (list.length === 1 && first?.reason) values.set(name, unknown(first.reason, `param:${template}#${name}`));
      else values.set(name, unknown(first?.reason ?? `parameter "${name}" has different values in the ${list.length} stacks that deploy this template`, `param:${template}#${name}`));
    }
    if (values.size > 0) parameters.set(template, values);
    const stackName = agreedOn(list.map((stack) => stack.name));
    if (stackName) stackNames.set(template, stackName);
    const region = agreedOn(list.map((stack) => stack.region));
    if (region) regions.set(template, region);
  }
  return { parameters, stackNames, regions, stacks: byTemplate };
}

function agreedOn(values: readonly (string | undefined)[]): string | undefined {
  const first = values[0];
  return first !== undefined && values.every((value) => value === first) ? first : undefined;
}

/**
 * Parameter values given for a parameter the template does not declare: CloudFormation refuses to
 * deploy such a stack, and the value pins nothing. `declared` gives a template's parameter names
 * (undefined when the template is not a template of the analysis).
 */
export function undeclaredParameters(
  stacks: ReadonlyMap<string, readonly ResolvedStack[]>,
  declared: (template: string) => ReadonlySet<string> | undefined,
  label: (template: string) => string = (template) => template,
): WorkspaceProblem[] {
  const problems: WorkspaceProblem[] = [];
  for (const [template, list] of stacks) {
    const names = declared(template);
    if (!names) continue;
    for (const stack of list) {
      for (const [name, setting] of stack.parameters) {
        if (names.has(name) || setting.file === undefined) continue;
        problems.push({ file: setting.file, range: setting.range, severity: 'warning', message: `Template "${label(template)}" declares no parameter "${name}", so CloudFormation will refuse to deploy the stack with it.` });
      }
    }
  }
  return problems;
}
