#!/bin/sh
# A desktop notification when a harness run waits for you or ends.
#   orchestrator --notify examples/notifiers/notify-send.sh "add dark mode"
# or in ~/.config/harness/config.yaml:   notify: /path/to/notify-send.sh
# The event arrives as JSON on stdin (unused here); the one-line summary in HARNESS_NOTIFY_SUMMARY.
set -eu
cat >/dev/null
urgency=normal
case "${HARNESS_NOTIFY_SUMMARY:-}" in
  *" waits for "*) urgency=critical ;;
esac
exec notify-send --app-name=harness --urgency="$urgency" "harness" "${HARNESS_NOTIFY_SUMMARY:-a run needs you}"
