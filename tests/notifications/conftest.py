import pytest


@pytest.fixture(autouse=True)
def intranet_robots(settings):
    """The test robots listen on 127.0.0.1: allow-listed, as an intranet chat server would be. The
    tests of refused addresses (test_addresses.py) set the list themselves."""
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
