#!/bin/sh
# A fake external planner: keeps the prompt for the test to inspect, answers like `claude -p --output-format json`.
cat > planner-prompt.txt
cat <<'JSON'
{"type":"result","subtype":"success","is_error":false,"result":"Here is the plan:\n```json\n[{\"id\":\"a\",\"title\":\"Add the dark palette\",\"objective\":\"Add a dark palette to src/theme/theme.js\",\"scope\":\"module\",\"scope_path\":\"src/theme\",\"acceptance_tests\":[\"npm test\"],\"depends_on\":[]},{\"id\":\"b\",\"title\":\"Use the theme in the dashboard\",\"objective\":\"Pass the theme to renderDashboard in src/dashboard\",\"scope\":\"module\",\"scope_path\":\"src/dashboard\",\"acceptance_tests\":[\"npm test\"],\"depends_on\":[]},{\"id\":\"c\",\"title\":\"Verify\",\"objective\":\"Run npm run build and npm test\",\"scope\":\"workspace\",\"scope_path\":\".\",\"acceptance_tests\":[\"npm run build\",\"npm test\"],\"depends_on\":[\"a\",\"b\"]}]\n```\nDone."}
JSON
