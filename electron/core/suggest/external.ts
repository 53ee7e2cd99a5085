/**
 * External recommenders: a lab's own pipeline (spaCy, an LLM) behind a documented local protocol, so that Parley
 * shows its suggestions as it shows its own. Two transports, one message shape:
 *
 *   request   {"id": 1, "document": {"id": 7, "text": "…"}, "labels": ["Quote", "Actor"]}
 *   response  {"id": 1, "suggestions": [{"label": "Quote", "start": 0, "end": 12, "confidence": 0.8}, …]}
 *
 * - command: a process Parley starts, reading one request per line on its stdin and writing one response per
 *   line on its stdout (JSON lines), in any order (responses are matched by id); its stderr is ignored.
 * - http: each request POSTed as JSON to a URL (as INCEpTION's external recommender does), the response its body.
 *
 * Offsets are code points of the document's text (Python slicing). Each suggestion may carry "speaker" and "cue"
 * ({"start", "end"}, the speaker with "actorId"). A response that breaks the protocol fails that document with
 * an error naming the recommender and what is wrong; it is never stored in part.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { codePointLength } from '../../shared/offsets.ts';
import type { SuggestInput, Suggester, Suggestion } from './suggester.ts';

const mention = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
const suggestionSchema = z.object({
  label: z.string().min(1),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  confidence: z.number().min(0).max(1),
  kind: z.enum(['direct', 'indirect', 'mixed']).optional(),
  speaker: mention.extend({ actorId: z.number().int().nullable() }).optional(),
  cue: mention.optional(),
});
const responseSchema = z.object({ id: z.number().int(), suggestions: z.array(suggestionSchema) });

export type ExternalRecommender = { name: string; command: string; args?: string[] } | { name: string; url: string };

/** The request for one document. */
function request(id: number, input: SuggestInput): string {
  return JSON.stringify({ id, document: { id: input.documentId, text: input.text }, labels: input.labels });
}

/** Checks a response against the protocol and the document: every span inside the text, start before end. */
export function readResponse(name: string, raw: unknown, input: SuggestInput): { id: number; suggestions: Suggestion[] } {
  const parsed = responseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`recommender ${name}: ${issue.path.join('.') || 'response'}: ${issue.message}`);
  }
  const length = codePointLength(input.text);
  parsed.data.suggestions.forEach((suggestion, index) => {
    for (const [field, span] of [['', suggestion], ['speaker.', suggestion.speaker], ['cue.', suggestion.cue]] as const) {
      if (span && (span.start >= span.end || span.end > length)) {
        throw new Error(`recommender ${name}: suggestions.${index}.${field}start..end ${span.start}..${span.end} is not a span of the ${length}-character text`);
      }
    }
  });
  return parsed.data as { id: number; suggestions: Suggestion[] };
}

/** A recommender process, started on first use and kept for the documents after. */
class CommandRecommender implements Suggester {
  readonly name: string;
  private child: ChildProcessWithoutNullStreams | null = null;
  private readonly pending = new Map<number, { input: SuggestInput; resolve: (value: Suggestion[]) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(private readonly spec: { name: string; command: string; args?: string[] }) {
    this.name = spec.name;
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn(this.spec.command, this.spec.args ?? [], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.resume();
    const failAll = (error: Error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      this.child = null;
    };
    child.on('error', (error) => failAll(new Error(`recommender ${this.name}: cannot run ${this.spec.command}: ${error.message}`)));
    child.on('exit', (code, signal) => failAll(new Error(`recommender ${this.name}: exited (${signal ?? `code ${code}`}) before answering`)));
    child.stdin.on('error', () => {});
    let line = 0;
    createInterface({ input: child.stdout }).on('line', (text) => {
      line++;
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        failAll(new Error(`recommender ${this.name}: stdout line ${line} is not JSON: ${text.slice(0, 80)}`));
        child.kill();
        return;
      }
      const id = (raw as { id?: unknown } | null)?.id;
      const waiting = typeof id === 'number' ? this.pending.get(id) : undefined;
      if (!waiting) {
        failAll(new Error(`recommender ${this.name}: stdout line ${line} answers no request (id ${JSON.stringify(id)})`));
        child.kill();
        return;
      }
      this.pending.delete(id as number);
      try {
        waiting.resolve(readResponse(this.name, raw, waiting.input).suggestions);
      } catch (error) {
        waiting.reject(error as Error);
      }
    });
    return child;
  }

  suggest(input: SuggestInput, signal?: AbortSignal): Promise<Suggestion[]> {
    signal?.throwIfAborted();
    this.child ??= this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { input, resolve, reject });
      signal?.addEventListener('abort', () => this.pending.delete(id) && reject(signal.reason as Error), { once: true });
      this.child!.stdin.write(request(id, input) + '\n');
    });
  }

  /** Ends the process (its stdin closes; a well-behaved recommender exits on that). */
  close(): void {
    const child = this.child;
    this.child = null;
    if (child) {
      child.removeAllListeners('exit');
      child.stdin.end();
    }
  }
}

class HttpRecommender implements Suggester {
  readonly name: string;
  private nextId = 1;

  constructor(private readonly spec: { name: string; url: string; timeoutMs?: number }) {
    this.name = spec.name;
  }

  async suggest(input: SuggestInput, signal?: AbortSignal): Promise<Suggestion[]> {
    const id = this.nextId++;
    const timeout = AbortSignal.timeout(this.spec.timeoutMs ?? 30_000);
    const response = await fetch(this.spec.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request(id, input),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    }).catch((error: Error) => {
      throw new Error(`recommender ${this.name}: ${this.spec.url}: ${error.cause instanceof Error ? error.cause.message : error.message}`);
    });
    if (!response.ok) throw new Error(`recommender ${this.name}: ${this.spec.url} answered ${response.status} ${response.statusText}`);
    let raw: unknown;
    try {
      raw = await response.json();
    } catch {
      throw new Error(`recommender ${this.name}: ${this.spec.url} answered with a body that is not JSON`);
    }
    const answer = readResponse(this.name, raw, input);
    if (answer.id !== id) throw new Error(`recommender ${this.name}: answered request ${answer.id}, asked ${id}`);
    return answer.suggestions;
  }
}

export type ClosableSuggester = Suggester & { close?: () => void };

export function externalRecommender(spec: ExternalRecommender): ClosableSuggester {
  return 'command' in spec ? new CommandRecommender(spec) : new HttpRecommender(spec);
}
