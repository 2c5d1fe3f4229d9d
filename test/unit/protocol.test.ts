// Command ids live in protocol.ts: the manifest contributes exactly the client's, the client
// registers each by its constant (no string literal), and the server executes exactly its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ClientCommands, ServerCommands } from '../../server/src/protocol';
import { COMMAND_LIST } from '../../server/src/lsp/commands';

test('package.json contributes exactly the client commands of protocol.ts', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const contributed = (pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(ClientCommands).sort());
});

test('the client uses the protocol constants: every client command registered by name, no command id literal', () => {
  const src = readdirSync('client/src').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(path.join('client/src', f), 'utf8')).join('\n');
  for (const key of Object.keys(ClientCommands)) assert.match(src, new RegExp(`ClientCommands\\.${key}\\b`), `ClientCommands.${key} used`);
  for (const id of [...Object.values(ClientCommands), ...Object.values(ServerCommands)]) {
    assert.ok(!src.includes(`'${id}'`), `the literal '${id}' in client/src`);
  }
});

test('the server executes exactly the server commands of protocol.ts', () => {
  assert.deepEqual([...COMMAND_LIST].sort(), Object.values(ServerCommands).sort());
});
