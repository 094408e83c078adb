#!/bin/sh
# Fake agent in Codex's `exec --json` shape: thread/turn/item events, each turn.completed with its
# usage (input, cached input, output tokens); the harness sums the turns into usage_recorded.
[ "$1" = "--version" ] && { echo "codex-usage 1.0"; exit 0; }
echo "made by $HARNESS_TASK_ID" > "$HARNESS_WORKSPACE/$HARNESS_TASK_ID.txt"
echo '{"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a53"}'
echo '{"type":"turn.started"}'
echo '{"type":"item.completed","item":{"id":"item_0","type":"agent_message","text":"Writing the file."}}'
echo '{"type":"turn.completed","usage":{"input_tokens":24763,"cached_input_tokens":24448,"output_tokens":122}}'
