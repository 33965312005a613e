// The MediaToolError a call failed with; the test fails when it did not fail that way.
import { expect } from 'vitest';
import { MediaToolError } from '../../src/media-tools/media-tool-error.ts';

export async function failureOf(promise: Promise<unknown>): Promise<MediaToolError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MediaToolError);
  return error as MediaToolError;
}

export function failureOfSync(run: () => unknown): MediaToolError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MediaToolError);
    return error as MediaToolError;
  }
  throw new Error('expected a MediaToolError, but nothing was thrown');
}
