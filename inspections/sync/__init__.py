"""Ofsted's reports site -> stored documents: the sync behind `manage.py sync_ofsted`.

- client.py: polite HTTP (a pause between requests, timeouts, bounded retries, a size limit)
- providers.py: the listing walked page by page, each provider matched to an authority
- publications.py: one publication skipped, found stored, or fetched and ingested
- service.py: a run, recorded as a SyncRun and picked up again after a stop
- links.py: addresses on the site and the User-Agent
- models.py: OfstedProvider and SyncRun (re-exported by the inspections.models package)

The pages themselves are read by inspections.parsing.ofsted_site (no Django, no network).
"""
