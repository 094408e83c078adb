#!/usr/bin/env node
// A small stdio MCP server for the dashboard workspace: newline-delimited JSON-RPC 2.0 on
// stdin/stdout (logs go to stderr). Tools: echo, and list_themes (read from src/theme/theme.js).
const readline = require('readline');
const path = require('path');

const SERVER = { name: 'dashboard-tools', version: '1.0.0' };
const TOOLS = [
  {
    name: 'echo',
    description: 'Returns the text it is given.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
  {
    name: 'list_themes',
    description: 'Lists the dashboard themes and their colours.',
    inputSchema: { type: 'object', properties: {} },
  },
];

function callTool(name, args) {
  if (name === 'echo') {
    if (typeof args.text !== 'string') throw { code: -32602, message: 'echo needs a string "text"' };
    return { content: [{ type: 'text', text: args.text }] };
  }
  if (name === 'list_themes') {
    const { THEMES } = require(path.join(__dirname, '..', 'src', 'theme', 'theme.js'));
    return { content: [{ type: 'text', text: JSON.stringify(THEMES) }] };
  }
  throw { code: -32602, message: `unknown tool: ${name}` };
}

function handle(message) {
  const params = message.params || {};
  switch (message.method) {
    case 'initialize':
      return {
        protocolVersion: params.protocolVersion || '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: SERVER,
      };
    case 'ping':
      return {};
    case 'tools/list':
      return { tools: TOOLS };
    case 'tools/call':
      return callTool(params.name, params.arguments || {});
    default:
      throw { code: -32601, message: `method not found: ${message.method}` };
  }
}

const send = (reply) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...reply }) + '\n');

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  let message;
  try {
    message = JSON.parse(line);
  } catch (e) {
    return send({ id: null, error: { code: -32700, message: 'parse error' } });
  }
  if (message.id === undefined) return; // a notification, e.g. notifications/initialized
  try {
    send({ id: message.id, result: handle(message) });
  } catch (e) {
    send({ id: message.id, error: { code: e.code || -32603, message: e.message || String(e) } });
  }
});
