"""Every e-mail is a django.tasks task, enqueued after the transaction commits."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


@task()
def send_email_task(
    *, to: list[str], subject: str, body: str, html: str = "", headers: dict[str, str] | None = None
) -> None:
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers=headers or None
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def enqueue_email(
    *, to: list[str], subject: str, body: str, html: str = "", headers: dict[str, str] | None = None
) -> None:
    """Queue a rendered message; it is sent by the worker once the current transaction commits.

    `headers` are extra message headers (e.g. List-Unsubscribe), as strings.
    """
    headers = dict(headers or {})
    transaction.on_commit(
        lambda: send_email_task.enqueue(to=list(to), subject=subject, body=body, html=html, headers=headers)
    )


def send_templated_email(
    *, to: str, template: str, context: dict, language: str | None = None, headers: dict[str, str] | None = None
) -> None:
    """Render `<template>_subject.txt` and `<template>_message.txt` in the recipient's language and queue."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_message.txt", context)
    enqueue_email(to=[to], subject=subject, body=body, headers=headers)
