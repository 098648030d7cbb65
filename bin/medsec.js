#!/usr/bin/env node
// The CLI entry: loads the TypeScript sources through tsx so that `npx medsec` works right after install.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
await main(process.argv)
