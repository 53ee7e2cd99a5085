/** Reading files the analyst picked, and handing exports back as downloads. */

export interface PickedFile {
  /** The name to send: the file's path relative to a picked folder when there is one ("corpus/a.ann"). */
  name: string;
  file: File;
}

export function picked(files: FileList | readonly File[] | null | undefined): PickedFile[] {
  return [...(files ?? [])].map((file) => ({ name: file.webkitRelativePath || file.name, file }));
}

export function toBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

const BRAT_SIDE_FILES = new Set(['annotation.conf', 'visual.conf', 'tools.conf', 'kb_shortcuts.conf']);

function folderOf(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '' : name.slice(0, slash + 1);
}

/**
 * The files grouped into import calls: one call per file, except that a brat document travels as its .txt and
 * .ann together (with the folder's annotation.conf, if any), so each call is one all-or-nothing unit.
 */
export function importBatches(files: readonly PickedFile[]): PickedFile[][] {
  const side = new Map<string, PickedFile[]>();
  for (const file of files) {
    const base = file.name.slice(folderOf(file.name).length);
    if (BRAT_SIDE_FILES.has(base)) side.set(folderOf(file.name), [...(side.get(folderOf(file.name)) ?? []), file]);
  }
  const byStem = new Map<string, PickedFile[]>();
  const batches: PickedFile[][] = [];
  for (const file of files) {
    const base = file.name.slice(folderOf(file.name).length);
    if (BRAT_SIDE_FILES.has(base)) continue;
    const match = /^(.*)\.(txt|ann)$/i.exec(file.name);
    if (match) {
      const stem = match[1]!;
      byStem.set(stem, [...(byStem.get(stem) ?? []), file]);
    } else {
      batches.push([file]);
    }
  }
  for (const [stem, group] of byStem) {
    const isPair = group.some((f) => /\.ann$/i.test(f.name));
    batches.push(isPair ? [...group, ...(side.get(folderOf(stem)) ?? [])] : group);
  }
  return batches;
}

/** Hands bytes to the browser as a download. */
export function download(fileName: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes]));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
