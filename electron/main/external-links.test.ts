import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWebUrl, openLinkQuestion } from './external-links.ts';

describe('links out of the app', () => {
  it('are web addresses only', () => {
    for (const url of ['https://example.org/a', 'http://127.0.0.1:8123/']) assert.equal(isWebUrl(url), true, url);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'app://parley/index.html', 'not a url', '']) {
      assert.equal(isWebUrl(url), false, url);
    }
  });

  it('are opened only when the analyst says so, having seen the whole address; Cancel is the default', () => {
    const question = openLinkQuestion('https://example.org/a?b=c');
    assert.equal(question.detail, 'https://example.org/a?b=c');
    assert.equal(question.buttons[question.defaultId], 'Cancel');
    assert.equal(question.cancelId, question.defaultId);
  });
});
