"""gunicorn's settings for the portal (gunicorn reads ./gunicorn.conf.py from the directory it starts in).

Requests gunicorn refuses itself, before Django sees them (a request line over 4 KB, a header over 8 KB,
more than 100 headers, a malformed request line or Content-Length), get the site's 400 page with the
security headers instead of gunicorn's bare page (portal/server_errors.py).
"""


def post_worker_init(worker):
    from portal.server_errors import install

    install()
