/**
 * Example input files shipped in the repository's examples/ folder, bundled as lazily loaded text so the
 * dashboard can offer "try an example" without a server route. Each file becomes its own small chunk.
 */
const FILES = import.meta.glob<string>(
  [
    '../../../examples/**/*.csv',
    '../../../examples/**/*.json',
    '../../../examples/**/*.yaml',
    '../../../examples/**/*.yml',
  ],
  {
    query: '?raw',
    import: 'default',
  }
)

export interface ExampleFile {
  /** Path inside examples/, e.g. `exposure/ev-motor-bom.csv`. */
  path: string
  name: string
  load: () => Promise<string>
}

/** Example files whose path matches `test` (e.g. /bom/i), sorted by path. */
export function examplesMatching(test: RegExp): ExampleFile[] {
  return Object.entries(FILES)
    .map(([key, load]) => {
      const path = key.replace(/^.*?examples\//, '')
      return { path, name: path.split('/').pop() ?? path, load }
    })
    .filter((f) => test.test(f.path))
    .sort((a, b) => a.path.localeCompare(b.path))
}
