/**
 * The baseline of the renderer benchmark (electron/bench/renderer-bench.ts), not part of the app: the same
 * documents, fetched through the same API client, shown in plain CodeMirror with the article's reading
 * extensions (read-only, line wrapping, typography) and no annotation layer. A button per document opens it,
 * as the app's document list does, so both are timed from the same trigger to the same painted frame.
 */
import '../app.css';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { httpApi } from '../lib/api/http.ts';
import { readingExtensions } from '../lib/editor/index.ts';

const api = httpApi();
const root = document.getElementById('bench')!;
root.style.cssText = 'display:flex;flex-direction:column;height:100vh;background:var(--paper)';

const list = document.createElement('section');
list.setAttribute('aria-label', 'Documents');
list.style.cssText = 'display:flex;gap:8px;padding:8px;flex:none';
const host = document.createElement('div');
host.id = 'view';
host.style.cssText = 'flex:1;min-height:0;position:relative;width:100%';
root.append(list, host);

let view: EditorView | null = null;

async function open(id: number): Promise<void> {
  const opened = await api.openDocument({ id });
  view?.destroy();
  host.replaceChildren();
  view = new EditorView({ parent: host, state: EditorState.create({ doc: opened.document.text, extensions: readingExtensions('Article') }) });
  view.dom.style.height = '100%';
  view.focus();
}

// `?open=ID` opens that document at once, as a page that shows one document cold would (the bench's cold figures).
const asked = Number(new URLSearchParams(location.search).get('open'));
if (asked > 0) void open(asked);

void api.listDocuments({}).then((documents) => {
  for (const doc of documents) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = doc.title;
    button.addEventListener('click', () => void open(doc.id));
    list.append(button);
  }
});
