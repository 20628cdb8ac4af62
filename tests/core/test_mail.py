from __future__ import annotations

from typing import Any

from django.core import mail
from django.core.mail import EmailMultiAlternatives


def test_queued_backend_delivers_through_the_task_with_the_delivery_backend(settings: Any) -> None:
    # given the production wiring: pages use the queue, the task uses the real backend
    settings.EMAIL_BACKEND = "befus.core.mail.QueuedEmailBackend"
    settings.BEFUS_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    message = EmailMultiAlternatives(
        "Bienvenue",
        "Texte",
        "forum@example.org",
        ["karim@example.org"],
        reply_to=["sec@example.org"],
    )
    message.attach_alternative("<p>Texte</p>", "text/html")
    message.attach("note.txt", b"contenu", "text/plain")
    # when
    sent = message.send()
    # then the message arrives whole
    assert sent == 1
    [delivered] = mail.outbox
    assert delivered.subject == "Bienvenue"
    assert delivered.to == ["karim@example.org"]
    assert delivered.reply_to == ["sec@example.org"]
    assert delivered.alternatives[0][0] == "<p>Texte</p>"
    assert delivered.attachments[0] == ("note.txt", "contenu", "text/plain")
