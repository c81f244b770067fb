"""The demo loads as `demo`: its changes are the demo's in the audit log, not a person's."""

from taskbook.orgs.actors import System

DEMO = System("demo")
