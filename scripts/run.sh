#!/usr/bin/env bash
# `make run`'s last step: the development server, and beside it the background worker that reads
# uploads (`db_worker`). When the server ends (Ctrl-C, or it fails) the worker is stopped too.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

"$PY" manage.py resume_uploads -v 0 >/dev/null  # what a stopped worker left half-read
"$PY" manage.py db_worker --no-reload &
worker=$!
trap 'kill -TERM "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT
"$PY" manage.py runserver "$@"
