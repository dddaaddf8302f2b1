/**
 * SHA-256 of a text (UTF-8), in hex: the same digest as node:crypto's, for where there is none (the
 * report page's worker hashes the scenario it reruns, as manifest.json's `scenario.sha256`).
 * @noble/hashes (audited, no dependencies) does the hashing; it runs in Node and in the browser alike.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** @example sha256Hex('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
