#!/bin/sh
# A stand-in for `claude -p --output-format stream-json --verbose` (the prompt on stdin): prints Claude Code's
# stream-json events. FAKE_CLAUDE_MODE picks the ending: success (writes claude.txt), 429, denied.
# With FAKE_CLAUDE_COUNTER set, the mode applies to the first call only; later calls succeed.
mode="${FAKE_CLAUDE_MODE:-success}"
if [ -n "$FAKE_CLAUDE_COUNTER" ]; then
  n=$(cat "$FAKE_CLAUDE_COUNTER" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$FAKE_CLAUDE_COUNTER"
  [ "$n" -gt 1 ] && mode=success
fi
echo '{"type":"system","subtype":"init","session_id":"s1","tools":["Bash","Write"],"model":"fake"}'
echo '{"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"Working on it"}]}}'
case "$mode" in
  success)
    { echo "written by the fake claude: $*"; echo "stdin:"; cat; } > "$HARNESS_WORKSPACE/claude.txt"
    echo '{"type":"result","subtype":"success","is_error":false,"num_turns":2,"result":"Done.","total_cost_usd":0.01,"permission_denials":[]}'
    exit 0 ;;
  429)
    echo '{"type":"result","subtype":"error_during_execution","is_error":true,"api_error_status":429,"result":"API Error: overloaded","total_cost_usd":0}'
    exit 1 ;;
  denied)
    echo '{"type":"result","subtype":"success","is_error":false,"result":"I could not write the file.","permission_denials":[{"tool_name":"Write","tool_use_id":"t1","tool_input":{"file_path":"x"}}]}'
    exit 0 ;;
esac
