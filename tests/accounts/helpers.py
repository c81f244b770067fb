import re

from django.core import mail


def link_in_last_mail(site: str = "http://127.0.0.1:8000") -> str:
    """The path of the one link of the last e-mail sent, without the site's address."""
    found = re.findall(r"https?://\S+/(?:invitation|password-reset)/\S+", mail.outbox[-1].body)
    assert len(found) == 1, mail.outbox[-1].body
    return found[0].split("://", 1)[1].split("/", 1)[1].join(["/", ""])
