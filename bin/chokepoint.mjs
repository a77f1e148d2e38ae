#!/usr/bin/env node
// The `chokepoint` binary: runs the TypeScript CLI through tsx, so what runs is always the source.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
