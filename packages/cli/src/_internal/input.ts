import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError } from './command.js';

/** One record read from a JSON or NDJSON input, with where it came from. */
export interface InputRecord {
  file: string;
  /** 1-based line for NDJSON; for a JSON array, the element index is in `index`. */
  line?: number;
  index?: number;
  value?: unknown;
  /** Set when the text could not be parsed as JSON. */
  syntaxError?: string;
}

/** Reads all of a readable stream as UTF-8 text. */
export async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads records from files (or stdin for none or `-`): a `.ndjson`/`.jsonl` file, or any text with one
 * JSON value per line, is NDJSON; otherwise the whole text is one JSON value, and a top-level array is a
 * list of records. An unreadable file is a usage error; unparseable text is a record with `syntaxError`.
 */
export async function readRecords(files: string[], cwd: string, stdin: Readable): Promise<InputRecord[]> {
  const sources = files.length ? files : ['-'];
  const out: InputRecord[] = [];
  for (const file of sources) {
    let text: string;
    if (file === '-') text = await readStream(stdin);
    else {
      try {
        text = await readFile(resolve(cwd, file), 'utf8');
      } catch (error) {
        throw new UsageError(
          `无法读取文件 ${file}`,
          `cannot read file ${file}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    const name = file === '-' ? '<stdin>' : file;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const ndjson = /\.(ndjson|jsonl)$/i.test(file) || (file === '-' && looksLikeNdjson(text));
    if (ndjson) {
      const lines = text.split(/\r?\n/);
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        out.push(parse(line, { file: name, line: i + 1 }));
      });
      continue;
    }
    const whole = parse(text, { file: name });
    if (Array.isArray(whole.value)) {
      for (const [index, value] of whole.value.entries()) out.push({ file: name, index, value });
    } else out.push(whole);
  }
  return out;
}

function looksLikeNdjson(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  try {
    for (const l of lines) JSON.parse(l);
    return true;
  } catch {
    return false;
  }
}

function parse(text: string, where: Omit<InputRecord, 'value'>): InputRecord {
  try {
    return { ...where, value: JSON.parse(text) };
  } catch (error) {
    return { ...where, syntaxError: (error as Error).message };
  }
}
