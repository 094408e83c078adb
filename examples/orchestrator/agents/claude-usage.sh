#!/bin/sh
# Fake agent in Claude Code's `-p --output-format stream-json --verbose` shape, ending with the
# result event that carries total_cost_usd, usage (input/output/cache tokens), num_turns and
# permission_denials: the harness records them as a usage_recorded event. Writes <task id>.txt.
[ "$1" = "--version" ] && { echo "claude-usage 1.0"; exit 0; }
echo "made by $HARNESS_TASK_ID" > "$HARNESS_WORKSPACE/$HARNESS_TASK_ID.txt"
echo '{"type":"system","subtype":"init","session_id":"s1","tools":["Bash","Edit","Write"],"model":"claude-sonnet-4-5","permissionMode":"default"}'
echo '{"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"Writing the file."}]},"session_id":"s1"}'
echo '{"type":"result","subtype":"success","is_error":false,"duration_ms":2856,"duration_api_ms":4123,"num_turns":3,"result":"Done.","session_id":"s1","total_cost_usd":0.0421,"usage":{"input_tokens":12,"cache_creation_input_tokens":150,"cache_read_input_tokens":9000,"output_tokens":340,"server_tool_use":{"web_search_requests":0},"service_tier":"standard"},"permission_denials":[]}'
