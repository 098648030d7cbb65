import { createInterface } from 'node:readline'
import type { Command } from 'commander'
import type { Result } from '../domain/result.js'

/** A pure handler behind a JSON CLI command: positional arguments in, a result out. */
export type JsonHandler = (args: readonly string[]) => Result<unknown>

/** Options of a JSON command. */
export interface JsonCommandOptions {
  /** Print a single (non --stdin) answer as the bare value instead of `{"result":value}`; --stdin lines keep the wrapper. */
  readonly bareSingleResult?: boolean
}

/**
 * Adds `--stdin` to a command whose output is `{"result":...}`. Without it the positional arguments are used and a
 * bad argument prints `{"error":...}` on stderr with exit code 2; with it every JSON line of standard input is an
 * array of positional arguments, answered by one JSON line in order, and the exit code is 0 unless the stream fails.
 */
export function jsonCommand(command: Command, arity: number, handler: JsonHandler, options: JsonCommandOptions = {}): Command {
  return command
    .option('--stdin', 'read JSON lines, each an array of the positional arguments; write one JSON line each')
    .action(async (...received: unknown[]) => {
      const cmd = received[received.length - 1] as Command
      const flags = cmd.opts<{ stdin?: boolean }>()
      if (flags.stdin) {
        process.exitCode = await answerLines(arity, handler)
        return
      }
      const args = cmd.args.slice(0, arity)
      if (args.length < arity) {
        writeError({ code: 'missing_argument', message: `expected ${arity} argument(s), got ${args.length}` })
        process.exitCode = 2
        return
      }
      const result = safely(handler, args)
      if (result.ok) process.stdout.write(JSON.stringify(options.bareSingleResult ? result.value : { result: result.value }) + '\n')
      else {
        writeError(result.error)
        process.exitCode = 2
      }
    })
}

function writeError(error: { code: string; message: string }): void {
  process.stderr.write(JSON.stringify({ error: { code: error.code, message: error.message } }) + '\n')
}

function safely(handler: JsonHandler, args: readonly string[]): Result<unknown> {
  try {
    return handler(args)
  } catch (err) {
    return { ok: false, error: { code: 'internal_error', message: err instanceof Error ? err.message : String(err) } }
  }
}

/** Answers each JSON line of standard input in order; returns the exit code. */
async function answerLines(arity: number, handler: JsonHandler): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
  const out: string[] = []
  const flush = () => {
    if (out.length > 0) process.stdout.write(out.join(''))
    out.length = 0
  }
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue
      out.push(JSON.stringify(answerLine(line, arity, handler)) + '\n')
      if (out.length >= 1024) flush()
    }
  } catch (err) {
    flush()
    writeError({ code: 'stdin_unreadable', message: err instanceof Error ? err.message : String(err) })
    return 2
  }
  flush()
  return 0
}

function answerLine(line: string, arity: number, handler: JsonHandler): object {
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch {
    return { error: { code: 'invalid_json_line', message: 'the line is not valid JSON' } }
  }
  if (!Array.isArray(parsed) || parsed.length < arity || !parsed.slice(0, arity).every((a) => typeof a === 'string')) {
    return { error: { code: 'invalid_arguments', message: `expected a JSON array of ${arity} string(s)` } }
  }
  const result = safely(handler, parsed.slice(0, arity) as string[])
  return result.ok ? { result: result.value } : { error: { code: result.error.code, message: result.error.message } }
}
