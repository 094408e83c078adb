#!/bin/sh
# First answer has a dependency cycle; once the prompt says it was rejected, answers a valid plan.
prompt=$(cat)
printf '%s' "$prompt" > planner-prompt.txt
case "$prompt" in
  *"previous answer was rejected"*)
    echo '{"packets":[{"id":"a","title":"Theme","objective":"Add a dark palette to src/theme","scope":"module","scope_path":"src/theme","acceptance_tests":["npm test"],"depends_on":[]},{"id":"b","title":"Dashboard","objective":"Use the palette in src/dashboard","scope":"module","scope_path":"src/dashboard","acceptance_tests":["npm test"],"depends_on":["a"]},{"id":"c","title":"Verify","objective":"Run the build and the tests","scope":"workspace","scope_path":".","acceptance_tests":["npm run build"],"depends_on":["b"]}]}'
    ;;
  *)
    echo 'Sure! [{"id":"a","objective":"x","scope":"workspace","acceptance_tests":["npm test"],"depends_on":["b"]},{"id":"b","objective":"y","scope":"workspace","acceptance_tests":["npm test"],"depends_on":["a"]}]'
    ;;
esac
