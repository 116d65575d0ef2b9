"""Alert subscriptions and the digest."""

# Signing salts: a confirmation link cannot be used to unsubscribe and the other way round. They keep the
# names they had when alerts lived in the notifications app: links sent before still work.
SALT_CONFIRM = "notifications.alerts.confirm"
SALT_UNSUBSCRIBE = "notifications.alerts.unsubscribe"
CONFIRMATION_MAX_AGE = 7 * 24 * 3600  # seconds a confirmation link stays valid
CONFIRMATIONS_PER_DAY = 3  # confirmation emails per address per 24 h (anti-abuse)

# Subscriptions handled per transaction by the digest (their emails are queued while the next page is built).
DIGEST_PAGE_SIZE = 500
# Items listed per section of a digest (the rest is counted).
MAX_ITEMS_PER_SECTION = 20
