/** Line numbers of the items of a top-level JSON array, so JSON inputs can name lines like CSV ones. */

/** Line of each top-level array item's opening brace or bracket (strings and nesting respected). */
export function arrayItemLines(text: string): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (ch === 10) line++
    if (inString) {
      if (ch === 92) i++
      else if (ch === 34) inString = false
      continue
    }
    if (ch === 34) inString = true
    else if (ch === 91 || ch === 123) {
      if (depth === 1) lines.push(line)
      depth++
    } else if (ch === 93 || ch === 125) depth--
  }
  return lines
}
