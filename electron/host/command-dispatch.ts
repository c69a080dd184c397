// Runs one contract command arriving from a window (WebSocket or Electron IPC): checks the name and
// validates the input against the shared schema, then calls the engine. Never throws: always a Result.
import { commands, isCommandName, type CommandHandlers } from '../../shared/api.js';
import { fail, toAppError, type Result } from '../../shared/errors.js';

const MAX_DETAIL = 300;

export async function dispatchCommand(
  handlers: CommandHandlers,
  name: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isCommandName(name)) {
    return fail(
      'invalid-input',
      'The window asked for something the player does not know how to do.',
    );
  }
  const parsed = commands[name].input.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map(
        (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'request'}: ${issue.message}`,
      )
      .join('; ')
      .slice(0, MAX_DETAIL);
    return fail('invalid-input', `The request "${name}" was not valid (${detail}).`);
  }
  try {
    // The name/input pair was checked together above; TypeScript cannot correlate the union.
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toAppError(err) };
  }
}
