"""Settings of staff login, two factors, staff sessions, HTTPS and the Content-Security-Policy.

Read by config.settings (its star import); everything variable comes from config.env.
"""

from datetime import timedelta

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from config import env

DEBUG = env.get_bool("DJANGO_DEBUG", default=True)

# Staff login (konto): django-axes locks an account after AXES_FAILURE_LIMIT wrong passwords
# and a client address after AXES_ADRESSE_GRENSE, for AXES_COOLOFF_TIME or until an
# administrator deletes the attempts in the admin. One-time links are not counted.
AXES_HANDLER = "konto.axes.KontoHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = int(env.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADRESSE_GRENSE = int(env.get("AXES_ADRESSE_GRENSE", "30"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env.get("AXES_COOLOFF_MINUTES", "30")))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "konto.axes.client_ip"
AXES_WHITELIST_CALLABLE = "konto.axes.not_a_password_login"
AXES_LOCKOUT_CALLABLE = "konto.axes.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password", "sesame", "kode"]
# Password reset: per e-mail address and per client address, as (count, seconds).
PASSORD_RESET_PER_EPOST = (3, 3600)
PASSORD_RESET_PER_KLIENT = (10, 3600)
# Two factors (TOTP app, recovery codes) for the roles that move money or decide; every staff
# member is offered them. Required unless DEBUG (make run: the demo users are only offered).
TOFAKTOR_PAKREVD = env.get_bool("TOFAKTOR_PAKREVD", default=not DEBUG)
OTP_TOTP_ISSUER = "Omstilling"
# A staff session ends after a working day without activity; applicants' as Django's default.
STAFF_SESSION_SECONDS = int(env.get("STAFF_SESSION_SECONDS", str(9 * 3600)))

# HTTPS: redirect plain HTTP and send HSTS, on by default outside DEBUG; a deployment whose
# proxy already redirects, or that serves plain HTTP on purpose, turns them off.
SECURE_SSL_REDIRECT = env.get_bool("DJANGO_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = int(env.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
# "preload" only consents to the browsers' preload list; nothing is listed until someone applies.
SECURE_HSTS_PRELOAD = env.get_bool("DJANGO_HSTS_PRELOAD", default=True)
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts only from our own static files or with the
# request's nonce; styles from our files and inline (viewflow's frame sets its theme colours
# in a <style> element and its components write style attributes); nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
