/** Recent rule changes and rules whose status may be out of date (filled in once the rulebook API is known). */
export function RuleChanges() {
  return null
}
