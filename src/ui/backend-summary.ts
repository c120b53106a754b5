// The backend in one line for the status bar, with the long reason on demand: "CPU ×2 workers
// (WebGPU unavailable)" and, behind a details element, "this browser exposes no WebGPU
// (navigator.gpu is missing)". The reasons come from the backend choice as "HEAD: DETAILS" (a
// colon outside parentheses), or as one phrase; a head longer than SHORT_HEAD is cut at its
// first parenthesis.

import { shortBackendName } from '../experiment/backend-choice';
import type { BackendInfo } from '../worker/protocol';

/** Longest reason shown in the line itself. */
export const SHORT_HEAD = 48;

export interface BackendSummary {
  /** one line: the backend, and why in a few words when it is a fallback */
  readonly line: string;
  /** the whole reason, when the line leaves some of it out */
  readonly details: string | null;
}

/** The reason split at its first ": " outside parentheses. */
export function splitReason(reason: string): { head: string; rest: string | null } {
  let depth = 0;
  for (let i = 0; i < reason.length - 1; i++) {
    const c = reason[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ':' && reason[i + 1] === ' ' && depth === 0) return { head: reason.slice(0, i), rest: reason.slice(i + 2) };
  }
  return { head: reason, rest: null };
}

function shortHead(head: string): string {
  if (head.length <= SHORT_HEAD) return head;
  const cut = head.indexOf(' (');
  if (cut > 0 && cut <= SHORT_HEAD) return head.slice(0, cut);
  return `${head.slice(0, SHORT_HEAD - 1).trimEnd()}…`;
}

export function backendSummary(b: BackendInfo): BackendSummary {
  const reason = b.fallbackReason;
  if (!reason) return { line: b.description, details: null };
  const name = b.name === 'cpu' ? shortBackendName(b.description) : b.description;
  // a CPU fallback's reason names WebGPU; one that does not (a bare error) is said to be WebGPU's
  const why = b.name === 'cpu' && !/^webgpu/i.test(reason) ? `WebGPU unavailable: ${reason}` : reason;
  const { head, rest } = splitReason(why);
  const line = `${name} (${shortHead(head)})`;
  return { line, details: rest !== null || shortHead(head) !== head ? why : null };
}
