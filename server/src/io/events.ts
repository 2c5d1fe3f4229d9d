// Giving the event loop a turn in long synchronous work on the main thread (requests wait behind it).

/** Resolves after pending I/O and messages have been handled (setImmediate). */
export const yieldToEvents = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
