/**
 * The fuzzer's input: a template of `test/corpus` under a few mutations, a template generated from
 * scratch, or a generated template under mutations. Each case carries a label that says where it
 * came from, so that a counterexample can be read and replayed without the arbitrary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CORPUS } from '../harness/paths';
import { generatedText } from './generated-templates';
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
  readonly text: string;
  /** Where the text came from: the corpus file or the generator, and the mutations applied. */
  readonly origin: string;
  readonly mutations: readonly Mutation[];
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
    return { file: fileNameFor(text), text, origin: source.name, mutations };
  });
}

/** A generated template, as written or with up to three mutations. */
export function generatedCase(): fc.Arbitrary<FuzzCase> {
  return fc.tuple(generatedText, fc.array(mutation, { maxLength: 3 })).map(([generated, mutations]) => {
    const text = applyMutations(generated.text, mutations);
    return { file: fileNameFor(text), text, origin: `generated ${generated.format}`, mutations };
  });
}

/** Every kind of input, mutated corpus templates first. */
export function fuzzCase(): fc.Arbitrary<FuzzCase> {
  return fc.oneof({ weight: 3, arbitrary: mutatedCorpusCase() }, { weight: 2, arbitrary: generatedCase() });
}

/** A counterexample in words: where it came from, the mutations, and the text (cut when long). */
export function describeCase(fuzzCase: FuzzCase, maxText = 4000): string {
  const text = fuzzCase.text.length > maxText ? `${fuzzCase.text.slice(0, maxText)}\n… (${fuzzCase.text.length - maxText} more characters)` : fuzzCase.text;
  return [`origin: ${fuzzCase.origin}`, `mutations: ${JSON.stringify(fuzzCase.mutations)}`, `text (${fuzzCase.text.length} characters, as a JSON string):`, JSON.stringify(text)].join('\n');
}
