/**
 * A once-a-second tick that keeps going in a background tab. Browsers slow a hidden page's timers to
 * one a minute after a few minutes; a dedicated worker's timers are not slowed that way, so the
 * heartbeat keeps its pace while a student reads another tab. Falls back to setInterval where a
 * worker cannot start. Returns a function that stops the tick.
 */
export function everySecond(fn: () => void): () => void {
  try {
    const url = URL.createObjectURL(
      new Blob(['setInterval(() => postMessage(0), 1000);'], { type: 'text/javascript' }),
    );
    const worker = new Worker(url);
    URL.revokeObjectURL(url);
    worker.onmessage = () => fn();
    return () => worker.terminate();
  } catch {
    const id = setInterval(fn, 1000);
    return () => clearInterval(id);
  }
}
