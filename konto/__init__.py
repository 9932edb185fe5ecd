"""Staff accounts: login throttling, two-factor authentication, staff session lifetime."""
