"""gunicorn's settings for a deployment: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Each can be overridden on the command line or by GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
# Synchronous workers: the pages are short database reads. Two a core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A synchronous worker is killed when one request runs longer than this, and what it had sent
# stands as the whole response. The longest request is the whole CSV export of 250,000 findings:
# about 11 s of CPU, up to 40 s on a saturated machine (BENCHMARKS.md, "The export"); its last
# line says where it ends, so a cut is seen.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# Workers start afresh now and then, so that no slow growth of memory lasts.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
