import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WebsiteContent } from '../../constructs/website-content';
import { packageFile } from '../../core/package-file';
import { resourcesOf, synthStack } from '../support/synth';

const SITE = packageFile('site');

function synthContent(sourceDir: string, cacheControl?: string) {
  return synthStack((stack) => new WebsiteContent(stack, 'content', { bucketName: 'www.example.com', sourceDir, cacheControl }));
}

function objectsByKey(json: Record<string, any>): Record<string, any> {
  return Object.fromEntries(resourcesOf(json, 'aws_s3_object').map((object) => [object.key, object]));
}

function tempSite(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('WebsiteContent', () => {
  test('uploads every file of the example site under its relative key', () => {
    const objects = objectsByKey(synthContent(SITE));
    expect(Object.keys(objects).sort()).toEqual(['css/site.css', 'error.html', 'images/logo.svg', 'index.html']);
    for (const object of Object.values(objects)) {
      expect(object.bucket).toBe('www.example.com');
    }
  });

  test('each object has the Content-Type of its extension', () => {
    const objects = objectsByKey(synthContent(SITE));
    expect(objects['index.html'].content_type).toBe('text/html; charset=utf-8');
    expect(objects['error.html'].content_type).toBe('text/html; charset=utf-8');
    expect(objects['css/site.css'].content_type).toBe('text/css; charset=utf-8');
    expect(objects['images/logo.svg'].content_type).toBe('image/svg+xml');
  });

  test('an unknown extension gets application/octet-stream', () => {
    const objects = objectsByKey(synthContent(tempSite({ 'index.html': '<p>x</p>', 'data.unknownext': 'x' })));
    expect(objects['data.unknownext'].content_type).toBe(WebsiteContent.DEFAULT_CONTENT_TYPE);
  });

  test("the etag is the file's MD5, so a changed file changes the plan", () => {
    const objects = objectsByKey(synthContent(SITE));
    const md5 = createHash('md5')
      .update(fs.readFileSync(path.join(SITE, 'index.html')))
      .digest('hex');
    expect(objects['index.html'].etag).toBe(md5);
    const before = objectsByKey(synthContent(tempSite({ 'index.html': 'one' })))['index.html'].etag;
    const after = objectsByKey(synthContent(tempSite({ 'index.html': 'two' })))['index.html'].etag;
    expect(before).not.toBe(after);
  });

  test("sources point into the stack's copy of the folder", () => {
    const objects = objectsByKey(synthContent(SITE));
    expect(objects['css/site.css'].source).toMatch(/^assets\/[^/]+\/[0-9A-F]+\/css\/site\.css$/i);
  });

  test('files are listed in code-unit order, whatever the locale: upper case before lower case', () => {
    // GIVEN names a locale's collation orders otherwise ("a" before "B", "_" before "-")
    const dir = tempSite({ 'a.html': 'a', 'B.html': 'b', 'x_1.css': 'c', 'x-1.css': 'd' });
    // THEN the objects come in the order of their names' UTF-16 code units, on every machine
    const json = synthContent(dir);
    expect(resourcesOf(json, 'aws_s3_object').map((object) => object.key)).toEqual(['B.html', 'a.html', 'x-1.css', 'x_1.css']);
  });

  test('hidden files are not uploaded', () => {
    const objects = objectsByKey(synthContent(tempSite({ 'index.html': 'x', '.DS_Store': 'x', '.git/config': 'x' })));
    expect(Object.keys(objects)).toEqual(['index.html']);
  });

  test('HTML pages get a short Cache-Control by default, since nothing invalidates CloudFront after a deploy; other files none', () => {
    const objects = objectsByKey(synthContent(tempSite({ 'index.html': 'x', 'blog/post.html': 'x', 'style.css': 'x' })));
    expect(WebsiteContent.DEFAULT_HTML_CACHE_CONTROL).toBe('public, max-age=300');
    expect(objects['index.html'].cache_control).toBe(WebsiteContent.DEFAULT_HTML_CACHE_CONTROL);
    expect(objects['blog/post.html'].cache_control).toBe(WebsiteContent.DEFAULT_HTML_CACHE_CONTROL);
    expect(objects['style.css'].cache_control).toBeUndefined();
  });

  test('cacheControl is set on every object but the pages; htmlCacheControl on the pages', () => {
    const objects = Object.values(
      objectsByKey(
        synthStack(
          (stack) =>
            new WebsiteContent(stack, 'content', {
              bucketName: 'www.example.com',
              sourceDir: SITE,
              cacheControl: 'max-age=86400',
              htmlCacheControl: 'no-cache',
            }),
        ),
      ),
    );
    expect(objects.filter((object) => object.content_type.startsWith('text/html')).length).toBeGreaterThan(0);
    for (const object of objects) {
      expect(object.cache_control).toBe(object.content_type.startsWith('text/html') ? 'no-cache' : 'max-age=86400');
    }
  });

  test('rejects a folder that does not exist', () => {
    expect(() => synthContent('/does/not/exist')).toThrow(/test\/content: sourceDir "\/does\/not\/exist": is not a folder/);
  });

  test('rejects a folder without files', () => {
    const empty = tempSite({ '.hidden': 'x' });
    expect(() => synthContent(empty)).toThrow(/sourceDir ".*": has no files to upload; add at least an index document/);
  });
});
