#!/bin/sh
# Posts each notification (the event's JSON, from stdin) to a webhook, e.g. a chat's incoming hook.
#   HARNESS_WEBHOOK_URL=https://hooks.example/... orchestrator --notify examples/notifiers/webhook.sh "add dark mode"
# The URL comes from the environment, never from the workspace. curl gives up after 5 s; the
# orchestrator kills a notifier that takes longer than --notify-timeout anyway.
set -eu
: "${HARNESS_WEBHOOK_URL:?set HARNESS_WEBHOOK_URL to the webhook to post to}"
exec curl --silent --show-error --fail --max-time 5 \
  -H 'Content-Type: application/json' --data-binary @- "$HARNESS_WEBHOOK_URL"
