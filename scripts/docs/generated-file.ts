/** A file (or the generated part of one) that `npm run docs` writes and a test keeps current. */
export interface GeneratedFile {
  /** Path relative to the project root, such as `docs/configuration.md`. */
  readonly path: string;
  /** The whole file as it should be on disk. */
  readonly content: string;
}

/** A generator: what it writes, computed from the sources under `root`. */
export interface DocsGenerator {
  readonly name: string;
  render(root: string): GeneratedFile[];
}
