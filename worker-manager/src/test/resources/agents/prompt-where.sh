#!/bin/sh
# A stand-in for the claude, codex and aider presets (copied under their names onto PATH): records
# its arguments and the prompt as it arrives (stdin, or aider's --message-file with that file's mode)
# under $FAKE_AGENT_OUT, so a test can tell where the prompt came from.
printf '%s\n' "$@" > "$FAKE_AGENT_OUT/args.txt"
file=""; previous=""
for arg in "$@"; do
  [ "$previous" = "--message-file" ] && file="$arg"
  previous="$arg"
done
if [ -n "$file" ]; then
  cat "$file" > "$FAKE_AGENT_OUT/prompt.txt"
  stat -c %a "$file" > "$FAKE_AGENT_OUT/mode.txt"
else
  cat > "$FAKE_AGENT_OUT/prompt.txt"
fi
exit 0
