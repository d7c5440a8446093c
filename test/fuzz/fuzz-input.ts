/**
 * The fuzzer's input: a template of `test/corpus` under a few mutations, a template generated from
 * scratch, a generated template under mutations, or a workspace of templates that link to each other. Each case carries a label that says where it
 * came from, so that a counterexample can be read and replayed without the arbitrary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { SourceFile } from '../../server/src/ide/analysis';
import { CORPUS, FIXTURES } from '../harness/paths';
import { generatedText, generatedWorkspace } from './generated-templates';
import { applyMutations, mutation, type Mutation } from './mutations';

/** Inputs the time bound applies to; larger corpus files are left out of the fuzzer. */
export const MAX_FUZZ_INPUT = 200_000;

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
}

export interface FuzzCase {
  /** The file name the analysis sees; its extension follows the content. */
  readonly file: string;
  /** The mutated text. */
  readonly text: string;
  /** Other files analysed with it as one workspace, unchanged; usually none. */
  readonly others: readonly SourceFile[];
  /** Where the text came from: the corpus file or the generator, and the mutations applied. */
  readonly origin: string;
  readonly mutations: readonly Mutation[];
}

/** Every file of a case, the mutated one first. */
export function filesOf(fuzzCase: FuzzCase): SourceFile[] {
  return [{ file: fuzzCase.file, text: fuzzCase.text }, ...fuzzCase.others];
}

let corpusFiles: CorpusFile[] | undefined;

/** The corpus templates (and non-templates) small enough to fuzz, read once. */
export function fuzzCorpus(): readonly CorpusFile[] {
  if (!corpusFiles) {
    corpusFiles = [];
    for (const folder of ['realworld', 'robustness', 'not-cloudformation']) {
      for (const name of readdirSync(join(CORPUS, folder)).sort()) {
        const text = readFileSync(join(CORPUS, folder, name), 'utf8');
        if (text.length < MAX_FUZZ_INPUT) corpusFiles.push({ name: `${folder}/${name}`, text });
      }
    }
  }
  return corpusFiles;
}

function fileNameFor(text: string): string {
  return /^\uFEFF?\s*[{[]/.test(text) ? 'fuzz.json' : 'fuzz.yaml';
}

/** A corpus file with one to five mutations. */
export function mutatedCorpusCase(): fc.Arbitrary<FuzzCase> {
  const files = fuzzCorpus();
  return fc.tuple(fc.nat({ max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 5 })).map(([index, mutations]) => {
    const source = files[index] as CorpusFile;
    const text = applyMutations(source.text, mutations);
    return { file: fileNameFor(text), text, others: [], origin: source.name, mutations };
  });
}

/** A generated template, as written or with up to three mutations. */
export function generatedCase(): fc.Arbitrary<FuzzCase> {
  return fc.tuple(generatedText, fc.array(mutation, { maxLength: 3 })).map(([generated, mutations]) => {
    const text = applyMutations(generated.text, mutations);
    return { file: fileNameFor(text), text, others: [], origin: `generated ${generated.format}`, mutations };
  });
}

/** The real multi-stack fixture (network, endpoints, application), one of them mutated. */
function threeStacks(): readonly SourceFile[] {
  const folder = join(FIXTURES, 'workspace', 'three-stacks', 'stacks');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ file: `stacks/${name}`, text: readFileSync(join(folder, name), 'utf8') }));
}

/**
 * Files analysed together, so that linking is fuzzed too: generated templates that export, import and
 * nest one another (nested stacks that leave the workspace or loop back included), or the three-stack
 * fixture; one file is mutated.
 */
export function workspaceCase(): fc.Arbitrary<FuzzCase> {
  const fixture = threeStacks();
  const workspaces = fc.oneof({ weight: 3, arbitrary: generatedWorkspace }, { weight: 1, arbitrary: fc.constant(fixture) });
  return fc.tuple(workspaces, fc.nat(), fc.array(mutation, { maxLength: 3 })).map(([files, pick, mutations]) => {
    const index = pick % files.length;
    const target = files[index] as SourceFile;
    return {
      file: target.file,
      text: applyMutations(target.text, mutations),
      others: files.filter((_, other) => other !== index),
      origin: `workspace of ${files.map((source) => source.file).join(', ')}`,
      mutations,
    };
  });
}

/** Every kind of input, mutated corpus templates first. */
export function fuzzCase(): fc.Arbitrary<FuzzCase> {
  return fc.oneof({ weight: 6, arbitrary: mutatedCorpusCase() }, { weight: 4, arbitrary: generatedCase() }, { weight: 1, arbitrary: workspaceCase() });
}

/** A counterexample in words: where it came from, the mutations, and the text (cut when long). */
export function describeCase(fuzzCase: FuzzCase, maxText = 4000): string {
  const text = fuzzCase.text.length > maxText ? `${fuzzCase.text.slice(0, maxText)}\n… (${fuzzCase.text.length - maxText} more characters)` : fuzzCase.text;
  const others = fuzzCase.others.map((source) => `other file ${source.file} (${source.text.length} characters, unchanged): ${JSON.stringify(source.text.length > maxText ? `${source.text.slice(0, maxText)}…` : source.text)}`);
  return [`origin: ${fuzzCase.origin}`, `mutations: ${JSON.stringify(fuzzCase.mutations)}`, `text of ${fuzzCase.file} (${fuzzCase.text.length} characters, as a JSON string):`, JSON.stringify(text), ...others].join('\n');
}
