// Yielding a worker's thread to its message queue between slices of work. A slice of CPU work may
// complete without ever leaving the microtask queue, which would starve the page's messages; a
// MessageChannel round trip yields a real task without the 4 ms clamp of nested setTimeout.

export function messageChannelYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const resumers: (() => void)[] = [];
  channel.port1.onmessage = () => resumers.shift()?.();
  return () =>
    new Promise((resolve) => {
      resumers.push(resolve);
      channel.port2.postMessage(0);
    });
}
