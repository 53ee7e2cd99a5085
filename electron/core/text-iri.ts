/**
 * The RFC 6920 named-information IRI of an exact text (`ni:///sha-256;<base64url digest>`), from the hex SHA-256
 * Parley stores as a document's content hash: what a W3C export names a document without a URL by, and what
 * the W3C importer finds it by again.
 */
const NI_SHA256 = /^ni:\/\/\/sha-256;([A-Za-z0-9_-]{43})$/;

export function textIri(contentHash: string): string {
  return `ni:///sha-256;${Buffer.from(contentHash, 'hex').toString('base64url')}`;
}

/** The hex content hash a text IRI names, or undefined for any other IRI. */
export function contentHashOfTextIri(iri: string): string | undefined {
  const match = NI_SHA256.exec(iri);
  return match ? Buffer.from(match[1]!, 'base64url').toString('hex') : undefined;
}
